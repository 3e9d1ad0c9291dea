/*
 * Benchmark (a script, not a test): the engine against kubectl kustomize and
 * against the floor (reading and parsing every file once) on a synthetic
 * fleet in the seed's layout.
 *
 *   yarn workspace @flux-fleet/backstage-plugin-fleet-node bench [--clusters 20] [--apps 500]
 *     [--skip-kubectl] [--skip-cli] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../src/engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../src/engine/model/resolveFleet';
import { kubectlKustomize } from '../src/engine/testing/kubectl';
import { clusterNames, generateFleet } from './generateFleet';
import { runCli } from './runCli';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};

const ms = (t0: number) => performance.now() - t0;
const fmt = (v: number) => {
  if (Number.isNaN(v)) return 'skipped';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`;
};

/** Every file under `root`, read and parsed once with the `yaml` package. */
function floor(root: string): { files: number; docs: number } {
  let files = 0;
  let docs = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) {
        files++;
        docs += parseAllDocuments(fs.readFileSync(abs, 'utf8')).length;
      }
    }
  };
  walk(root);
  return { files, docs };
}

async function main() {
  const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-'));
  const rows: [string, string, string][] = [];
  console.log(
    `generating ${shape.clusters} clusters × ${shape.apps} apps in ${dir}`,
  );
  const files = generateFleet(dir, shape);
  console.log(`${files} files`);
  const clusters = clusterNames(shape);

  // (2) the floor; the faster of two runs, so the yaml package is warm as it is for the engine
  let t0 = performance.now();
  const fl = floor(dir);
  let floorMs = ms(t0);
  t0 = performance.now();
  floor(dir);
  floorMs = Math.min(floorMs, ms(t0));

  // (3) the engine, in process: load + resolve, cold cache
  t0 = performance.now();
  const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
  const loadMs = ms(t0);
  const cache = new BuildCache();
  t0 = performance.now();
  const model = resolveFleet(snapshot, { cache });
  const resolveMs = ms(t0);
  const engineMs = loadMs + resolveMs;
  const errors = model.problems.filter(p => p.severity === 'error');

  // (4) warm re-resolve: unchanged, then after a one-file change; CPU time
  // too, which a loaded machine inflates far less than wall time
  const cpuMs = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let c0 = process.cpuUsage();
  t0 = performance.now();
  resolveFleet(snapshot, { cache });
  const warmSameMs = ms(t0);
  const warmSameCpu = cpuMs(c0);
  const changed = `apps/app-0002/overlays/${clusters[0]}/kustomization.yaml`;
  const files2 = new Map(snapshot.files);
  files2.set(
    changed,
    files2.get(changed)!.replace(/replicas: \d+/, 'replicas: 9'),
  );
  c0 = process.cpuUsage();
  t0 = performance.now();
  const model2 = resolveFleet({ ...snapshot, files: files2 }, { cache });
  const warmChangeMs = ms(t0);
  const warmChangeCpu = cpuMs(c0);
  const nine = model2.objects.some(
    o =>
      o.cluster === clusters[0] &&
      o.object.metadata?.name === 'app-0002' &&
      (o.object.spec as { replicas?: number } | undefined)?.replicas === 9,
  );
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  // (1) kubectl, one directory after another, as a CI script would
  let kubectlMs = NaN;
  let kubectlObjects = 0;
  if (!flag('skip-kubectl')) {
    const dirs = clusters.flatMap(c => [
      `clusters/${c}`,
      `clusters/${c}/infra`,
      `clusters/${c}/apps`,
    ]);
    t0 = performance.now();
    for (const d of dirs) {
      const r = await kubectlKustomize(path.join(dir, d));
      if (r.code !== 0) console.error(`kubectl failed on ${d}: ${r.stderr}`);
      kubectlObjects += r.objects.length;
    }
    kubectlMs = ms(t0);
  }

  // (3b, 5b) the CLI as a subprocess, with /usr/bin/time for its peak memory
  const cli = flag('skip-cli')
    ? undefined
    : runCli(dir, fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-cli-')));

  rows.push([
    'kubectl kustomize, every cluster dir (sequential)',
    fmt(kubectlMs),
    `${clusters.length * 3} builds, ${kubectlObjects} objects`,
  ]);
  rows.push([
    'floor: read + parse every file once',
    fmt(floorMs),
    `${fl.files} files, ${fl.docs} documents`,
  ]);
  rows.push(['engine: load snapshot', fmt(loadMs), '']);
  rows.push([
    'engine: resolveFleet (cold cache)',
    fmt(resolveMs),
    `${model.objects.length} objects, ${errors.length} error problems`,
  ]);
  rows.push(['engine: load + resolve', fmt(engineMs), '']);
  if (cli)
    rows.push([
      `CLI: ${cli.command}`,
      fmt(cli.wallMs),
      cli.ok
        ? `peak RSS ${cli.maxRssMb.toFixed(0)} MB`
        : `FAILED: ${cli.error}`,
    ]);
  rows.push([
    'engine: warm re-resolve, nothing changed',
    fmt(warmSameMs),
    `${fmt(warmSameCpu)} CPU`,
  ]);
  rows.push([
    'engine: warm re-resolve after a one-file change',
    fmt(warmChangeMs),
    `${fmt(warmChangeCpu)} CPU, ${
      nine ? 'change visible' : 'CHANGE NOT VISIBLE'
    }`,
  ]);
  rows.push(['peak RSS of this process', `${peakRssMb.toFixed(0)} MB`, '']);
  const w = Math.max(...rows.map(r => r[0].length));
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
  for (const [a, b, c] of rows)
    console.log(`${a.padEnd(w)}  ${b.padStart(9)}  ${c}`);

  const best = cli?.ok ? Math.min(engineMs, cli.wallMs) : engineMs;
  const peak = Math.max(peakRssMb, cli?.ok ? cli.maxRssMb : 0);
  const targets: [string, string, boolean][] = [
    [
      '≥ 20× faster than kubectl (CLI)',
      `${(kubectlMs / engineMs).toFixed(1)}× (in process)${
        cli?.ok ? `, ${(kubectlMs / cli.wallMs).toFixed(1)}× (CLI)` : ''
      }`,
      kubectlMs / (cli?.ok ? cli.wallMs : best) >= 20,
    ],
    [
      '≤ 1.5× the floor',
      `${(engineMs / floorMs).toFixed(2)}× (in process)`,
      engineMs / floorMs <= 1.5,
    ],
    [
      '< 100 ms warm one-file change',
      `${fmt(warmChangeMs)} (${fmt(warmChangeCpu)} CPU)`,
      warmChangeMs < 100,
    ],
    ['< 1 GB peak memory', `${peak.toFixed(0)} MB`, peak < 1024],
  ];
  console.log('');
  for (const [t, v, ok] of targets)
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${t.padEnd(30)} ${v}`);
  if (errors.length)
    console.log(
      `\nfirst error problems:\n${errors
        .slice(0, 5)
        .map(p => `  ${p.rule} ${p.file}:${p.line} ${p.message}`)
        .join('\n')}`,
    );
  if (!flag('keep')) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`\nfleet kept in ${dir}`);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
