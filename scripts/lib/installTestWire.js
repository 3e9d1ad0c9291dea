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
 * - app-config.local.yaml: the fleet source, the example catalog, and ports
 *   that do not collide with a development `yarn start`.
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

// 4. the legacy frontend snippet, type-checked by the app's `yarn tsc`
const legacyImports = readmeLines(
  frontendReadme,
  /^import \{[^}]+\} from '@flux-fleet\/backstage-plugin-fleet';$/,
);
const legacyBlock = readme(frontendReadme).match(/```tsx\n([\s\S]*?)```/);
if (!legacyBlock)
  throw new Error(`${frontendReadme} has no tsx (legacy) code block`);
const jsx = legacyBlock[1]
  .split('\n')
  .map(l => l.trim())
  .filter(l => l.startsWith('<'));
fs.writeFileSync(
  path.join(appDir, 'packages/app/src/LegacyFleetSnippet.tsx'),
  [
    '// The legacy frontend snippet of the Fleet README, type-checked by the install test.',
    "import { Route } from 'react-router-dom';",
    "import { Grid } from '@material-ui/core';",
    ...new Set(legacyImports),
    '',
    'export const legacyFleetSnippet = (',
    '  <>',
    ...jsx.map(l => `    ${l}`),
    '  </>',
    ');',
    '',
  ].join('\n'),
);

// 5. configuration: the example fleet and its catalog, distinct ports
const example = path.join(appDir, 'fleet-example');
fs.cpSync(path.join(repoRoot, 'examples/fleet'), path.join(example, 'fleet'), {
  recursive: true,
});
fs.cpSync(
  path.join(repoRoot, 'examples/catalog'),
  path.join(example, 'catalog'),
  { recursive: true },
);
const location = (file, kinds) =>
  `    - type: file\n      target: ../../fleet-example/catalog/${file}\n      rules:\n        - allow: [${kinds}]\n`;
fs.writeFileSync(
  path.join(appDir, 'app-config.local.yaml'),
  `app:
  baseUrl: http://localhost:${appPort}
backend:
  baseUrl: http://localhost:${backendPort}
  listen:
    port: ${backendPort}
  cors:
    origin: http://localhost:${appPort}
catalog:
  locations:
${location('org.yaml', 'User, Group')}${location(
    'platform.yaml',
    'Group',
  )}${location('components.yaml', 'Component, System')}
fleet:
  source:
    path: ../../fleet-example/fleet
`,
);
console.log(
  `wired ${Object.keys(versions).length} packages; backend: ${
    addLines.length
  } backend.add lines; app: ${feature} + legacy snippet`,
);
