/*
 * The two ways the CLI's tests run `fleet`: in process through `main` (fast,
 * for the commands' own behaviour), and as the real command in a child
 * process (`bin/fleet`, as `yarn fleet` and an installed package run it: exit
 * codes, stdout and stderr as a user sees them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../main';

/** The repository's bundled example fleet. */
export const EXAMPLE_FLEET = path.resolve(
  __dirname,
  '../../../../examples/fleet',
);

const BIN = path.resolve(__dirname, '../../bin/fleet');

/** What one run of `fleet` printed and returned. */
export type FleetRun = {
  code: number | null;
  stdout: string;
  stderr: string;
};

/** Runs `fleet ARGS` in this process through `main`, from `cwd`. */
export async function runMain(args: string[], cwd: string): Promise<FleetRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: t => {
      stdout += t;
    },
    stderr: t => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

/**
 * Runs the real `fleet` command (`bin/fleet`) in a child process from `cwd`.
 * INIT_CWD is dropped so the command resolves paths from `cwd`, as it does
 * outside Yarn.
 */
export function runBin(
  args: string[],
  cwd: string,
  timeout = 60_000,
): FleetRun {
  const env = { ...process.env };
  delete env.INIT_CWD;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs git in `cwd` with a fixed author, returning its stdout. */
export const git = (cwd: string, ...args: string[]): string =>
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args],
    { cwd, encoding: 'utf8' },
  );
