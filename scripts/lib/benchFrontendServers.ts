/*
 * The servers of the frontend benchmark (scripts/bench/benchFrontend.ts): a
 * generated fleet with one annotated component per app, the real backend on
 * it, and the app either as a production build served by the backend
 * (`@backstage/plugin-app-backend`, as a deployment serves it: README
 * "Production build") or on the development server of `yarn start`.
 *
 * The backend runs as `yarn start` runs it but without its file watcher, so
 * an edit elsewhere in the tree cannot restart it mid-run; its fleet data
 * folder is a temporary one, never the development `.fleet-data`.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateFleet } from '../../plugins/fleet-node/bench/generateFleet';

/** Where the app comes from: its production build or the development server. */
export type AppMode = 'prod' | 'dev';

const root = path.resolve(__dirname, '../..');

/** The bench's component names: `app-0001` … */
export const appName = (j: number) => `app-${String(j).padStart(4, '0')}`;

/** Writes the fleet, the components and the backend config into `dir`; returns the config's path. */
export function writeInputs(
  dir: string,
  shape: { clusters: number; apps: number },
  mode: AppMode,
): string {
  const repo = path.join(dir, 'fleet');
  generateFleet(repo, shape);
  const components = Array.from({ length: shape.apps }, (_, j) =>
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      `metadata: { name: ${appName(j + 1)}, ` +
        `annotations: { flux-fleet.io/app: ${appName(j + 1)} } }`,
      'spec: { type: service, lifecycle: production, owner: team-x }',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'components.yaml'),
    components.join('\n---\n'),
  );
  const config = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(
    config,
    [
      // the production app is served by the backend: one origin, as deployed
      ...(mode === 'prod' ? ['app:', '  baseUrl: http://localhost:7007'] : []),
      'fleet:',
      `  source: { path: ${repo}, embedded: true }`,
      `  dataDir: ${path.join(dir, 'data')}`,
      'catalog:',
      '  locations:',
      `    - { type: file, target: ${path.join(dir, 'components.yaml')} }`,
      `    - { type: file, target: ${path.join(
        root,
        'examples/catalog/org.yaml',
      )} }`,
    ].join('\n'),
  );
  return config;
}

function start(cmd: string, argv: string[], name: string, cwd: string) {
  const child = spawn(cmd, argv, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
    },
  });
  const log = fs.createWriteStream(
    path.join(os.tmpdir(), `fleet-bench-frontend-${name}.log`),
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Builds the app as `yarn build:backend` does (`packages/app/dist`); returns the seconds it took. */
export function buildApp(): number {
  const t0 = Date.now();
  const res = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('yarn workspace app build failed');
  return (Date.now() - t0) / 1000;
}

/**
 * Starts the backend (and, for `dev`, the development server) on `config`;
 * returns the processes and the app's base URL. Ports 3000 (dev) and 7007
 * must be free.
 */
export function startServers(
  config: string,
  mode: AppMode,
): { children: ChildProcess[]; baseUrl: string } {
  if (mode === 'prod' && !fs.existsSync(path.join(root, 'packages/app/dist'))) {
    throw new Error('packages/app/dist is missing: run without --skip-build');
  }
  const children = [
    start(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        '../../app-config.yaml',
        '--config',
        config,
      ],
      'backend',
      path.join(root, 'packages/backend'),
    ),
  ];
  if (mode === 'dev') {
    children.push(start('yarn', ['workspace', 'app', 'start'], 'app', root));
  }
  return {
    children,
    baseUrl:
      mode === 'prod' ? 'http://localhost:7007' : 'http://localhost:3000',
  };
}

/** Stops what {@link startServers} started (each process group, by its id). */
export function stopServers(children: ChildProcess[]) {
  for (const child of children) {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}

/** Calls `check` every 2 s until it resolves true; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15 * 60_000,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(`timed out waiting for ${what}`);
}
