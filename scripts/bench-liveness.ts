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
 *     [--clusters 20] [--apps 500] [--seconds 60] [--port 7107] [--cpu-prof]
 *
 * With --cpu-prof the backend runs under `node --cpu-prof` and stops
 * gracefully at the end; every main-thread task over 50 ms is then named
 * (scripts/cpuProfileLongTasks.ts), with its time since the backend started.
 *
 * Targets (issue 12): no sample over 200 ms after start-up; an unchanged
 * refresh under 50 ms of main-thread work (read from the service's log line
 * "main thread busy … ms", which counts everything the loop did meanwhile).
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commitBenchRepo } from './lib/benchRepo';
import { generateFleet } from '../plugins/fleet-node/bench/generateFleet';
import { reportLongTasks } from './cpuProfileLongTasks';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const shape = { clusters: arg('clusters', 20), apps: arg('apps', 500) };
const seconds = arg('seconds', 60);
const port = arg('port', 7107);
const cpuProf = process.argv.includes('--cpu-prof');
const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'fleet-liveness-'));
const repo = join(work, 'fleet');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

generateFleet(repo, shape);
const git = commitBenchRepo(repo, 'generated fleet');

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

const refreshLines: string[] = [];
// What `yarn workspace backend start` runs (backstage-cli's runBackend: node
// with its require hook), without the file watcher: in a shared tree every
// save elsewhere would restart the backend mid-measurement.
const profDir = join(work, 'cpu-prof');
const spawnedAt = Date.now();
const at = () => `${((Date.now() - spawnedAt) / 1000).toFixed(1)} s`;
const backend = spawn(
  process.execPath,
  [
    ...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
    '--config',
    join(root, 'app-config.yaml'),
    '--config',
    config,
  ],
  {
    cwd: join(root, 'packages/backend'),
    detached: true,
    env: { ...process.env, LOG_LEVEL: 'debug', NODE_ENV: 'development' },
  },
);
let buffered = '';
const logFile = join(tmpdir(), 'fleet-liveness-backend.log');
writeFileSync(logFile, '');
const onData = (chunk: Buffer) => {
  appendFileSync(logFile, chunk);
  buffered += chunk.toString();
  const lines = buffered.split('\n');
  buffered = lines.pop()!;
  for (const line of lines)
    if (line.includes('Fleet refresh ')) refreshLines.push(line);
};
backend.stdout.on('data', onData);
backend.stderr.on('data', onData);
const stop = () => {
  try {
    process.kill(-backend.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
};
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

// a graceful stop writes the CPU profile; SIGKILL after 30 s regardless
async function stopGracefully(): Promise<void> {
  if (backend.exitCode !== null) return;
  const exited = new Promise(r => backend.once('exit', r));
  process.kill(-backend.pid!, 'SIGINT');
  await Promise.race([exited, sleep(30_000)]);
  stop();
}

async function sample(label: string, during?: () => Promise<void>) {
  const url = `http://localhost:${port}/.backstage/health/v1/liveness`;
  const latencies: number[] = [];
  const slow: string[] = [];
  const from = refreshLines.length;
  console.log(`${label}: sampling from ${at()} after the backend started`);
  const end = Date.now() + seconds * 1000;
  const side = during?.();
  while (Date.now() < end) {
    const t = performance.now();
    await fetch(url).then(r => r.arrayBuffer());
    const ms = performance.now() - t;
    latencies.push(ms);
    if (ms > 200) slow.push(`${new Date().toISOString()} ${ms.toFixed(0)} ms`);
    await sleep(Math.max(0, 50 - ms));
  }
  await side;
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(
      1,
    );
  const lines = refreshLines.slice(from);
  const busy = (kind: string) =>
    lines
      .filter(l => l.includes(kind))
      .map(l => Number(/main thread busy ([\d.]+) ms/.exec(l)?.[1] ?? NaN));
  const unchanged = busy('refresh unchanged');
  const resolved = busy('refresh resolved');
  console.log(
    `${label}: ${latencies.length} samples, p50 ${q(0.5)} ms, p99 ${q(
      0.99,
    )} ms, max ${q(1)} ms, ` +
      `${latencies.filter(l => l > 200).length} over 200 ms; ` +
      `${unchanged.length} unchanged refreshes (main thread max ${Math.max(
        0,
        ...unchanged,
      ).toFixed(1)} ms), ` +
      `${resolved.length} resolves (main thread max ${Math.max(
        0,
        ...resolved,
      ).toFixed(1)} ms)`,
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
    `fleet ${shape.clusters}×${shape.apps} in ${repo}; backend on :${port}, its log in ${logFile}`,
  );
  const started = Date.now();
  while (!refreshLines.some(l => l.includes('refresh resolved'))) {
    if (backend.exitCode !== null) throw new Error('the backend exited');
    if (Date.now() - started > 600_000)
      throw new Error('no fleet resolved within 10 minutes');
    await sleep(500);
  }
  console.log(`start-up: first fleet resolved ${at()} after the start command`);
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
      git('commit', '-q', '-am', `replicas ${n + 1}`);
    }
  });
  for (const l of refreshLines.filter(x => x.includes('resolved')))
    console.log(l.slice(0, 400));
  if (cpuProf) {
    await stopGracefully();
    // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread
    for (const f of readdirSync(profDir))
      if (/^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f)) {
        // kept next to the log for a second look (scripts/cpuProfileLongTasks.ts)
        const kept = join(tmpdir(), 'fleet-liveness-main.cpuprofile');
        copyFileSync(join(profDir, f), kept);
        reportLongTasks(kept, 50);
      }
  }
}

main()
  .catch(e => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    stop();
    rmSync(work, { recursive: true, force: true });
  });
