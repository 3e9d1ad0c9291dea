/*
 * The git repository a benchmark serves its fleet from: the files already in
 * `repo` committed on `main` as one commit, and a `git` function for the
 * commits the benchmark makes while it measures. Shared by
 * `scripts/bench-liveness.ts` and `scripts/bench-relations-delay.ts`.
 */
import { execFileSync } from 'node:child_process';

/** Runs git in a benchmark's repository; returns its trimmed output. */
export type BenchGit = (...args: string[]) => string;

/** Makes `repo` (a directory holding a fleet) a git repository with one commit. */
export function commitBenchRepo(repo: string, message: string): BenchGit {
  const git: BenchGit = (...args) =>
    execFileSync(
      'git',
      ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args],
      { cwd: repo, stdio: 'pipe' },
    )
      .toString()
      .trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git;
}
