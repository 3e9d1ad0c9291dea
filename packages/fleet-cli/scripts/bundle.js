#!/usr/bin/env node
/*
 * Builds `fleet` into plain JavaScript under dist/fleet/: the CLI, the
 * engine and their dependencies bundled by esbuild, so an installed `fleet`
 * starts without a TypeScript transform and needs no workspace package from
 * a registry. ES modules with code splitting: `fleet --help` loads the entry
 * chunk only, each command its own chunks when it runs.
 */
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

// a test bundles into a directory of its own
const outdir = path.resolve(
  process.argv[2] ?? path.resolve(__dirname, '../dist/fleet'),
);
// chunk names carry content hashes: stale chunks must not be packed
fs.rmSync(outdir, { recursive: true, force: true });

esbuild
  .build({
    entryPoints: [path.resolve(__dirname, '../src/index.ts')],
    outdir,
    outExtension: { '.js': '.mjs' },
    entryNames: 'fleet',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies call require(); ES modules have none of their own
    banner: {
      js: "import { createRequire as __fleetRequire } from 'node:module'; const require = __fleetRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  })
  .catch(() => {
    process.exitCode = 1;
  });
