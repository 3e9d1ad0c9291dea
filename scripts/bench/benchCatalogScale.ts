/*
 * Issue 13, "catalog ingestion of 50,000 entities without blocking the event
 * loop for more than 200 ms at a time": starts the real backend on a fleet
 * whose catalog provider emits 50,000+ entities, and samples the liveness
 * endpoint every 50 ms from the first resolve until every entity is in the
 * catalog (read back through the catalog's own API). Prints the lag (the
 * probe's latency: max, p99), the time to ingest and the entity count.
 *
 * The fleet is the benchmark's synthetic one (plugins/fleet-node/bench,
 * 25 clusters × 100 apps by default) plus, per cluster, a tenant set of
 * Namespaces and HelmReleases with names of their own: each distinct
 * namespace and each HelmRelease becomes one catalog Resource
 * (toEntities.ts), so 25 × (1,600 + 400) = 50,000 tenant entities. Run by
 * hand:
 *
 *   source scripts/env.sh
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench/benchCatalogScale.ts \
 *     [--clusters 25] [--apps 100] [--namespaces 1600] [--releases 400] [--port 7109] [--limit 3600] \
 *     [--sqlite] [--processing-minutes 30] [--cpu-prof] [--production <dir>]
 *
 * --production runs the production build from the directory `KEEP=1
 * DATABASES=sqlite bash scripts/prod-build.sh` keeps, as the image's CMD
 * does (scripts/lib/benchBackend.ts).
 *
 * The catalog's database is PostgreSQL (localhost:5432, user and password
 * `postgres`, as scripts/ensure-test-deps.sh sets it up; override with
 * PGHOST, PGPORT, PGUSER, PGPASSWORD), in databases of a prefix of their own
 * that are dropped at the end. --sqlite uses app-config.yaml's in-memory
 * SQLite instead: Backstage's own processing there scans
 * refresh_state_references once per processed entity (see the catalog
 * module's README), so 50,000 entities take hours.
 * The catalog's processing interval is the one the catalog module's README
 * recommends for a large fleet (--processing-minutes, 30).
 *
 * With --cpu-prof the backend runs under `node --cpu-prof` and every
 * main-thread task over 100 ms is named (scripts/cpuProfileLongTasks.ts).
 * --limit stops the measurement after that many seconds and says how many
 * entities were in by then.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  clusterNames,
  fleetFiles,
} from '../../plugins/fleet-node/bench/generateFleet';
import { KUST, list } from '../../plugins/fleet-node/bench/infrastructureFiles';
import {
  describeLatencies,
  numberArg,
  productionArg,
  sampleLiveness,
  startBenchBackend,
  waitForFirstResolve,
} from '../lib/benchBackend';
import { commitBenchRepo } from '../lib/benchRepo';
import {
  checkPostgres,
  cpuSeconds,
  dropDatabases,
  pg,
  postgresCpuMeter,
} from '../lib/benchPostgres';

const shape = {
  clusters: numberArg('clusters', 25),
  apps: numberArg('apps', 100),
};
const namespaces = numberArg('namespaces', 1600);
const releases = numberArg('releases', 400);
const port = numberArg('port', 7109);
const limitSeconds = numberArg('limit', 3600);
const cpuProf = process.argv.includes('--cpu-prof');
const sqlite = process.argv.includes('--sqlite');
const processingMinutes = numberArg('processing-minutes', 30);
const production = productionArg();
// one prefix per run: the plugins' databases are created under it and dropped at the end
const dbPrefix = `fleet_bench_catalog_${process.pid}_`;
const work = mkdtempSync(join(tmpdir(), 'fleet-catalog-scale-'));
const repo = join(work, 'fleet');
const token = 'bench-catalog-scale-static-token-0123456789';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The synthetic fleet with a tenant set per cluster; returns the tenant entity count. */
function writeFleet(): number {
  const files = fleetFiles(shape);
  for (const cluster of clusterNames(shape)) {
    const dir = `infrastructure/tenants/${cluster}`;
    const docs: string[] = [];
    for (let n = 0; n < namespaces; n++)
      docs.push(
        `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tenant-${cluster}-${n}\n`,
      );
    for (let n = 0; n < releases; n++)
      docs.push(
        `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: release-${n}\n  namespace: tenant-${cluster}-${n}\n` +
          `spec:\n  interval: 30m\n  chart:\n    spec:\n      chart: tenant-chart\n      version: 1.${
            n % 7
          }.0\n` +
          `      sourceRef:\n        kind: HelmRepository\n        name: tenants\n        namespace: flux-system\n`,
      );
    files.set(`${dir}/tenants.yaml`, docs.join('---\n'));
    files.set(
      `${dir}/kustomization.yaml`,
      `${KUST}resources:\n${list(['tenants.yaml'])}`,
    );
    const infra = `clusters/${cluster}/infra/kustomization.yaml`;
    files.set(infra, `${files.get(infra)}${list([`../../../${dir}`])}`);
  }
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(repo, rel)), { recursive: true });
    writeFileSync(join(repo, rel), text);
  }
  return shape.clusters * (namespaces + releases);
}

