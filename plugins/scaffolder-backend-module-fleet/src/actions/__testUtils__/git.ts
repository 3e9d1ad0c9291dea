import { execFileSync } from 'node:child_process';

/**
 * Runs git in `cwd` with a test identity and returns its trimmed output;
 * throws on a non-zero exit.
 */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args],
    { cwd, encoding: 'utf8' },
  ).trim();
}
