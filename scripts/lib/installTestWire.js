#!/usr/bin/env node
/*
 * Wires the packed Fleet packages into a fresh `@backstage/create-app` app
 * the way the package READMEs tell a platform team to, taking the code from
 * the READMEs themselves so that a README that drifts from the packages fails
 * the install test:
 *
 * - dependencies added by name and semver range (what `yarn add` writes);
 *   the unpublished tarballs stand in for the registry through root
 *   `resolutions` (name -> file:fleet-packs/<tarball>), plus this
 *   repository's own resolutions for the registry's lagging platform
 *   binaries (YN0082);
 * - every `backend.add(import('@flux-fleet/…'))` line of the backend READMEs
 *   into packages/backend/src/index.ts;
 * - the new frontend system import of the frontend README into
 *   packages/app/src/App.tsx `features`;
 * - the README's legacy frontend snippet into a component that the app's
 *   `yarn tsc` type-checks against the published declarations;
 * - app-config.local.yaml: the fleet backend README's configuration block,
 *   the example catalog, and ports that do not collide with a development
 *   `yarn start`.
 *
 * usage: node installTestWire.js <appDir> <packsDir> <repoRoot> <appPort> <backendPort>
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [appDir, packsDir, repoRoot, appPort, backendPort] =
  process.argv.slice(2);
if (!backendPort) {
  throw new Error(
    'usage: installTestWire.js <appDir> <packsDir> <repoRoot> <appPort> <backendPort>',
  );
}
const readJson = f => JSON.parse(fs.readFileSync(f, 'utf8'));
const writeJson = (f, v) =>
  fs.writeFileSync(f, `${JSON.stringify(v, null, 2)}\n`);
const readme = rel => fs.readFileSync(path.join(repoRoot, rel), 'utf8');

/** The lines of a README that match `re`; a README without one is an error. */
function readmeLines(rel, re) {
  const lines = readme(rel)
    .split('\n')
    .map(l => l.trim())
    .filter(l => re.test(l));
  if (lines.length === 0) throw new Error(`${rel} has no line matching ${re}`);
  return lines;
}

// 1. packages: tarball per name, as the registry would serve them
const local = path.join(appDir, 'fleet-packs');
fs.mkdirSync(local, { recursive: true });
const versions = {};
const rootPkg = readJson(path.join(appDir, 'package.json'));
rootPkg.resolutions = {
  ...readJson(path.join(repoRoot, 'package.json')).resolutions,
  ...rootPkg.resolutions,
};
for (const packed of fs.readdirSync(packsDir).filter(f => f.endsWith('.tgz'))) {
  // `yarn pack --out %s` keeps the scope's @; a plain file name is easier to reference
  const file = packed.replace(/^@/, '');
  fs.copyFileSync(path.join(packsDir, packed), path.join(local, file));
  const manifest = JSON.parse(
    execFileSync(
      'tar',
      ['-xzOf', path.join(local, file), 'package/package.json'],
      {
        encoding: 'utf8',
      },
    ),
  );
  if (manifest.private) throw new Error(`${manifest.name} is private`);
  versions[manifest.name] = manifest.version;
  rootPkg.resolutions[manifest.name] = `file:./fleet-packs/${file}`;
}
// create-app fetches a yarn.lock seed from GitHub that keeps the @backstage
// packages of one release together; unreachable here, newer patch releases
// float in and mix releases (seen: plugin-signals-backend 0.3.21 needs a
// backend-defaults newer than the template's). This repository was created
// from the same release: its lockfile is the seed, pinned per direct dependency.
const ourLock = fs.readFileSync(path.join(repoRoot, 'yarn.lock'), 'utf8');
for (const ws of ['packages/app', 'packages/backend']) {
  const deps = readJson(path.join(appDir, ws, 'package.json')).dependencies;
  for (const [name, range] of Object.entries(deps)) {
    if (!name.startsWith('@backstage/') || rootPkg.resolutions[name]) continue;
    const key = `${name}@npm:${range}`;
    const at = ourLock
      .split('\n\n')
      .find(
        e =>
          e.split('\n')[0].includes(`"${key}`) ||
          e.split('\n')[0].includes(`, ${key}`),
      );
    const version = at?.match(/\n  version: (\S+)/)?.[1];
    if (version) rootPkg.resolutions[name] = version;
  }
}
// better-sqlite3 compiles from source here (its prebuilt binaries come from
// GitHub): most of the fresh install's time. This repository's node_modules
// holds the same release built by the same Node (scripts/env.sh), so when it
// satisfies the template's range the app gets that version with its install
// script off (Yarn's dependenciesMeta `built: false`) and install-test.sh
// copies the built addon in. FRESH_NATIVE=1 compiles it as a user would.
const reuseNative = [];
const templateBackend = readJson(
  path.join(appDir, 'packages/backend/package.json'),
);
for (const name of process.env.FRESH_NATIVE ? [] : ['better-sqlite3']) {
  const ours = path.join(repoRoot, 'node_modules', name);
  const range = templateBackend.dependencies[name];
  if (!range || !fs.existsSync(path.join(ours, 'build/Release'))) continue;
  const { version } = readJson(path.join(ours, 'package.json'));
  const semver = require(path.join(repoRoot, 'node_modules/semver'));
  if (!semver.satisfies(version, range)) continue;
  rootPkg.resolutions[name] = version;
  rootPkg.dependenciesMeta = {
    ...rootPkg.dependenciesMeta,
    [name]: { built: false },
  };
  reuseNative.push(`${name} ${path.join(ours, 'build')}`);
}
fs.writeFileSync(
  path.join(appDir, 'fleet-packs/reuse-native.txt'),
  reuseNative.map(l => `${l}\n`).join(''),
);
writeJson(path.join(appDir, 'package.json'), rootPkg);

