/*
 * What the fleet model costs the backend's main thread once it has arrived
 * from the resolve worker (issue 12): the heap it keeps and how long a full
 * garbage collection takes with it held. Both are load-independent enough to
 * compare changes on a busy machine (the collection is also timed in CPU
 * time; the major GC pauses of the liveness benchmark grow with what the
 * heap holds). Run by hand:
 *
 *   source scripts/env.sh
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench-model-heap.ts \
 *     [--clusters 20] [--apps 500] [--rounds 5]
 *
 * It generates the fleet in a temporary git repository, resolves it with the
 * service's WorkerResolver (as a backend does), then reports the main
 * thread's heap with the model held and released, and the median time of
 * `gc()` in both cases.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { numberArg } from './lib/benchBackend';
import { commitBenchRepo } from './lib/benchRepo';
import { generateFleet } from '../plugins/fleet-node/bench/generateFleet';
import { WorkerResolver } from '../plugins/fleet-node/src/service/worker/WorkerResolver';

// --expose-gc on the command line would be inherited by the resolve worker,
// whose execArgv Node refuses it in (ERR_WORKER_INVALID_EXEC_ARGV)
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rounds = numberArg('rounds', 5);
const shape = {
  clusters: numberArg('clusters', 20),
  apps: numberArg('apps', 500),
};
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Median wall and CPU time of a full collection, and the heap it leaves. */
function collect(): { ms: number; cpuMs: number; heapUsed: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    gc();
    walls.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return {
    ms: median(walls),
    cpuMs: median(cpus),
    heapUsed: process.memoryUsage().heapUsed,
  };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'fleet-model-heap-'));
  try {
    const repo = join(work, 'fleet');
    generateFleet(repo, shape);
    const git = commitBenchRepo(repo, 'generated fleet');
    const resolver = new WorkerResolver({
      timeoutMs: 600_000,
      maxMemoryMb: 4096,
    });
    const empty = collect();
    const result = await resolver.run({
      kind: 'git',
      dir: repo,
      rev: git('rev-parse', 'HEAD'),
      maxFileBytes: 5_000_000,
    });
    await resolver.close();
    if (result.kind !== 'resolved') throw new Error('nothing resolved');
    const held = collect();
    const objects = result.model.objects.length;
    console.log(
      `${shape.clusters} × ${shape.apps}: ${objects} objects; ` +
        `main-thread heap ${mb(empty.heapUsed)} MB before, ` +
        `${mb(held.heapUsed)} MB with the model held ` +
        `(${mb(held.heapUsed - empty.heapUsed)} MB for the model)`,
    );
    console.log(
      `full GC (median of ${rounds}): ${empty.ms.toFixed(1)} ms wall / ` +
        `${empty.cpuMs.toFixed(1)} ms CPU before, ` +
        `${held.ms.toFixed(1)} ms wall / ${held.cpuMs.toFixed(1)} ms CPU ` +
        `with the model held`,
    );
    // the model must stay reachable until the measure above
    if (result.matrix.objects.length !== objects) throw new Error('mismatch');
  } finally {
    // git may still be writing in .git (auto maintenance) when the resolve ends
    rmSync(work, {
      recursive: true,
      force: true,
      maxRetries: 5,
      retryDelay: 500,
    });
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
