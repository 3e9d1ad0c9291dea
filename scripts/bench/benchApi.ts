/*
 * Load benchmark of the fleet API and the catalog relations, on a synthetic
 * fleet (plugins/fleet-node/bench/generateFleet, 20 clusters x 500 apps by
 * default) served by the real fleet backend and catalog (SQLite, or
 * PostgreSQL with --postgres) in one process, over HTTP on 127.0.0.1.
 *
 *   yarn bench:api [--clusters 20] [--apps 500] [--clients 50] [--seconds 30]
 *     [--postgres] [--relations-only | --api-only]
 *
 * --api-only: the catalog processes at Backstage's default interval (not
 * every 5 s, which the relation timing needs and which keeps the event loop
 * busy with reprocessing during the load), and the load starts once every
 * component is in the catalog, relations or not.
 *
 * Measures: time from backend start until every generated component has its
 * deployedTo relation to every cluster running its app; then, per route, 50
 * concurrent keep-alive clients for 30 s (p50, p99, requests/s) on one
 * entity's deployments, the overview and the whole matrix, each request
 * sending `Accept-Encoding: gzip` as browsers do (so the size is what
 * crosses the wire; the decoded size is printed beside it), and the matrix
 * once more revalidated with If-None-Match (304). The clients run in a
 * child process (apiLoadClients.ts), so the backend's CPU time per request
 * is this process's; it and the load average are printed too, since
 * wall-clock latencies on a shared machine follow its load.
 * Bounded: each run stops by itself and only talks to the loopback address.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { fork } from 'node:child_process';
import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import catalogModuleFleet from '../../plugins/catalog-backend-module-fleet/src';
import fleetPlugin from '../../plugins/fleet-backend/src';
import { generateFleet } from '../../plugins/fleet-node/bench/generateFleet';
import type { LoadJob, LoadResult } from './apiLoadClients';

const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
const clients = num('clients', 50);
const seconds = num('seconds', 30);
const postgres = args.includes('--postgres');
const apiOnly = args.includes('--api-only');
const AUTH = 'Bearer mock-user-token';
// single calls only (the load runs in apiLoadClients.ts): no idle keep-alive
// socket for the server to close under a later call
const agent = new http.Agent({ keepAlive: false });

function get(
  port: number,
  route: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; wireBytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: route,
        agent,
        headers: { authorization: AUTH, ...headers },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const gzipped = res.headers['content-encoding'] === 'gzip';
          resolve({
            status: res.statusCode ?? 0,
            // decoding is the client's work: only for the calls that read the body
            get body() {
              return (gzipped ? zlib.gunzipSync(raw) : raw).toString();
            },
            wireBytes: raw.length,
          });
        });
      },
    );
    req.on('error', reject);
  });
}

/** `clients` loops for `seconds`, each request waiting for the previous one. */
async function load(
  port: number,
  route: string,
  headers: Record<string, string> = {},
  expectStatus = 200,
) {
  const gzip = { 'accept-encoding': 'gzip', ...headers };
  // one request outside the measure: the answer's size, and the server's caches warm
  const first = await get(port, route, gzip);
  const decoded = expectStatus === 200 ? Buffer.byteLength(first.body) : 0;
  const load0 = os.loadavg()[0];
  const cpu0 = process.cpuUsage();
  // the clients run in a process of their own: this one's CPU is the backend's
  const job: LoadJob = {
    port,
    route,
    headers: { authorization: AUTH, ...gzip },
    expectStatus,
    clients,
    seconds,
  };
  const { latencies, errors } = await new Promise<LoadResult>(
    (resolve, reject) => {
      const child = fork(
        path.join(__dirname, 'apiLoadClients.ts'),
        [JSON.stringify(job)],
        { execArgv: ['--require', '@backstage/cli/config/nodeTransform.cjs'] },
      );
      // other messages may come first (the TypeScript transform's own)
      child.on('message', m => {
        if ((m as LoadResult)?.latencies) resolve(m as LoadResult);
      });
      child.once('error', reject);
    },
  );
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    route: `${route.replace('/api/fleet', '')}${
      headers['if-none-match'] ? ' (If-None-Match)' : ''
    }`,
    requests: latencies.length,
    errors: Object.entries(errors)
      .map(([status, n]) => `${n}×${status}`)
      .join(' '),
    p50: at(0.5).toFixed(1),
    p99: at(0.99).toFixed(1),
    perSecond: (latencies.length / seconds).toFixed(0),
    wireKB: (first.wireBytes / 1024).toFixed(1),
    jsonKB: (decoded / 1024).toFixed(1),
    serverCpuMsPerReq: (
      (cpu.user + cpu.system) /
      1000 /
      latencies.length
    ).toFixed(2),
    load: `${load0.toFixed(1)}→${os.loadavg()[0].toFixed(1)}`,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-api-'));
  const repo = path.join(dir, 'fleet');
  generateFleet(repo, shape);
  const apps = Array.from(
    { length: shape.apps },
    (_, j) => `app-${String(j + 1).padStart(4, '0')}`,
  );
  const catalogFile = path.join(dir, 'components.yaml');
  fs.writeFileSync(
    catalogFile,
    apps
      .map(a =>
        [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Component',
          `metadata: { name: ${a}, annotations: { flux-fleet.io/app: ${a} } }`,
          'spec: { type: service, lifecycle: production, owner: team-x }',
        ].join('\n'),
      )
      .join('\n---\n'),
  );
  // PostgreSQL: a fresh database per run, shared by the plugins as in the
  // catalog module's test (the default test database is SQLite in memory)
  let knex: Knex | undefined;
  if (postgres) {
    const url =
      process.env.FLEET_BENCH_PG ??
      'postgresql://postgres:postgres@localhost:5432';
    const name = `fleet_bench_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
    await admin.raw(`CREATE DATABASE ${name}`);
    await admin.destroy();
    knex = knexFactory({ client: 'pg', connection: `${url}/${name}` });
  }
  const started = performance.now();
  const { server } = await startTestBackend({
    features: [
      ...(knex ? [mockServices.database.factory({ knex })] : []),
      fleetPlugin,
      catalogBackend,
      catalogModuleFleet,
      mockServices.rootConfig.factory({
        data: {
          fleet: { source: { path: repo } },
          catalog: {
            ...(apiOnly ? {} : { processingInterval: { seconds: 5 } }),
            rules: [{ allow: ['Component', 'Resource', 'Location'] }],
            locations: [{ type: 'file', target: catalogFile }],
          },
        },
      }),
    ],
  });
  const port = (server.address() as { port: number }).port;

  // every app's clusters, from the API, then wait for the catalog to agree
  const units = JSON.parse((await get(port, '/api/fleet/units')).body)
    .items as {
    name: string;
    clusters: Record<string, unknown>;
  }[];
  const expected = new Map(
    units.map(u => [u.name, Object.keys(u.clusters).length]),
  );
  const resolvedAt = performance.now();
  for (;;) {
    const res = await get(
      port,
      '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name,relations&limit=10000',
    );
    const items = (JSON.parse(res.body).items ?? []) as {
      metadata: { name: string };
      relations?: { type: string }[];
    }[];
    const done = items.filter(
      e =>
        apiOnly ||
        (e.relations ?? []).filter(r => r.type === 'deployedTo').length ===
          expected.get(e.metadata.name),
    ).length;
    if (done === apps.length) break;
    if (performance.now() - started > 15 * 60_000)
      throw new Error(
        `only ${done} of ${apps.length} components related after 15 min`,
      );
    await new Promise(r => setTimeout(r, 1000));
  }
  const relatedAt = performance.now();
  console.log(
    `${shape.clusters} clusters x ${shape.apps} apps on ${
      postgres ? 'PostgreSQL' : 'SQLite'
    }: ` +
      `API serving after ${((resolvedAt - started) / 1000).toFixed(1)} s, ` +
      `every ${apiOnly ? 'component' : 'relation'} present after ${(
        (relatedAt - started) /
        1000
      ).toFixed(1)} s`,
  );
  if (args.includes('--relations-only')) process.exit(0);
  const results = [];
  const entity = apps[Math.min(41, apps.length - 1)];
  for (const route of [
    `/api/fleet/deployments?entityRef=component:default/${entity}`,
    '/api/fleet/overview',
    '/api/fleet/matrix',
  ]) {
    results.push(await load(port, route));
    console.log(results[results.length - 1]);
  }
  // a client that holds the matrix revalidates it
  const etag =
    (await get(port, '/api/fleet/matrix')).status === 200
      ? await new Promise<string>((resolve, reject) =>
          http
            .get(
              {
                host: '127.0.0.1',
                port,
                path: '/api/fleet/matrix',
                agent,
                headers: { authorization: AUTH, 'accept-encoding': 'gzip' },
              },
              res => {
                res.resume();
                resolve(String(res.headers.etag));
              },
            )
            .on('error', reject),
        )
      : '';
  results.push(
    await load(port, '/api/fleet/matrix', { 'if-none-match': etag }, 304),
  );
  console.table(results);
  await server.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
