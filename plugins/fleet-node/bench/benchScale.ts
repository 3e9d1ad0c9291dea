/*
 * Load and scale of the engine (issue 13), a script, not a test:
 *
 * 1. Cost against size: one cluster whose apps kustomization renders about
 *    1k, 2k and 4k objects; the engine's cold build and whole resolve
 *    against `kubectl kustomize` of the same directory. Near-linear means
 *    4k costs no more than ~5× 1k.
 * 2. A wide fleet: 50 clusters × 300 Flux Kustomizations (one per app, the
 *    ks.yaml-per-app layout), resolved cold, then again after one file
 *    changed, one added and one removed; and 50 × 75 for the ratio.
 *
 * Times are CPU time of this process (process.cpuUsage) and of kubectl
 * (the children's CPU time from /proc/self/stat), which a loaded machine
 * inflates far less than wall time; wall time is printed beside them.
 *
 *   cd plugins/fleet-node && yarn bench:scale [--sizes 1000,2000,4000]
 *     [--clusters 50] [--kustomizations 300,75] [--runs 3] [--skip-kubectl] [--skip-wide]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { buildKustomization } from '../src/engine/kustomize/buildKustomization';
import { resolveFleet } from '../src/engine/model/resolveFleet';
import type { Snapshot } from '../src/engine/core/types';
import { type FleetShape, fleetFiles, generateFleet } from './generateFleet';
import { type Cost, measureWarm, printTable } from './scaleCost';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const list = (name: string, dflt: number[]) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1].split(',').map(Number) : dflt;
};

const loadavg = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

/** The cheapest of `runs` calls of `fn` (the least disturbed by other load). */
function cost<T>(runs: number, fn: () => T): Cost & { value: T } {
  let best: (Cost & { value: T }) | undefined;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = fn();
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const cpuMs = (c.user + c.system) / 1000;
    if (!best || cpuMs < best.cpuMs) best = { cpuMs, wallMs, value };
  }
  return best!;
}

/** CPU time of reaped children (cutime + cstime), in ms; Linux only. */
function childrenCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields from the state (3rd of the line): cutime and cstime are the 16th and 17th of the line
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

/** `kubectl kustomize` of `dir`, output discarded: its CPU and wall time, the cheapest of `runs`. */
function kubectl(dir: string, runs: number): Cost & { ok: boolean } {
  let best: (Cost & { ok: boolean }) | undefined;
  for (let i = 0; i < runs; i++) {
    const c0 = childrenCpuMs();
    const t0 = performance.now();
    const r = spawnSync(
      'kubectl',
      ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir],
      { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 },
    );
    const wallMs = performance.now() - t0;
    const cpuMs = childrenCpuMs() - c0;
    const ok = r.status === 0;
    if (!ok) console.error(`kubectl failed on ${dir}: ${r.stderr}`);
    if (!best || cpuMs < best.cpuMs) best = { cpuMs, wallMs, ok };
  }
  return best!;
}

const snapshotOf = (shape: FleetShape): Snapshot => ({
  revision: null,
  files: fleetFiles(shape),
  problems: [],
});

/** Apps for about `objects` objects in one cluster: 6 of 7 apps deployed, 2.2 objects each. */
const appsFor = (objects: number) => Math.round(objects / ((2.2 * 6) / 7));

