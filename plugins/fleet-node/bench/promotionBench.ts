/*
 * Benchmark of promotion (a script, not a test) on the synthetic fleet:
 * a promotion preview cold and warm, and `fleet diff` between two commits
 * that differ in one app against one `fleet check` (one load + resolve).
 * Wall time lies on a loaded machine, so the in-process figures also give
 * this process's CPU time (process.cpuUsage) and the load average.
 *
 *   yarn workspace @flux-fleet/backstage-plugin-fleet-node bench:promotion [--clusters 20] [--apps 500]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildCache, loadLocalSnapshot, resolveFleet } from '../src/engine';
import { planPromotion } from '../src/promotion';
import { clusterNames, generateFleet } from './generateFleet';

const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
/** The value, wall ms and CPU ms (user + system, every thread of this process) of `fn()`. */
const time = <T>(fn: () => T): [T, number, number] => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [value, wall, (c.user + c.system) / 1000];
};
const CLI = path.resolve(__dirname, '../../../packages/fleet-cli/bin/fleet');
// preloaded into each CLI run: its own CPU time (every thread) as the last line of stderr
const CPU_REPORTER = `process.on('exit', () => {
  const c = process.cpuUsage();
  process.stderr.write('\\nfleet-bench-cpu-ms ' + (c.user + c.system) / 1000 + '\\n');
});`;
/** Wall ms and CPU ms of one CLI run. */
const cli = (cwd: string, ...argv: string[]): [number, number] => {
  const reporter = path.join(cwd, '..', `${path.basename(cwd)}-cpu.js`);
  fs.writeFileSync(reporter, CPU_REPORTER);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', reporter, CLI, ...argv], {
    cwd,
    // the CLI resolves --repo against INIT_CWD when yarn set it (this script's package dir)
    env: { ...process.env, INIT_CWD: cwd },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wall = performance.now() - t0;
  fs.rmSync(reporter);
  // the generated fleet has no error: anything but 0 means the run measured something else
  if (r.status !== 0)
    throw new Error(`fleet ${argv[0]} exited ${r.status}: ${r.stderr}`);
  const cpu = /fleet-bench-cpu-ms ([\d.]+)\n$/.exec(r.stderr);
  return [wall, cpu ? Number(cpu[1]) : NaN];
};

async function main() {
  const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-promotion-bench-'));
  const files = generateFleet(dir, shape);
  const rows: [string, string][] = [];
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const both = ([, wall, cpu]: [unknown, number, number]) =>
    `${ms(wall)} (CPU ${ms(cpu)})`;
  const load = () =>
    os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ');
  console.log(`load average before: ${load()} (${os.cpus().length} CPUs)`);

  const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
  const cache = new BuildCache();
  const resolved = time(() => resolveFleet(snapshot, { cache }));
  const model = resolved[0];
  rows.push([
    `resolveFleet, cold (${files} files, ${model.objects.length} objects)`,
    both(resolved),
  ]);
  // app-0001 is absent from every 7th cluster, starting with the first
  const target = clusterNames(shape)[0];
  for (const strategy of ['reference', 'overlay'] as const) {
    const request = { app: 'app-0001', to: [target], strategy };
    const cold = time(() => planPromotion(snapshot, request, { model, cache }));
    const first = cold[0];
    if (first.refused || first.files.length === 0)
      throw new Error(`unexpected plan: ${first.refused ?? 'no change'}`);
    const warm = [0, 1, 2, 3, 4].map(() =>
      time(() => planPromotion(snapshot, request, { model, cache })),
    );
    rows.push([`preview ${strategy} app-0001 → ${target}, first`, both(cold)]);
    rows.push([
      `preview ${strategy} app-0001 → ${target}, warm (5 runs)`,
      warm.map(both).join(', '),
    ]);
  }

  // two commits that differ in one app
  const git = (...a: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=b',
        '-c',
        'user.email=b@example.com',
        '-c',
        'gc.auto=0',
        ...a,
      ],
      { cwd: dir },
    );
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'fleet');
  const deployment = path.join(dir, 'apps/app-0002/base/deployment.yaml');
  fs.writeFileSync(
    deployment,
    fs
      .readFileSync(deployment, 'utf8')
      .replace('memory: 128Mi', 'memory: 256Mi'),
  );
  git('commit', '-q', '-am', 'app-0002: more memory');
  const [checkMs, checkCpu] = cli(dir, 'check', '--repo', dir);
  const [diffMs, diffCpu] = cli(
    dir,
    'diff',
    '--repo',
    dir,
    '--base',
    'HEAD~1',
    '--head',
    'HEAD',
    '--format',
    'markdown',
  );
  rows.push([
    'CLI `fleet check` (node start + one load + resolve)',
    `${ms(checkMs)} (CPU ${ms(checkCpu)})`,
  ]);
  rows.push([
    'CLI `fleet diff --base HEAD~1 --head HEAD` (one app differs)',
    `${ms(diffMs)} = ${(diffMs / checkMs).toFixed(2)}× check (CPU ${ms(
      diffCpu,
    )} = ${(diffCpu / checkCpu).toFixed(2)}× check)`,
  ]);

  console.log(
    `\n| ${shape.clusters} clusters × ${shape.apps} apps | time |\n| --- | --- |`,
  );
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  console.log(`\nload average after: ${load()}`);
  // gc.auto=0 above: no detached git gc still writing into .git while it is removed
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
