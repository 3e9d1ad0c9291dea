/*
 * The only place the engine touches the file system: a directory (or a git
 * work tree) becomes a Snapshot. Everything the resolver reads later comes
 * from here, so nothing outside the root can ever reach a build.
 */
import { execFile } from 'node:child_process';
import {
  promises as fs,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs';
import * as path from 'node:path';
import type { Problem, RepoPath, Snapshot } from '../core/types';
import { SizeBudget } from './sizeBudget';

/** Options of {@link loadLocalSnapshot}. */
export interface LoadLocalSnapshotOptions {
  /** Files larger than this many bytes are reported (`file-too-large`) and not read. Default: 5 MB. */
  maxFileBytes?: number;
  /** Files of one directory read past this many bytes are reported (`file-too-large`) and not read. Default: 64 MB. */
  maxDirectoryBytes?: number;
  /** Files read past this many bytes in all are reported (`file-too-large`) and not read. Default: 256 MB. */
  maxRepositoryBytes?: number;
  /** Directory names skipped anywhere in the tree. Default: `.git`, `node_modules`. */
  skipDirs?: string[];
  /** Read the revision with `git rev-parse HEAD`. Default: true. */
  readRevision?: boolean;
}

const DEFAULT_SKIP_DIRS = ['.git', 'node_modules'];

/**
 * Reads every regular file under `root` into a {@link Snapshot}.
 *
 * - Symlinks whose target lies inside the root are read under the link's
 *   path; targets outside it are reported (`symlink-escape`) and not read.
 * - Files over `maxFileBytes`, or past `maxDirectoryBytes` in their
 *   directory or `maxRepositoryBytes` in all, are reported
 *   (`file-too-large`) and not read.
 * - `revision` is `git rev-parse HEAD` when the root is a git work tree, else null.
 *
 * Rejects only when `root` itself cannot be read (not a directory).
 */
export async function loadLocalSnapshot(
  root: string,
  opts: LoadLocalSnapshotOptions = {},
): Promise<Snapshot> {
  const budget = new SizeBudget({
    maxFileBytes: opts.maxFileBytes,
    maxDirectoryBytes: opts.maxDirectoryBytes,
    maxRepositoryBytes: opts.maxRepositoryBytes,
  });
  const skipDirs = new Set(opts.skipDirs ?? DEFAULT_SKIP_DIRS);
  const realRoot = await fs.realpath(path.resolve(root));
  const stat = await fs.stat(realRoot);
  if (!stat.isDirectory()) {
    throw new Error(`${root} is not a directory`);
  }
  const files = new Map<RepoPath, string>();
  const problems: Problem[] = [];
  const report = (rule: string, file: RepoPath, message: string) =>
    problems.push({
      severity: 'error',
      rule,
      cluster: null,
      file,
      line: null,
      message,
    });

  const isInside = (abs: string) =>
    abs === realRoot || abs.startsWith(realRoot + path.sep);

  const readFile = (abs: string, repoPath: RepoPath, size: number) => {
    const refused = budget.admit(repoPath, size);
    if (refused) {
      report('file-too-large', repoPath, refused);
      return;
    }
    try {
      files.set(repoPath, readFileSync(abs, 'utf8'));
    } catch (e) {
      report(
        'file-unreadable',
        repoPath,
        `${repoPath} could not be read (${
          (e as NodeJS.ErrnoException).code ?? 'error'
        }); it was skipped.`,
      );
    }
  };

  // `visiting` holds the real paths of the directories on the current walk, so
  // an in-repo symlink to an ancestor directory cannot loop forever.
  function walk(
    absDir: string,
    repoDir: RepoPath,
    visiting: Set<string>,
  ): void {
    let entries;
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (e) {
      report(
        'file-unreadable',
        repoDir,
        `${repoDir || 'The repository root'} could not be listed (${
          (e as NodeJS.ErrnoException).code ?? 'error'
        }); it was skipped.`,
      );
      return;
    }
    entries.sort((a, b) => Number(a.name > b.name) - Number(a.name < b.name));
    for (const entry of entries) {
      const abs = path.join(absDir, entry.name);
      const repoPath = repoDir ? `${repoDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skipDirs.has(entry.name)) walk(abs, repoPath, visiting);
      } else if (entry.isFile()) {
        readFile(
          abs,
          repoPath,
          statSync(abs, { throwIfNoEntry: false })?.size ?? 0,
        );
      } else if (entry.isSymbolicLink()) {
        followLink(abs, repoPath, visiting);
      }
    }
  }

  function followLink(
    abs: string,
    repoPath: RepoPath,
    visiting: Set<string>,
  ): void {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch (e) {
      // ELOOP: links pointing at each other (a → b → a), as the kernel refuses them
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') {
        report(
          'symlink-loop',
          repoPath,
          `${repoPath} is a symbolic link in a loop of links; it was not followed.`,
        );
        return;
      }
      report(
        'symlink-broken',
        repoPath,
        `${repoPath} is a symbolic link whose target does not exist; it was not read.`,
      );
      return;
    }
    if (!isInside(target)) {
      report(
        'symlink-escape',
        repoPath,
        `${repoPath} is a symbolic link to a target outside the repository; it was not read.`,
      );
      return;
    }
    const targetStat = statSync(target);
    if (targetStat.isDirectory()) {
      if (visiting.has(target)) {
        report(
          'symlink-loop',
          repoPath,
          `${repoPath} is a symbolic link to one of its own parent directories; it was not followed.`,
        );
        return;
      }
      walk(target, repoPath, new Set([...visiting, target]));
    } else if (targetStat.isFile()) {
      readFile(target, repoPath, targetStat.size);
    }
  }

  // Synchronous reads: one pass over thousands of small files costs a
  // fraction of the per-call overhead of fs.promises, and a refresh runs
  // at most every few minutes.
  walk(realRoot, '', new Set([realRoot]));
  const revision =
    opts.readRevision === false ? null : await gitRevision(realRoot);
  return { revision, files, problems };
}

/**
 * A snapshot from in-memory files (tests, URL readers): paths are normalised
 * to repository paths (no leading `./` or `/`).
 */
export function snapshotFromFiles(
  files: Record<string, string>,
  revision: string | null = null,
): Snapshot {
  const map = new Map<RepoPath, string>();
  for (const [p, content] of Object.entries(files)) {
    map.set(p.replace(/^(\.\/|\/)+/, ''), content);
  }
  return { revision, files: map, problems: [] };
}

/** `git rev-parse HEAD` in `dir`, or null when it is not a git work tree (or git is missing). */
function gitRevision(dir: string): Promise<string | null> {
  return new Promise(resolve => {
    execFile(
      'git',
      ['rev-parse', 'HEAD'],
      { cwd: dir, timeout: 10_000 },
      (err, stdout) => {
        const sha = String(stdout ?? '').trim();
        resolve(!err && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null);
      },
    );
  });
}
