/*
 * The git repository a benchmark serves its fleet from: the files already in
 * `repo` committed on `main` as one commit, and a `git` function for the
 * commits the benchmark makes while it measures. Shared by
 * `scripts/bench-liveness.ts` and `scripts/bench-relations-delay.ts`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** Runs git in a benchmark's repository; returns its trimmed output. */
export type BenchGit = (...args: string[]) => string;

const identity = ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost'];
const execFileAsync = promisify(execFile);

/**
 * Runs git in `repo` without blocking this process's event loop. A sampler
 * that shares the loop must use this one: `git commit -am` in a 10,000-file
 * repository takes 120–140 ms on the idle machine, and a synchronous call
 * adds all of it to whichever sample is in flight (the backend never sees it).
 */
export async function benchGitAsync(
  repo: string,
  ...args: string[]
): Promise<string> {
  const { stdout } = await execFileAsync('git', [...identity, ...args], {
    cwd: repo,
  });
  return stdout.trim();
}

/** Makes `repo` (a directory holding a fleet) a git repository with one commit. */
export function commitBenchRepo(repo: string, message: string): BenchGit {
  const git: BenchGit = (...args) =>
    execFileSync('git', [...identity, ...args], { cwd: repo, stdio: 'pipe' })
      .toString()
      .trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git;
}