/** The number of Resource entities the catalog serves, and how long the query took. */
async function countResources(): Promise<{ count: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(
    `http://localhost:${port}/api/catalog/entities/by-query?limit=1&filter=kind=resource&fields=metadata.name`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!res.ok) throw new Error(`catalog answered ${res.status}`);
  const body = (await res.json()) as { totalItems: number };
  return { count: body.totalItems, ms: performance.now() - t };
}

async function main() {
  if (!sqlite) await checkPostgres();
  const tenants = writeFleet();
  commitBenchRepo(repo, 'generated fleet with tenants');
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
      `        options: { token: ${token}, subject: bench-catalog-scale }`,
      ...(sqlite
        ? []
        : [
            `  database:`,
            `    client: pg`,
            `    connection: ${JSON.stringify(pg)}`,
            `    prefix: ${dbPrefix}`,
          ]),
      `catalog:`,
      `  processingInterval: { minutes: ${processingMinutes} }`,
      `fleet:`,
      `  source: { path: ${repo}, embedded: false }`,
      `  refresh: { frequency: { minutes: 0, seconds: 30 }, timeout: { minutes: 10 }, scope: local }`,
      '',
    ].join('\n'),
  );
  const backend = startBenchBackend({
    config,
    work,
    logName: 'fleet-catalog-scale-backend',
    cpuProf,
    // as a deployment runs: at debug the catalog logs two lines per entity
    logLevel: 'info',
    production,
  });
  try {
    console.log(
      `fleet ${shape.clusters}×${
        shape.apps
      } + ${tenants} tenant entities in ${repo}; ${
        production ? `production backend from ${production}` : 'backend'
      } on :${port}, its log in ${backend.logFile}`,
    );
    console.log(
      `catalog on ${
        sqlite ? 'SQLite in memory' : `PostgreSQL ${pg.host}:${pg.port}`
      }, processing interval ${processingMinutes} min`,
    );
    await waitForFirstResolve(backend);
    console.log(`first fleet resolved ${backend.at()} after the start command`);
    const started = Date.now();
    const backendPid = backend.process.pid!;
    // the backend's CPU and PostgreSQL's (all its processes: run the bench
    // alone on the server) from the first resolve on
    const backendAtStart = cpuSeconds([backendPid]);
    const postgresCpu = sqlite ? () => 0 : postgresCpuMeter();
    const cpuSince = () => ({
      backend: cpuSeconds([backendPid]) - backendAtStart,
      postgres: postgresCpu(),
    });
    let cpu = { backend: 0, postgres: 0 };
    let done = false;
    let last = { count: 0, ms: 0 };
    const polls: number[] = [];
    let stoppedBy: string | null = null;
    const poller = (async () => {
      while (!done) {
        await sleep(5_000);
        try {
          last = await countResources();
        } catch (error) {
          stoppedBy = `the catalog query failed (${error})`;
          break;
        }
        polls.push(last.ms);
        cpu = cpuSince();
        console.log(
          `  ${backend.at()}: ${
            last.count
          } Resource entities in the catalog (query ${last.ms.toFixed(
            0,
          )} ms; CPU so far: backend ${cpu.backend.toFixed(0)} s${
            sqlite ? '' : `, PostgreSQL ${cpu.postgres.toFixed(0)} s`
          })`,
        );
        // the tenants, one entity per cluster, and a few shared ones
        if (last.count >= tenants + shape.clusters) break;
        if (Date.now() - started > limitSeconds * 1000) {
          stoppedBy = `--limit ${limitSeconds} s reached`;
          break;
        }
      }
      done = true;
    })();
    const { latencies, slow, ownLoopMaxMs } = await sampleLiveness(
      port,
      () => done,
    );
    await poller;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    console.log(
      `${stoppedBy ? `NOT all ingested (${stoppedBy}): ` : ''}${
        last.count
      } Resource entities (${tenants} tenant) in the catalog ${seconds} s after the first resolve`,
    );
    console.log(
      `liveness during ingestion: ${describeLatencies(
        latencies,
      )}; the sampler's own loop held up at most ${ownLoopMaxMs.toFixed(0)} ms`,
    );
    const per1000 = (seconds: number) =>
      last.count > 0 ? ((seconds * 1000) / last.count).toFixed(1) : '-';
    console.log(
      `CPU from the first resolve: backend ${cpu.backend.toFixed(
        0,
      )} s (${per1000(cpu.backend)} s per 1,000 entities)` +
        (sqlite
          ? ''
          : `, PostgreSQL ${cpu.postgres.toFixed(0)} s (${per1000(
              cpu.postgres,
            )} s per 1,000)`),
    );
    console.log(
      `catalog count queries: ${polls.length}, longest ${Math.max(
        0,
        ...polls,
      ).toFixed(0)} ms`,
    );
    if (slow.length)
      console.log(`  samples over 200 ms: ${slow.slice(0, 50).join(', ')}`);
    if (cpuProf) await backend.reportLongTasks('fleet-catalog-scale-main', 100);
  } finally {
    await backend.stopGracefully();
    if (!sqlite) await dropDatabases(dbPrefix);
  }
}

main()
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
