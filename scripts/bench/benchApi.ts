/*
 * Load benchmark of the fleet API and the catalog relations, on a synthetic
 * fleet (plugins/fleet-node/bench/generateFleet, 20 clusters x 500 apps by
 * default) served by the real fleet backend and catalog (SQLite, or
 * PostgreSQL with --postgres) in one process, over HTTP on 127.0.0.1.
 *
 *   yarn bench:api [--clusters 20] [--apps 500] [--clients 50] [--seconds 30]
 *     [--postgres] [--relations-only]
 *
 * Measures: time from backend start until every generated component has its
 * deployedTo relation to every cluster running its app; then, per route, 50
 * concurrent keep-alive clients for 30 s (p50, p99, requests/s) on one
 * entity's deployments and on the whole matrix. Bounded: each run stops by
 * itself and only talks to the loopback address.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import catalogBackend from '@backstage/plugin-catalog-backend';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import catalogModuleFleet from '../../plugins/catalog-backend-module-fleet/src';
import fleetPlugin from '../../plugins/fleet-backend/src';
import { generateFleet } from '../../plugins/fleet-node/bench/generateFleet';

const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
const clients = num('clients', 50);
const seconds = num('seconds', 30);
const postgres = args.includes('--postgres');
const AUTH = 'Bearer mock-user-token';
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

function get(
  port: number,
  route: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: route,
        agent,
        headers: { authorization: AUTH },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
  });
}

/** `clients` loops for `seconds`, each request waiting for the previous one. */
async function load(port: number, route: string) {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const res = await get(port, route).catch(() => ({
          status: 0,
          body: '',
        }));
        latencies.push(performance.now() - t0);
        if (res.status !== 200) errors++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    route,
    requests: latencies.length,
    errors,
    p50: at(0.5).toFixed(1),
    p99: at(0.99).toFixed(1),
    perSecond: (latencies.length / seconds).toFixed(0),
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
            processingInterval: { seconds: 5 },
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
      `every relation present after ${((relatedAt - started) / 1000).toFixed(
        1,
      )} s`,
  );
  if (args.includes('--relations-only')) process.exit(0);
  const results = [];
  const entity = apps[Math.min(41, apps.length - 1)];
  for (const route of [
    `/api/fleet/deployments?entityRef=component:default/${entity}`,
    '/api/fleet/matrix',
  ]) {
    results.push(await load(port, route));
  }
  console.table(results);
  await server.close?.();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
