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

/** Bundles the CLI as `yarn pack` ships it (packages/fleet-cli/scripts/bundle.js) into `dir`; returns its entry. */
function bundleCli(dir: string): string {
  const out = path.join(dir, 'fleet-cli');
  spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'packages/fleet-cli/scripts/bundle.js'), out],
    { stdio: 'inherit' },
  );
  return path.join(out, 'fleet.mjs');
}

/**
 * The installed CLI, `node <bundle>/fleet.mjs matrix --repo <dir> --json`
 * (plain JavaScript, no transform, no yarn), bundled next to the fleet in
 * `workDir`, under `/usr/bin/time -v` when present. Override the command
 * with FLEET_CLI (a shell-free argv, space separated; `{repo}` is replaced).
 */
export function runCli(repo: string, workDir: string): CliRun {
  const argv = (
    process.env.FLEET_CLI ??
    `node ${bundleCli(workDir)} matrix --repo {repo} --json`
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
