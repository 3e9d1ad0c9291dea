/*
 * Issue 7, must-show 2, measured on the real backend: starts packages/backend
 * (from its TypeScript sources, without the file watcher) on a git copy of
 * examples/fleet with a short refresh, then
 *   (a) commits foo-app into clusters/prod/apps/kustomization.yaml and times
 *       the catalog's deployedTo relation foo-app → prod and the API's
 *       /deployments listing prod;
 *   (b) commits invalid YAML into clusters/prod/infra/kustomization.yaml:
 *       no entity and no object disappears, prod's infra objects are stale,
 *       the problem is served by /api/fleet/problems;
 *   (c) renames the repository away: everything is kept, the status says why.
 * A failing URL read is covered by UrlFleetSource.test.ts (msw: 5xx, 401,
 * rate limit, keeping the last good model). Run by hand:
 *
 *   source scripts/env.sh
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench-relations-delay.ts \
 *     [--refresh 10] [--processing 20] [--port 7108]
 */
import { numberArg } from './lib/benchBackend';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commitBenchRepo } from './lib/benchRepo';

const refresh = numberArg('refresh', 10);
const processing = numberArg('processing', 20);
const port = numberArg('port', 7108);
const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'fleet-relations-'));
let repo = join(work, 'fleet');
const token = 'bench-relations-delay-static-token-0123456789';
const base = `http://localhost:${port}`;
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

cpSync(join(root, 'examples/fleet'), repo, { recursive: true });
const git = commitBenchRepo(repo, 'example fleet');