// 2. the backend: dependencies and the README's backend.add lines
const backendReadmes = [
  'plugins/fleet-backend/README.md',
  'plugins/catalog-backend-module-fleet/README.md',
  'plugins/scaffolder-backend-module-fleet/README.md',
];
// Prettier may wrap a statement over several lines: read it whole, write it as one
const addLines = backendReadmes.flatMap(rel => {
  const found = [
    ...readme(rel).matchAll(
      /backend\.add\(\s*import\('(@flux-fleet\/[^']+)'\),?\s*\);/g,
    ),
  ].map(m => `backend.add(import('${m[1]}'));`);
  if (found.length === 0)
    throw new Error(`${rel} has no backend.add(import('@flux-fleet/…'))`);
  return found;
});
const backendPkgFile = path.join(appDir, 'packages/backend/package.json');
const backendPkg = readJson(backendPkgFile);
for (const line of addLines) {
  const name = line.match(/import\('([^']+)'\)/)[1];
  if (!versions[name])
    throw new Error(`README names ${name}, which was not packed`);
  backendPkg.dependencies[name] = `^${versions[name]}`;
}
writeJson(backendPkgFile, backendPkg);
const backendIndex = path.join(appDir, 'packages/backend/src/index.ts');
const backendSrc = fs.readFileSync(backendIndex, 'utf8');
if (!backendSrc.includes('backend.start();'))
  throw new Error('no backend.start() in the template');
fs.writeFileSync(
  backendIndex,
  backendSrc.replace(
    'backend.start();',
    `${[...new Set(addLines)].join('\n')}\n\nbackend.start();`,
  ),
);

