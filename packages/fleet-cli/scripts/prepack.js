#!/usr/bin/env node
/*
 * Around `yarn pack`: the packed package.json points at the bundle and
 * declares no dependencies (they are bundled in dist/fleet/), so `npm
 * install <tarball>` needs nothing from a registry. `--restore` puts the
 * workspace's package.json back.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const file = path.resolve(__dirname, '../package.json');
const backup = `${file}.workspace`;

if (process.argv.includes('--restore')) {
  if (fs.existsSync(backup)) fs.renameSync(backup, file);
} else {
  execFileSync(process.execPath, [path.resolve(__dirname, 'bundle.js')], {
    stdio: 'inherit',
  });
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.copyFileSync(file, backup);
  delete pkg.dependencies;
  delete pkg.devDependencies;
  delete pkg.types;
  pkg.main = 'dist/fleet/fleet.mjs';
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}