function sizeRows(sizes: number[], runs: number) {
  const rows: string[][] = [];
  const results: { objects: number; build: Cost; kubectl?: Cost }[] = [];
  // one unmeasured resolve first, so no size pays for compiling the engine
  resolveFleet(snapshotOf({ clusters: 1, apps: appsFor(sizes[0]) }));
  for (const size of sizes) {
    const shape = { clusters: 1, apps: appsFor(size) };
    const snapshot = snapshotOf(shape);
    const dir = 'clusters/c01/apps';
    const build = cost(runs, () =>
      buildKustomization(snapshot, dir, { cache: new BuildCache() }),
    );
    const whole = cost(runs, () =>
      resolveFleet(snapshot, { cache: new BuildCache() }),
    );
    let kc: (Cost & { ok: boolean }) | undefined;
    if (!flag('skip-kubectl')) {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-scale-'));
      generateFleet(tmp, shape);
      kc = kubectl(path.join(tmp, dir), runs);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const objects = build.value.resources.length;
    results.push({ objects, build, kubectl: kc?.ok ? kc : undefined });
    rows.push([
      `${objects} objects (${shape.apps} apps, ${snapshot.files.size} files)`,
      `${build.cpuMs.toFixed(0)} ms`,
      `${whole.cpuMs.toFixed(0)} ms`,
      kc?.ok ? `${kc.cpuMs.toFixed(0)} ms` : 'skipped',
      kc?.ok ? `${(kc.cpuMs / build.cpuMs).toFixed(1)}×` : '',
    ]);
  }
  printTable(
    [
      'size (clusters/c01/apps)',
      'engine build CPU',
      'engine resolve CPU',
      'kubectl CPU',
      'kubectl/engine',
    ],
    rows,
  );
  const first = results[0];
  const last = results[results.length - 1];
  const growth = last.objects / first.objects;
  const engine = last.build.cpuMs / first.build.cpuMs;
  console.log(
    `\n${growth.toFixed(1)}× the objects: engine ${engine.toFixed(2)}× the CPU${
      first.kubectl && last.kubectl
        ? `, kubectl ${(last.kubectl.cpuMs / first.kubectl.cpuMs).toFixed(2)}×`
        : ''
    }  ${engine <= 1.25 * growth ? 'PASS' : 'FAIL'} (≤ ~${(
      1.25 * growth
    ).toFixed(0)}×)\n`,
  );
}

function wideRows(clusters: number, counts: number[], runs: number) {
  const rows: string[][] = [];
  const colds: { ks: number; cpuMs: number }[] = [];
  for (const ks of counts) {
    // 6 of 7 apps are deployed per cluster: apps for `ks` Flux Kustomizations each
    const shape = {
      clusters,
      apps: Math.round((ks * 7) / 6),
      fluxPerApp: true,
    };
    const snapshot = snapshotOf(shape);
    const cache = new BuildCache();
    const cold = cost(1, () => resolveFleet(snapshot, { cache }));
    const model = cold.value;
    const fluxKs = model.clusters.reduce(
      (n, c) => n + c.kustomizations.length,
      0,
    );
    colds.push({ ks, cpuMs: cold.cpuMs });
    const warm = measureWarm(snapshot, cache, runs);
    rows.push([
      `${clusters} × ${ks} (${fluxKs} Flux Kustomizations, ${model.objects.length} objects, ${snapshot.files.size} files)`,
      `${cold.cpuMs.toFixed(0)} ms (${cold.wallMs.toFixed(0)} wall)`,
      `${warm.changed.cpuMs.toFixed(1)} ms (${warm.changed.wallMs.toFixed(
        1,
      )} wall)`,
      `${warm.added.cpuMs.toFixed(1)} ms`,
      `${warm.removed.cpuMs.toFixed(1)} ms`,
      `${warm.visible ? 'yes' : 'NO'}`,
    ]);
  }
  printTable(
    [
      'fleet',
      'cold resolve CPU',
      'one file changed CPU',
      'added',
      'removed',
      'change visible',
    ],
    rows,
  );
  if (colds.length > 1) {
    const [a, b] = [colds[colds.length - 1], colds[0]].sort(
      (x, y) => x.ks - y.ks,
    );
    console.log(
      `\n${(b.ks / a.ks).toFixed(1)}× the Flux Kustomizations: ${(
        b.cpuMs / a.cpuMs
      ).toFixed(2)}× the cold CPU`,
    );
  }
}

function main() {
  const runs = list('runs', [3])[0];
  console.log(`load average ${loadavg()} (${os.cpus().length} CPUs)\n`);
  sizeRows(list('sizes', [1000, 2000, 4000]), runs);
  if (!flag('skip-wide'))
    wideRows(
      list('clusters', [50])[0],
      list('kustomizations', [300, 75]),
      runs,
    );
  console.log(`\nload average ${loadavg()}`);
}

main();
