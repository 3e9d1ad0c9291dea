/*
 * The warm path alone (issue 10, must-show 4: a one-file change under
 * 100 ms): the synthetic fleet in memory, one cold resolve, then re-resolves
 * with nothing changed, with one file changed, with one file added and with
 * one file removed. Reports CPU time of this process (process.cpuUsage, which
 * a loaded machine inflates far less than wall time) and the ratio to the
 * cold resolve measured in the same process. Run it under `node --cpu-prof`
 * to see where the warm path spends its time.
 *
 *   cd plugins/fleet-node && node --require @backstage/cli/config/nodeTransform.cjs \
 *     bench/benchWarm.ts [--clusters 20] [--apps 500] [--runs 5]
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { resolveFleet } from '../src/engine/model/resolveFleet';
import type { FleetModel } from '../src/engine/model/types';
import type { RepoPath, Snapshot } from '../src/engine/core/types';
import { clusterNames, fleetFiles } from './generateFleet';

const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

interface Sample {
  wallMs: number;
  cpuMs: number;
  model: FleetModel;
}

function measure(snapshot: Snapshot, cache: BuildCache): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = resolveFleet(snapshot, { cache });
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000, model };
}

// one function per scenario, so a --cpu-prof profile can be cut to each
const scenarios = {
  unchanged: (s: Snapshot, c: BuildCache) => measure(s, c),
  changed: (s: Snapshot, c: BuildCache) => measure(s, c),
  added: (s: Snapshot, c: BuildCache) => measure(s, c),
  removed: (s: Snapshot, c: BuildCache) => measure(s, c),
};

const snapshotOf = (files: Map<RepoPath, string>): Snapshot => ({
  revision: null,
  files,
  problems: [],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function main() {
  const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
  const runs = num('runs', 5);
  const clusters = clusterNames(shape);
  const base = fleetFiles(shape);
  const snapshot = snapshotOf(base);
  const cache = new BuildCache();
  const cold = measure(snapshot, cache);
  const warm = (next: Snapshot, scenario: keyof typeof scenarios) =>
    scenarios[scenario](next, cache);
  console.log(
    `${shape.clusters} clusters × ${shape.apps} apps, ${base.size} files, ${
      cold.model.objects.length
    } objects; load average ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  const rows: [string, Sample[], string][] = [];
  const same: Sample[] = [];
  for (let i = 0; i < runs; i++) same.push(warm(snapshot, 'unchanged'));
  rows.push(['nothing changed', same, '']);

  // each run changes another app's overlay, so no run is served by the previous one
  const changed: Sample[] = [];
  let visible = 0;
  let current = base;
  for (let i = 0, j = 2; i < runs; i++, j++) {
    let app = `app-${String(j).padStart(4, '0')}`;
    let file = `apps/${app}/overlays/${clusters[0]}/kustomization.yaml`;
    // every 7th app is not deployed to the first cluster: take the next
    if (!current.has(file)) {
      app = `app-${String(++j).padStart(4, '0')}`;
      file = `apps/${app}/overlays/${clusters[0]}/kustomization.yaml`;
    }
    const next = new Map(current);
    next.set(file, next.get(file)!.replace(/replicas: \d+/, 'replicas: 9'));
    const s = warm(snapshotOf(next), 'changed');
    current = next;
    changed.push(s);
    if (
      s.model.objects.some(
        o =>
          o.cluster === clusters[0] &&
          o.object.metadata?.name === app &&
          (o.object.spec as { replicas?: number })?.replicas === 9,
      )
    )
      visible++;
  }
  rows.push(['one file changed', changed, `change visible ${visible}/${runs}`]);

  // a file added to, then removed from, a directory no kustomization lists
  const added: Sample[] = [];
  const removed: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const next = new Map(current);
    next.set(`docs/note-${i}.md`, `# note ${i}\n`);
    added.push(warm(snapshotOf(next), 'added'));
    removed.push(warm(snapshotOf(current), 'removed'));
  }
  rows.push(['one file added', added, '']);
  rows.push(['one file removed', removed, '']);

  console.log(
    `cold resolve: ${cold.cpuMs.toFixed(0)} ms CPU, ${cold.wallMs.toFixed(
      0,
    )} ms wall\n`,
  );
  console.log(
    `${'warm re-resolve'.padEnd(20)} ${'CPU median'.padStart(
      11,
    )} ${'wall median'.padStart(12)} ${'CPU/cold'.padStart(9)}`,
  );
  for (const [name, samples, note] of rows) {
    const cpu = median(samples.map(s => s.cpuMs));
    const wall = median(samples.map(s => s.wallMs));
    console.log(
      `${name.padEnd(20)} ${`${cpu.toFixed(1)} ms`.padStart(
        11,
      )} ${`${wall.toFixed(1)} ms`.padStart(12)} ${`${(
        (100 * cpu) /
        cold.cpuMs
      ).toFixed(2)}%`.padStart(9)}  ${note}`,
    );
  }
  const worst = Math.max(
    ...rows.slice(1).map(([, s]) => median(s.map(x => x.cpuMs))),
  );
  console.log(
    `\n${
      worst < 100 ? 'PASS' : 'FAIL'
    }  < 100 ms CPU for a one-file change (worst median of changed/added/removed: ${worst.toFixed(
      1,
    )} ms)`,
  );
}

main();
