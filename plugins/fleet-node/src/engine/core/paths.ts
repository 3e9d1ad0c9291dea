/*
 * Repository paths: POSIX, relative to the repository root, no leading `./`
 * or `/`, `''` for the root. Every reference written in a kustomization is
 * resolved here, so nothing can name a file outside the repository.
 */
import type { RepoPath } from './types';

/** Outcome of resolving a reference against a directory. */
export type ResolvedRef =
  | { path: RepoPath }
  | { escape: true; reason: 'absolute' | 'outside-root' };

/**
 * Normalizes a relative path (`a/./b/../c` → `a/c`); returns undefined when
 * `..` climbs above the root.
 */
export function normalizePath(path: string): RepoPath | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}

/** Joins repository path segments without normalizing `..`. */
export function joinPath(...parts: string[]): RepoPath {
  return parts.filter(p => p !== '').join('/');
}

/** The directory holding `path` (`''` for a top-level entry). */
export function dirnameOf(path: RepoPath): RepoPath {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The last segment of `path`. */
export function basenameOf(path: RepoPath): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * Resolves `ref`, written in a file of `baseDir`, to a repository path.
 * Absolute paths and paths climbing out of the repository are escapes: the
 * engine may only read the snapshot.
 */
export function resolveRef(baseDir: RepoPath, ref: string): ResolvedRef {
  if (ref.startsWith('/') || /^[A-Za-z]:[\\/]/.test(ref)) {
    return { escape: true, reason: 'absolute' };
  }
  const path = normalizePath(joinPath(baseDir, ref));
  return path === undefined
    ? { escape: true, reason: 'outside-root' }
    : { path };
}

/**
 * True when `ref` names a remote base rather than a local path, following
 * kustomize's remote target syntax: a URL scheme, a go-getter forced getter
 * (`git::https://…`), scp-like `git@host:`, a `?ref=`/`?version=` query, or
 * a well-known git host as first segment.
 */
export function isRemoteRef(ref: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(ref) ||
    /^[A-Za-z][A-Za-z0-9+.-]*::/.test(ref) ||
    /^[\w.-]+@[\w.-]+:/.test(ref) ||
    /\?(ref|version|submodules|timeout)=/.test(ref) ||
    /^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com)\//.test(ref)
  );
}

/** True when `ancestor` is `path` itself or one of its parent directories. */
export function isSameOrAncestor(ancestor: RepoPath, path: RepoPath): boolean {
  return (
    ancestor === '' || path === ancestor || path.startsWith(`${ancestor}/`)
  );
}

/** A relative reference from directory `fromDir` to `to` (`../b/c`, or `.`). */
export function relativePath(fromDir: RepoPath, to: RepoPath): string {
  const from = fromDir === '' ? [] : fromDir.split('/');
  const target = to === '' ? [] : to.split('/');
  let common = 0;
  while (
    common < from.length &&
    common < target.length &&
    from[common] === target[common]
  ) {
    common++;
  }
  const up = from.slice(common).map(() => '..');
  const rel = [...up, ...target.slice(common)].join('/');
  return rel === '' ? '.' : rel;
}