// 3. the app: new frontend system feature
const frontendReadme = 'plugins/fleet/README.md';
const [alphaImport] = readmeLines(
  frontendReadme,
  /^import \w+ from '@flux-fleet\/backstage-plugin-fleet\/alpha';$/,
);
const feature = alphaImport.split(' ')[1];
const appPkgFile = path.join(appDir, 'packages/app/package.json');
const appPkg = readJson(appPkgFile);
appPkg.dependencies[
  '@flux-fleet/backstage-plugin-fleet'
] = `^${versions['@flux-fleet/backstage-plugin-fleet']}`;
writeJson(appPkgFile, appPkg);
const appFile = path.join(appDir, 'packages/app/src/App.tsx');
const appSrc = fs.readFileSync(appFile, 'utf8');
if (!/features: \[/.test(appSrc))
  throw new Error('no features: [ in the template App.tsx');
fs.writeFileSync(
  appFile,
  `${alphaImport}\n${appSrc.replace('features: [', `features: [${feature}, `)}`,
);

// 4. the legacy frontend snippet, type-checked by the app's `yarn tsc`: its
// import statements as written (Prettier spreads them over several lines),
// its JSX fragments side by side in one fragment. A legacy App.tsx and
// EntityPage.tsx already import what the snippet uses from the template
// (Route, Grid, ScaffolderPage, EntityLayout, EntitySwitch); the template
// app of the new frontend system lacks @backstage/plugin-scaffolder-react,
// added at the release of this repository's lockfile.
const legacyBlock = readme(frontendReadme).match(/```tsx\n([\s\S]*?)```/);
if (!legacyBlock)
  throw new Error(`${frontendReadme} has no tsx (legacy) code block`);
const importRe = /^import [\s\S]*? from '[^']+';$/gm;
const legacyImports = legacyBlock[1].match(importRe) ?? [];
if (
  !legacyImports.some(i => i.includes("'@flux-fleet/backstage-plugin-fleet'"))
)
  throw new Error(
    `${frontendReadme}: the legacy snippet imports nothing from the plugin`,
  );
const jsx = legacyBlock[1]
  .replace(importRe, '')
  .split('\n')
  .filter(l => l.trim() && !l.trim().startsWith('//'));
const scaffolderReact = '@backstage/plugin-scaffolder-react';
if (legacyImports.some(i => i.includes(`'${scaffolderReact}'`))) {
  const { version } = readJson(
    path.join(repoRoot, 'node_modules', scaffolderReact, 'package.json'),
  );
  appPkg.dependencies[scaffolderReact] = `^${version}`;
  writeJson(appPkgFile, appPkg);
  rootPkg.resolutions[scaffolderReact] = version;
  writeJson(path.join(appDir, 'package.json'), rootPkg);
}
fs.writeFileSync(
  path.join(appDir, 'packages/app/src/LegacyFleetSnippet.tsx'),
  [
    '// The legacy frontend snippet of the Fleet README, type-checked by the install test.',
    "import { Route } from 'react-router-dom';",
    "import { Grid } from '@material-ui/core';",
    "import { ScaffolderPage } from '@backstage/plugin-scaffolder';",
    "import { EntityLayout, EntitySwitch } from '@backstage/plugin-catalog';",
    ...legacyImports,
    '',
    'export const legacyFleetSnippet = (',
    '  <>',
    ...jsx.map(l => `    ${l}`),
    '  </>',
    ');',
    '',
  ].join('\n'),
);

// 5. configuration: the example fleet and catalog beside the template's own
// examples/, the fleet backend README's app-config block as written, and
// ports that do not collide with a development `yarn start`
for (const dir of ['fleet', 'catalog']) {
  fs.cpSync(
    path.join(repoRoot, 'examples', dir),
    path.join(appDir, 'examples', dir),
    { recursive: true },
  );
}
const configReadme = 'plugins/fleet-backend/README.md';
const configBlock = readme(configReadme).match(
  /```yaml\n# app-config\.yaml\n([\s\S]*?)```/,
);
if (!configBlock)
  throw new Error(`${configReadme} has no "# app-config.yaml" yaml block`);
const YAML = require(path.join(repoRoot, 'node_modules/yaml'));
const readmeConfig = YAML.parse(configBlock[1]);
if (!readmeConfig?.fleet?.source)
  throw new Error(`${configReadme}: its app-config block has no fleet.source`);
const location = file => ({
  type: 'file',
  target: `../../examples/catalog/${file}`,
  rules: [
    {
      allow: {
        'org.yaml': ['User', 'Group'],
        'platform.yaml': ['Group'],
        'components.yaml': ['Component', 'System'],
      }[file],
    },
  ],
});
fs.writeFileSync(
  path.join(appDir, 'app-config.local.yaml'),
  YAML.stringify({
    app: { baseUrl: `http://localhost:${appPort}` },
    backend: {
      baseUrl: `http://localhost:${backendPort}`,
      listen: { port: Number(backendPort) },
      cors: { origin: `http://localhost:${appPort}` },
    },
    catalog: {
      locations: ['org.yaml', 'platform.yaml', 'components.yaml'].map(location),
    },
    ...readmeConfig,
  }),
);
console.log(
  `wired ${Object.keys(versions).length} packages; backend: ${
    addLines.length
  } backend.add lines; app: ${feature} + legacy snippet`,
);
