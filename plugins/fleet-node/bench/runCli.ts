/*
 * Runs the fleet CLI's `matrix --json` on a repository as a subprocess and
 * measures its wall time and peak memory (GNU time's maximum resident set).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** Outcome of one CLI run. */
export interface CliRun {
  command: string;
  ok: boolean;
  wallMs: number;
  maxRssMb: number;
  error?: string;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * `node packages/fleet-cli/bin/fleet matrix --repo <dir> --json` (what `yarn fleet`
 * runs, without yarn's start-up) from the repository root, under
 * `/usr/bin/time -v` when present. Override the command with FLEET_CLI
 * (a shell-free argv, space separated; `{repo}` is replaced).
 */
export function runCli(repo: string): CliRun {
  const argv = (
    process.env.FLEET_CLI ??
    'node packages/fleet-cli/bin/fleet matrix --repo {repo} --json'
  )
    .split(' ')
    .map(a => a.replace('{repo}', repo));
  const command = argv.join(' ').replace(repo, '<fleet>');
  const timed = fs.existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = spawnSync(
    timed ? '/usr/bin/time' : argv[0],
    timed ? ['-v', ...argv] : argv.slice(1),
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    },
  );
  const wallMs = performance.now() - t0;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(
    r.stderr ?? '',
  );
  const maxRssMb = rss ? Number(rss[1]) / 1024 : NaN;
  if (r.status !== 0 && r.status !== 1) {
    const err = (r.stderr ?? String(r.error))
      .split('\n')
      .filter(l => !/^\s+\S.*: /.test(l))
      .slice(0, 5)
      .join(' | ');
    return {
      command,
      ok: false,
      wallMs,
      maxRssMb,
      error: `exit ${r.status}: ${err}`,
    };
  }
  try {
    JSON.parse(r.stdout);
  } catch {
    return {
      command,
      ok: false,
      wallMs,
      maxRssMb,
      error: 'output is not JSON',
    };
  }
  return { command, ok: true, wallMs, maxRssMb };
}
