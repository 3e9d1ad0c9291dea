/*
 * The real backend as the benchmarks start it, and the liveness sampler they
 * measure it with. Shared by `scripts/bench-liveness.ts` and
 * `scripts/bench/benchCatalogScale.ts`.
 *
 * The backend is `packages/backend` from its TypeScript sources, as `yarn
 * workspace backend start` runs it (backstage-cli's runBackend: node with its
 * require hook), without the file watcher: in a shared tree every save
 * elsewhere would restart the backend mid-measurement. Or, with `production`,
 * the production build as the image's CMD runs it (`NODE_ENV=production node
 * packages/backend`, no require hook, no source maps) from a directory that
 * `KEEP=1 bash scripts/prod-build.sh` left standing in for the image's /app.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { reportLongTasks, type LongTask } from '../cpuProfileLongTasks';

const root = resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The number after `--<name>` on the command line, or `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/**
 * The directory after `--production` on the command line (a production
 * build kept by `KEEP=1 DATABASES=sqlite bash scripts/prod-build.sh`), or
 * undefined: the backend then runs from its TypeScript sources.
 */
export function productionArg(): string | undefined {
  const i = process.argv.indexOf('--production');
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** A backend started by {@link startBenchBackend}. */
export interface BenchBackend {
  process: ChildProcess;
  /** Every log line containing `Fleet refresh ` so far. */
  refreshLines: string[];
  /** Seconds since the backend was spawned, as `12.3 s`. */
  at(): string;
  /** The backend's log file (stdout and stderr). */
  logFile: string;
  /** SIGINT (which writes the CPU profile), SIGKILL after 30 s regardless. */
  stopGracefully(): Promise<void>;
  /**
   * Stops the backend gracefully and prints the main thread's tasks over
   * `thresholdMs` from its CPU profile (only with `cpuProf`).
   */
  reportLongTasks(name: string, thresholdMs?: number): Promise<LongTask[]>;
}

/**
 * Starts the backend with `app-config.yaml` and the benchmark's `config`
 * file, debug logging, in its own process group (killed when this process
 * exits). With `cpuProf` it runs under `node --cpu-prof` into `work`.
 * `BENCH_NODE_ARGS` adds node options Node refuses in NODE_OPTIONS (for
 * example `--trace-gc`, whose lines land in the backend's log).
 */
export function startBenchBackend(options: {
  config: string;
  work: string;
  logName: string;
  cpuProf?: boolean;
  /**
   * LOG_LEVEL (default `debug`). `info` for a measurement where the catalog
   * would otherwise log every entity it processes and stitches.
   */
  logLevel?: string;
  /**
   * The directory of a production build (`KEEP=1 bash
   * scripts/prod-build.sh` prints it): run its `packages/backend` as the
   * image does, with its `app-config.yaml` and the benchmark's config (not
   * `app-config.production.yaml`, which asks for PostgreSQL and a real
   * sign-in provider).
   */
  production?: string;
}): BenchBackend {
  const profDir = join(options.work, 'cpu-prof');
  const spawnedAt = Date.now();
  const nodeArgs = [
    ...(options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profDir] : []),
    ...(process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
  ];
  const { production } = options;
  if (production && !existsSync(join(production, 'packages/backend'))) {
    // spawn would fail with "spawn …/node ENOENT", naming node, not the directory
    throw new Error(
      `--production ${production}: no packages/backend there; give the directory KEEP=1 DATABASES=sqlite bash scripts/prod-build.sh prints ("kept …")`,
    );
  }
  const backend = spawn(
    process.execPath,
    production
      ? [
          ...nodeArgs,
          'packages/backend',
          '--config',
          join(production, 'app-config.yaml'),
          '--config',
          options.config,
        ]
      : [
          ...nodeArgs,
          '--enable-source-maps',
          '--require',
          require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
          'src/index.ts',
          '--config',
          join(root, 'app-config.yaml'),
          '--config',
          options.config,
        ],
    {
      cwd: production ?? join(root, 'packages/backend'),
      detached: true,
      env: {
        ...process.env,
        LOG_LEVEL: options.logLevel ?? 'debug',
        NODE_ENV: production ? 'production' : 'development',
      },
    },
  );
  const refreshLines: string[] = [];
  const logFile = join(tmpdir(), `${options.logName}.log`);
  writeFileSync(logFile, '');
  let buffered = '';
  const onData = (chunk: Buffer) => {
    appendFileSync(logFile, chunk);
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines)
      if (line.includes('Fleet refresh ')) refreshLines.push(line);
  };
  backend.stdout!.on('data', onData);
  backend.stderr!.on('data', onData);
  const kill = () => {
    try {
      process.kill(-backend.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', kill);
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  const stopGracefully = async () => {
    if (backend.exitCode === null) {
      const exited = new Promise(r => backend.once('exit', r));
      process.kill(-backend.pid!, 'SIGINT');
      await Promise.race([exited, sleep(30_000)]);
    }
    kill();
  };
  return {
    process: backend,
    refreshLines,
    logFile,
    at: () => `${((Date.now() - spawnedAt) / 1000).toFixed(1)} s`,
    stopGracefully,
    async reportLongTasks(name, thresholdMs = 50) {
      await stopGracefully();
      if (!options.cpuProf) return [];
      const tasks: LongTask[] = [];
      // CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile: thread 0 is the main thread
      for (const f of readdirSync(profDir))
        if (/^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f)) {
          // kept next to the log for a second look (scripts/cpuProfileLongTasks.ts)
          const kept = join(tmpdir(), `${name}.cpuprofile`);
          copyFileSync(join(profDir, f), kept);
          tasks.push(...reportLongTasks(kept, thresholdMs));
        }
      return tasks;
    },
  };
}

/** Waits until a log line says the first fleet resolved (10 minutes at most). */
export async function waitForFirstResolve(backend: BenchBackend) {
  const started = Date.now();
  while (!backend.refreshLines.some(l => l.includes('refresh resolved'))) {
    if (backend.process.exitCode !== null)
      throw new Error('the backend exited');
    if (Date.now() - started > 600_000)
      throw new Error('no fleet resolved within 10 minutes');
    await sleep(500);
  }
}

/** What {@link sampleLiveness} measured. */
export interface LivenessSamples {
  latencies: number[];
  /** The samples over 200 ms, as `<ISO time> <ms> ms`. */
  slow: string[];
  /**
   * The longest this process's own event loop was held up meanwhile (ms,
   * node's monitorEventLoopDelay). A sample is the backend's only while this
   * stays small: a stall here is added to the sample in flight.
   */
  ownLoopMaxMs: number;
}

/**
 * Asks the liveness endpoint every 50 ms (a request starts 50 ms after the
 * previous one started, or at once when it took longer) until `until()`
 * says stop. A sample's latency is how long the backend's event loop
 * kept the probe waiting, plus a millisecond or two of HTTP.
 */
export async function sampleLiveness(
  port: number,
  until: () => boolean,
): Promise<LivenessSamples> {
  const url = `http://localhost:${port}/.backstage/health/v1/liveness`;
  const latencies: number[] = [];
  const slow: string[] = [];
  const ownLoop = monitorEventLoopDelay({ resolution: 10 });
  ownLoop.enable();
  while (!until()) {
    const t = performance.now();
    await fetch(url).then(r => r.arrayBuffer());
    const ms = performance.now() - t;
    latencies.push(ms);
    if (ms > 200) slow.push(`${new Date().toISOString()} ${ms.toFixed(0)} ms`);
    await sleep(Math.max(0, 50 - ms));
  }
  ownLoop.disable();
  return { latencies, slow, ownLoopMaxMs: ownLoop.max / 1e6 };
}

/** `p50 … ms, p99 … ms, max … ms, N over 200 ms` of `latencies`. */
export function describeLatencies(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const q = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(
      1,
    );
  return (
    `${latencies.length} samples, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(
      1,
    )} ms, ` + `${latencies.filter(l => l > 200).length} over 200 ms`
  );
}
