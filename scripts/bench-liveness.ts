/*
 * Does the backend stall while the fleet refreshes? Starts the real backend
 * (packages/backend from its TypeScript sources, as `yarn workspace backend
 * start` runs it, without the file watcher) on a generated fleet (20 clusters × 500
 * apps by default) in a local git repository with a short refresh interval,
 * and samples the liveness endpoint every 50 ms, twice: with the repository
 * unchanged, then with a commit landing every 20 s. Run by hand:
 *
 *   source scripts/env.sh
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench-liveness.ts \
 *     [--clusters 20] [--apps 500] [--seconds 60] [--port 7107] [--cpu-prof] [--heap-snapshot]
 *     [--production <dir>]
 *
 * With --production the backend is the production build, started as the
 * image's CMD starts it, from the directory `KEEP=1 DATABASES=sqlite bash
 * scripts/prod-build.sh` keeps (scripts/lib/benchBackend.ts).
 *
 * With --cpu-prof the backend runs under `node --cpu-prof` and stops
 * gracefully at the end; every main-thread task over 50 ms is then named
 * (scripts/cpuProfileLongTasks.ts), with its time since the backend started.
 * With --heap-snapshot the backend's main-thread heap is written after both
 * runs and summarized by kind (scripts/lib/heapSnapshotSummary.ts).
 *
 * Targets (issue 12): no sample over 200 ms after start-up; an unchanged
 * refresh under 50 ms of main-thread work (read from the service's log line:
 * "its own … ms" is the refresh's own work, "main thread busy … ms" counts
 * everything the loop did meanwhile).
 */
import {
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeLatencies,
  numberArg,
  productionArg,
  sampleLiveness,
  startBenchBackend,
  waitForFirstResolve,
} from './lib/benchBackend';
import { benchGitAsync, commitBenchRepo } from './lib/benchRepo';
import {
  heapSnapshotOptions,
  printHeapSummary,
  takeHeapSnapshot,
} from './lib/heapSnapshotSummary';
import { generateFleet } from '../plugins/fleet-node/bench/generateFleet';

const shape = {
  clusters: numberArg('clusters', 20),
  apps: numberArg('apps', 500),
};
const seconds = numberArg('seconds', 60);
const port = numberArg('port', 7107);
const cpuProf = process.argv.includes('--cpu-prof');
const heapSnapshot = process.argv.includes('--heap-snapshot');
const production = productionArg();
const work = mkdtempSync(join(tmpdir(), 'fleet-liveness-'));
const repo = join(work, 'fleet');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

generateFleet(repo, shape);
commitBenchRepo(repo, 'generated fleet');

const config = join(work, 'app-config.bench.yaml');
writeFileSync(
  config,
  [
    `backend:`,
    `  baseUrl: http://localhost:${port}`,
    `  listen: { port: ${port} }`,
    `fleet:`,
    `  source: { path: ${repo}, embedded: false }`,
    `  refresh: { frequency: { minutes: 0, seconds: 5 }, timeout: { minutes: 5 }, scope: local }`,
    '',
  ].join('\n'),
);

const heapDir = join(work, 'heap');
if (heapSnapshot) {
  // in the backend's environment only (startBenchBackend passes ours on)
  process.env.NODE_OPTIONS = [
    process.env.NODE_OPTIONS,
    heapSnapshotOptions(heapDir),
  ]
    .filter(Boolean)
    .join(' ');
}
const backend = startBenchBackend({
  config,
  work,
  logName: 'fleet-liveness-backend',
  cpuProf,
  production,
});