const config = join(work, 'app-config.bench.yaml');
writeFileSync(
  config,
  [
    `backend:`,
    `  baseUrl: http://localhost:${port}`,
    `  listen: { port: ${port} }`,
    `  auth:`,
    `    externalAccess:`,
    `      - type: static`,
    `        options: { token: ${token}, subject: bench-relations-delay }`,
    `fleet:`,
    `  source: { path: ${repo}, embedded: false }`,
    // minutes: 0 explicitly, or app-config.yaml's { minutes: 1 } merges in
    `  refresh: { frequency: { minutes: 0, seconds: ${refresh} }, timeout: { minutes: 5 }, scope: local }`,
    `catalog:`,
    `  processingInterval: { seconds: ${processing} }`,
    '',
  ].join('\n'),
);
const logFile = join(tmpdir(), 'fleet-relations-backend.log');
writeFileSync(logFile, '');
const backend = spawn(
  process.execPath,
  [
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
    '--config',
    join(root, 'app-config.yaml'),
    '--config',
    config,
  ],
  {
    cwd: join(root, 'packages/backend'),
    detached: true,
    env: { ...process.env, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
backend.stdout.on('data', c => writeFileSync(logFile, c, { flag: 'a' }));
backend.stderr.on('data', c => writeFileSync(logFile, c, { flag: 'a' }));
const stop = () => {
  try {
    process.kill(-backend.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

async function get(path: string): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  return res?.ok ? res.json() : undefined;
}

/** Polls `check` every 200 ms; the seconds until it held, or throws after `ms`. */
async function until(
  what: string,
  check: () => Promise<boolean>,
  since = Date.now(),
  ms = 600_000,
): Promise<number> {
  for (;;) {
    if (backend.exitCode !== null) throw new Error('the backend exited');
    if (await check().catch(() => false)) return (Date.now() - since) / 1000;
    if (Date.now() - since > ms) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

const clustersInCatalog = async (component: string) => {
  const e = await get(
    `/api/catalog/entities/by-name/component/default/${component}`,
  );
  return ((e?.relations ?? []) as Array<{ type: string; targetRef: string }>)
    .filter(r => r.type === 'deployedTo')
    .map(r => r.targetRef.replace('resource:default/', ''))
    .sort();
};
const clustersInApi = async (entityRef: string) => {
  const d = await get(`/api/fleet/deployments?entityRef=${entityRef}`);
  // one row per cluster of the fleet: the ones that run it are `present`
  return ((d?.clusters ?? []) as Array<{ cluster: string; present: boolean }>)
    .filter(c => c.present)
    .map(c => c.cluster)
    .sort();
};
const resources = async (): Promise<string[]> =>
  (
    (await get(
      '/api/catalog/entities?filter=kind=resource&fields=metadata.name',
    )) ?? []
  )
    .map((e: any) => e.metadata.name)
    .sort();
const objects = async (): Promise<string[]> =>
  ((await get('/api/fleet/matrix'))?.objects ?? []).map(
    (o: any) => `${o.cluster}|${o.kind}|${o.namespace ?? ''}|${o.name}`,
  );
const missing = (before: string[], after: string[]) => {
  const now = new Set(after);
  return before.filter(x => !now.has(x));
};

function commit(file: string, edit: (text: string) => string, message: string) {
  const path = join(repo, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  git('commit', '-q', '-am', message);
  return git('rev-parse', 'HEAD');
}

async function main() {
  const started = Date.now();
  console.log(
    `backend on :${port} (log ${logFile}), fleet ${repo}; refresh ${refresh} s, catalog processing ${processing} s`,
  );
  const ready = await until(
    'foo-app deployedTo test',
    async () =>
      (await clustersInCatalog('foo-app')).includes('test') &&
      (await clustersInApi('component:default/foo-app')).includes('test'),
    started,
  );
  console.log(
    `start-up: foo-app related to test in the catalog and the API after ${ready.toFixed(
      1,
    )} s`,
  );
  const entities = await resources();
  const before = await objects();
  console.log(
    `baseline: ${entities.length} Resource entities, ${before.length} objects`,
  );

  // (a) foo-app promoted to prod by a commit
  commit(
    'clusters/prod/apps/kustomization.yaml',
    t => `${t.trimEnd()}\n  - ../../../apps/foo-app/base\n`,
    'foo-app to prod',
  );
  const t0 = Date.now();
  const [api, catalog] = await Promise.all([
    until(
      'API lists prod',
      async () =>
        (await clustersInApi('component:default/foo-app')).includes('prod'),
      t0,
    ),
    until(
      'catalog relates prod',
      async () => (await clustersInCatalog('foo-app')).includes('prod'),
      t0,
    ),
  ]);
  console.log(
    `(a) commit → API /deployments lists prod: ${api.toFixed(
      1,
    )} s; → catalog deployedTo prod: ${catalog.toFixed(1)} s`,
  );

  // (b) a broken kustomization file on prod
  const promoted = await objects();
  const sha = commit(
    'clusters/prod/infra/kustomization.yaml',
    t => `${t}  - [broken\n`,
    'broken prod infra',
  );
  const t1 = Date.now();
  const seen = await until(
    'the broken revision is served',
    async () => (await get('/api/fleet/status'))?.revision === sha,
    t1,
  );
  await sleep((processing + refresh + 5) * 1000); // one more refresh and catalog cycle: nothing may disappear
  const status = await get('/api/fleet/status');
  const problems = ((await get('/api/fleet/problems?cluster=prod'))?.items ??
    []) as any[];
  const stale = ((await get('/api/fleet/matrix'))?.objects ?? []).filter(
    (o: any) => o.stale,
  );
  console.log(
    `(b) broken revision served after ${seen.toFixed(1)} s: entities missing ${
      missing(entities, await resources()).length
    }, ` +
      `objects missing ${missing(promoted, await objects()).length}, stale ${
        stale.length
      } (clusters ${[...new Set(stale.map((o: any) => o.cluster))].join(
        ',',
      )}), ` +
      `problems on prod naming the file ${
        problems.filter(
          p => p.file === 'clusters/prod/infra/kustomization.yaml',
        ).length
      }, ` +
      `status.staleObjects ${status?.staleObjects}; foo-app still on ${(
        await clustersInCatalog('foo-app')
      ).join(',')}`,
  );

  // (c) the source vanishes
  const moved = `${repo}-moved`;
  renameSync(repo, moved);
  // two refreshes fail meanwhile, and the catalog processes everything again
  await sleep((2 * refresh + processing + 5) * 1000);
  const after = await get('/api/fleet/status');
  console.log(
    `(c) source renamed: /status lastError ${JSON.stringify(
      after?.lastError?.message ?? null,
    )}; entities missing ${missing(entities, await resources()).length}, ` +
      `objects missing ${missing(promoted, await objects()).length}, ` +
      `revision still ${
        after?.revision === sha ? 'the broken commit' : after?.revision
      }`,
  );
  renameSync(moved, repo);
}

main()
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    stop();
    rmSync(work, { recursive: true, force: true });
  });
