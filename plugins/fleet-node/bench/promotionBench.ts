/*
 * Benchmark of promotion (a script, not a test) on the synthetic fleet:
 * a promotion preview cold and warm, and `fleet diff` between two commits
 * that differ in one app against one `fleet check` (one load + resolve).
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
const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
};
const CLI = path.resolve(__dirname, '../../../packages/fleet-cli/bin/fleet');
const cli = (cwd: string, ...argv: string[]) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...argv], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`fleet ${argv[0]} failed: ${r.stderr}`);
  return performance.now() - t0;
};

async function main() {
  const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-promotion-bench-'));
  const files = generateFleet(dir, shape);
  const rows: [string, string][] = [];
  const ms = (v: number) => `${v.toFixed(0)} ms`;

  const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
  const cache = new BuildCache();
  const [model, resolveMs] = time(() => resolveFleet(snapshot, { cache }));
  rows.push([
    `resolveFleet, cold (${files} files, ${model.objects.length} objects)`,
    ms(resolveMs),
  ]);
  // app-0001 is absent from every 7th cluster, starting with the first
  const target = clusterNames(shape)[0];
  for (const strategy of ['reference', 'overlay'] as const) {
    const request = { app: 'app-0001', to: [target], strategy };
    const [first, coldMs] = time(() =>
      planPromotion(snapshot, request, { model, cache }),
    );
    if (first.refused || first.files.length === 0)
      throw new Error(`unexpected plan: ${first.refused ?? 'no change'}`);
    const warm: number[] = [];
    for (let k = 0; k < 3; k++)
      warm.push(
        time(() => planPromotion(snapshot, request, { model, cache }))[1],
      );
    rows.push([`preview ${strategy} app-0001 → ${target}, first`, ms(coldMs)]);
    rows.push([
      `preview ${strategy} app-0001 → ${target}, warm (3 runs)`,
      warm.map(ms).join(', '),
    ]);
  }

  // two commits that differ in one app
  const git = (...a: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...a],
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
  const checkMs = cli(dir, 'check', '--repo', '.');
  const diffMs = cli(
    dir,
    'diff',
    '--repo',
    '.',
    '--base',
    'HEAD~1',
    '--head',
    'HEAD',
    '--format',
    'markdown',
  );
  rows.push([
    'CLI `fleet check` (node start + one load + resolve)',
    ms(checkMs),
  ]);
  rows.push([
    'CLI `fleet diff --base HEAD~1 --head HEAD` (one app differs)',
    `${ms(diffMs)} = ${(diffMs / checkMs).toFixed(2)}× check`,
  ]);

  console.log(
    `\n| ${shape.clusters} clusters × ${shape.apps} apps | time |\n| --- | --- |`,
  );
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
