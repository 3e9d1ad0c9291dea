/*
 * Reading the repository a command works on, with one-line errors for a
 * directory that is not there.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  type Problem,
  type Snapshot,
  loadLocalSnapshot,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import { InputError } from './errors';

/** `dir` resolved against `cwd`, checked to be a directory. */
export async function existingDir(
  cwd: string,
  dir: string,
  what: string,
): Promise<string> {
  const abs = path.resolve(cwd, dir);
  const stat = await fs.stat(abs).catch(() => undefined);
  if (!stat) throw new InputError(`${what} ${dir} does not exist`);
  if (!stat.isDirectory())
    throw new InputError(`${what} ${dir} is not a directory`);
  return abs;
}

/** The snapshot of the repository at `repo` (relative to `cwd`). */
export async function loadRepo(cwd: string, repo: string): Promise<Snapshot> {
  return loadLocalSnapshot(await existingDir(cwd, repo, 'repository'));
}

/** The top of the git work tree holding `dir`, or undefined. */
export function gitTopLevel(dir: string): Promise<string | undefined> {
  return new Promise(resolve => {
    execFile(
      'git',
      ['rev-parse', '--show-toplevel'],
      { cwd: dir, timeout: 10_000 },
      (err, stdout) => {
        const top = String(stdout ?? '').trim();
        resolve(!err && top ? top : undefined);
      },
    );
  });
}

/** A problem as one line: `error rule file:line [cluster] message`. */
export function formatProblem(p: Problem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ''}` : '-';
  return `${p.severity} ${p.rule} ${where}${
    p.cluster ? ` [${p.cluster}]` : ''
  }: ${p.message}`;
}

/** "N errors, M warnings". */
export function summarize(problems: Problem[]): string {
  const errors = problems.filter(p => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${
    warnings === 1 ? '' : 's'
  }`;
}