async function sample(label: string, during?: () => Promise<void>) {
  const from = backend.refreshLines.length;
  console.log(
    `${label}: sampling from ${backend.at()} after the backend started`,
  );
  const end = Date.now() + seconds * 1000;
  const side = during?.();
  const { latencies, slow, ownLoopMaxMs } = await sampleLiveness(
    port,
    () => Date.now() >= end,
  );
  await side;
  const lines = backend.refreshLines.slice(from);
  const busy = (kind: string) =>
    lines
      .filter(l => l.includes(kind))
      .map(l => Number(/main thread busy ([\d.]+) ms/.exec(l)?.[1] ?? NaN));
  const unchanged = busy('refresh unchanged');
  const resolved = busy('refresh resolved');
  // since 21:20 UTC on 2026-12-01 an unchanged refresh's line also has the
  // refresh's own work ("its own … ms"): the busy figure counts whatever
  // else the loop ran meanwhile (the catalog's processing, above all)
  const own = lines
    .map(l => Number(/its own ([\d.]+) ms/.exec(l)?.[1] ?? NaN))
    .filter(ms => !Number.isNaN(ms));
  // the service's log line ends with the main thread's heap after the refresh
  const heaps = lines.map(l => Number(/heap (\d+) MB/.exec(l)?.[1] ?? NaN));
  const heap = heaps.filter(h => !Number.isNaN(h));
  console.log(
    `${label}: ${describeLatencies(latencies)}; ` +
      `${unchanged.length} unchanged refreshes (main thread max ${Math.max(
        0,
        ...unchanged,
      ).toFixed(1)} ms${
        own.length
          ? `, their own work max ${Math.max(...own).toFixed(1)} ms`
          : ''
      }), ` +
      `${resolved.length} resolves (main thread max ${Math.max(
        0,
        ...resolved,
      ).toFixed(1)} ms)` +
      (heap.length
        ? `; main-thread heap after a refresh ${Math.min(...heap)}–${Math.max(
            ...heap,
          )} MB`
        : '') +
      `; the sampler's own loop held up at most ${ownLoopMaxMs.toFixed(0)} ms`,
  );
  if (slow.length) {
    console.log(
      `  samples over 200 ms (compare with the backend log): ${slow.join(
        ', ',
      )}`,
    );
  }
}

async function main() {
  console.log(
    `fleet ${shape.clusters}×${shape.apps} in ${repo}; ${
      production ? `production backend from ${production}` : 'backend'
    } on :${port}, its log in ${backend.logFile}`,
  );
  if (!production) {
    console.log(
      'the development backend (TypeScript sources, source maps) ends its ' +
        'start-up with a heap of ~660 MB: V8 may collect it once in a pause ' +
        'over 200 ms, about 50 s after the start; the figures of record are ' +
        "the production build's (--production, the root README)",
    );
  }
  await waitForFirstResolve(backend);
  console.log(
    `start-up: first fleet resolved ${backend.at()} after the start command`,
  );
  await sleep(10_000);
  await sample('unchanged repository');
  await sample('a commit every 20 s', async () => {
    for (let n = 1; n * 20 < seconds; n++) {
      await sleep(20_000);
      const file = join(repo, 'apps/app-0001/base/deployment.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          /replicas: \d+/,
          `replicas: ${n + 1}`,
        ),
      );
      // asynchronous: a synchronous git call would stall this process's
      // sampler, and its sample would be charged to the backend
      await benchGitAsync(repo, 'commit', '-q', '-am', `replicas ${n + 1}`);
    }
  });
  for (const l of backend.refreshLines.filter(x => x.includes('resolved')))
    console.log(l.slice(0, 400));
  if (heapSnapshot) {
    // after both runs: what the main thread's heap holds when a major
    // collection has to walk it (the long pauses of the profile)
    const snapshot = await takeHeapSnapshot(backend.process.pid!, heapDir);
    // kept next to the log for a second look (work is removed at the end)
    const kept = join(tmpdir(), 'fleet-liveness-main.heapsnapshot');
    renameSync(snapshot, kept);
    printHeapSummary(kept);
  }
  if (cpuProf) await backend.reportLongTasks('fleet-liveness-main');
}

main()
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await backend.stopGracefully();
    rmSync(work, { recursive: true, force: true });
  });
