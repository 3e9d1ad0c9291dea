/*
 * A committed revision of a local git repository becomes a Snapshot, without
 * looking at the working tree: what Flux's source-controller would fetch for
 * that commit. `git ls-tree` lists it, one `git cat-file --batch` reads it.
 */
import * as path from 'node:path';
import type { Problem, RepoPath, Snapshot } from '../types';
import { git, gitCatBlobs, gitResolveCommit } from './gitCommands';
import { SizeBudget } from './sizeBudget';

/** Options of {@link loadGitSnapshot}. */
export interface LoadGitSnapshotOptions {
  /** Files larger than this many bytes are reported (`file-too-large`) and not read. Default: 5 MB. */
  maxFileBytes?: number;
  /** Files of one directory read past this many bytes are reported (`file-too-large`) and not read. Default: 64 MB. */
  maxDirectoryBytes?: number;
  /** Files read past this many bytes in all are reported (`file-too-large`) and not read. Default: 256 MB. */
  maxRepositoryBytes?: number;
  /** Directory names skipped anywhere in the tree. Default: `node_modules`. */
  skipDirs?: string[];
  /**
   * Read only this directory of the repository (a repository path, e.g. the
   * `git rev-parse --show-prefix` of a work tree's subdirectory), as the
   * snapshot's root: paths are relative to it and a symlink leaving it is a
   * `symlink-escape`, as {@link loadLocalSnapshot} treats a directory. Default:
   * the whole repository.
   */
  prefix?: string;
}

interface TreeEntry {
  mode: string;
  sha: string;
  size: number;
}

// a chain of symlinks longer than this is treated as a loop, as the kernel's ELOOP
const MAX_LINK_HOPS = 40;

/**
 * Reads the commit `rev` (a branch, tag or SHA; default `HEAD`) of the git
 * repository at `dir` into a {@link Snapshot} whose `revision` is the commit SHA.
 *
 * As {@link loadLocalSnapshot} does for a directory: symlinks to files or
 * directories inside the tree are read under the link's path; targets outside
 * it (`symlink-escape`), missing (`symlink-broken`) or circular
 * (`symlink-loop`) are reported and not read; files over `maxFileBytes` are
 * reported (`file-too-large`), and so are files past `maxDirectoryBytes`
 * in their directory or `maxRepositoryBytes` in all. Submodules are not read.
 *
 * Rejects when `dir` is not a git repository or `rev` names no commit.
 */
export async function loadGitSnapshot(
  dir: string,
  rev = 'HEAD',
  opts: LoadGitSnapshotOptions = {},
): Promise<Snapshot> {
  const limits = {
    maxFileBytes: opts.maxFileBytes,
    maxDirectoryBytes: opts.maxDirectoryBytes,
    maxRepositoryBytes: opts.maxRepositoryBytes,
  };
  const budget = new SizeBudget(limits);
  const skipDirs = new Set(opts.skipDirs ?? ['node_modules']);
  const commit = await gitResolveCommit(dir, rev);
  if (!commit) {
    throw new Error(`${rev} names no commit in the git repository ${dir}`);
  }
  const listing = await git(dir, [
    'ls-tree',
    '-r',
    '-z',
    '-l',
    '--full-tree',
    commit,
  ]);
  const prefix = (opts.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const entries = new Map<RepoPath, TreeEntry>();
  for (const record of listing.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , sha, size] = record.slice(0, tab).split(/ +/);
    const fullPath = record.slice(tab + 1);
    // the snapshot's root is the prefix: what lies outside it is not there
    if (prefix && !fullPath.startsWith(`${prefix}/`)) continue;
    const repoPath = prefix ? fullPath.slice(prefix.length + 1) : fullPath;
    if (repoPath.split('/').some(segment => skipDirs.has(segment))) continue;
    entries.set(repoPath, { mode, sha, size: Number(size) });
  }

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
  // blobs are read at once before the walk: a first pass of the same
  // bounds keeps a hostile repository's bytes out of memory
  const wanted = new Set<string>();
  const preview = new SizeBudget(limits);
  for (const [p, e] of entries) {
    if (
      e.mode === '120000' ||
      (e.mode.startsWith('100') && preview.admit(p, e.size) === undefined)
    ) {
      wanted.add(e.sha);
    }
  }
  const blobs = await gitCatBlobs(dir, [...wanted]);
  const text = (e: TreeEntry) => blobs.get(e.sha)?.toString('utf8');

  const files = new Map<RepoPath, string>();
  const readBlob = (repoPath: RepoPath, e: TreeEntry) => {
    const refused = budget.admit(repoPath, e.size);
    if (refused) {
      report('file-too-large', repoPath, refused);
      return;
    }
    const content = text(e);
    if (content === undefined) {
      report(
        'file-unreadable',
        repoPath,
        `${repoPath} could not be read from git; it was skipped.`,
      );
    } else {
      files.set(repoPath, content);
    }
  };
  const dirs = directoriesOf(entries.keys());

  // Follows `link` (a symlink entry at `at`) and stores what it points to under `at`.
  const follow = (at: RepoPath, linkPath: RepoPath, hops: number): void => {
    const target = text(entries.get(linkPath)!) ?? '';
    const normal = path.posix.normalize(
      path.posix.join(path.posix.dirname(linkPath), target),
    );
    const joined = normal === '.' ? '' : normal.replace(/\/$/, '');
    if (
      path.posix.isAbsolute(target) ||
      joined === '..' ||
      joined.startsWith('../')
    ) {
      report(
        'symlink-escape',
        at,
        `${at} is a symbolic link to a target outside the repository; it was not read.`,
      );
      return;
    }
    const ancestor =
      joined === '' || (dirs.has(joined) && `${at}/`.startsWith(`${joined}/`));
    if (hops > MAX_LINK_HOPS || ancestor) {
      report(
        'symlink-loop',
        at,
        `${at} is a symbolic link to one of its own parent directories; it was not followed.`,
      );
      return;
    }
    const entry = entries.get(joined);
    if (entry?.mode === '120000') {
      follow(at, joined, hops + 1);
    } else if (entry?.mode.startsWith('100')) {
      readBlob(at, entry);
    } else if (dirs.has(joined)) {
      for (const [p, e] of entries) {
        if (!p.startsWith(`${joined}/`)) continue;
        const mapped = `${at}/${p.slice(joined.length + 1)}`;
        if (e.mode === '120000') follow(mapped, p, hops + 1);
        else if (e.mode.startsWith('100')) readBlob(mapped, e);
      }
    } else {
      report(
        'symlink-broken',
        at,
        `${at} is a symbolic link whose target does not exist; it was not read.`,
      );
    }
  };

  for (const [repoPath, e] of entries) {
    if (e.mode === '120000') follow(repoPath, repoPath, 0);
    else if (e.mode.startsWith('100')) readBlob(repoPath, e);
    // 160000: a submodule, another repository; 040000 does not occur with -r
  }
  return { revision: commit, files: sortedMap(files), problems };
}

function directoriesOf(paths: Iterable<RepoPath>): Set<RepoPath> {
  const dirs = new Set<RepoPath>();
  for (const p of paths) {
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1))
      dirs.add(p.slice(0, i));
  }
  return dirs;
}

// the same order loadLocalSnapshot produces (sorted by path)
function sortedMap(files: Map<RepoPath, string>): Map<RepoPath, string> {
  return new Map([...files].sort(([a], [b]) => Number(a > b) - Number(a < b)));
}
