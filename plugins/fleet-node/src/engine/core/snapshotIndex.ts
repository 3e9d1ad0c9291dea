/*
 * A directory index of a Snapshot, built once per snapshot (WeakMap), so
 * "is this a directory", "what does it hold" and "which kustomization file is
 * here" are O(1) instead of a scan of every path.
 */
import { snapshotDelta } from './snapshotDelta';
import type { RepoPath, Snapshot } from './types';

/** Children of one directory, names sorted bytewise as Go's filepath.Walk does. */
export interface DirEntry {
  files: string[];
  dirs: string[];
}

/** Directory view of a snapshot. */
export interface SnapshotIndex {
  /** The directory's entries, or undefined when no file lives under it. */
  dir(path: RepoPath): DirEntry | undefined;
  isDir(path: RepoPath): boolean;
  isFile(path: RepoPath): boolean;
}

/** More paths added or removed than this and building the tree again is cheaper. */
const MAX_MOVED = 256;

const indexes = new WeakMap<Snapshot, SnapshotIndex>();

/** The directory tree of the last snapshot indexed, reused while the next one holds the same paths. */
let last:
  | { files: ReadonlyMap<RepoPath, string>; dirs: Map<RepoPath, DirEntry> }
  | undefined;

/** The index of `snapshot`, computed on first use and kept as long as the snapshot lives. */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    // a snapshot edited in place of content only (a watch, a re-resolve) has the same directory tree
    const delta =
      last && last.files !== snapshot.files
        ? snapshotDelta(last.files, snapshot.files)
        : undefined;
    if (!last) last = { files: snapshot.files, dirs: buildDirs(snapshot) };
    else if (delta && !delta.samePaths) {
      // a few paths added or removed (a watch, a re-resolve): move the tree by them
      last = {
        files: snapshot.files,
        dirs:
          delta.added.length + delta.removed.length <= MAX_MOVED
            ? movedDirs(last.dirs, delta.added, delta.removed)
            : buildDirs(snapshot),
      };
    } else last.files = snapshot.files;
    const dirs = last.dirs;
    index = {
      dir: path => dirs.get(path),
      isDir: path => dirs.has(path),
      isFile: path => snapshot.files.has(path),
    };
    indexes.set(snapshot, index);
  }
  return index;
}

/**
 * Whether `b` holds exactly the paths of `a` (a set or a snapshot's files):
 * then every directory listing of the two is the same.
 */
export function samePaths(
  a: { readonly size: number; has(path: RepoPath): boolean },
  b: ReadonlyMap<RepoPath, unknown>,
): boolean {
  if (a.size !== b.size) return false;
  for (const path of b.keys()) if (!a.has(path)) return false;
  return true;
}

/**
 * `dirs` with `added` and `removed` paths applied, as buildDirs of the new
 * paths would give it. `dirs` and its entries are shared with the previous
 * index, so every entry that changes is copied, never edited. Exported
 * for its test against {@link buildDirs}.
 */
export function movedDirs(
  dirs: Map<RepoPath, DirEntry>,
  added: RepoPath[],
  removed: RepoPath[],
): Map<RepoPath, DirEntry> {
  const out = new Map(dirs);
  const copied = new Set<RepoPath>();
  const own = (path: RepoPath): DirEntry => {
    const e = out.get(path);
    if (e && copied.has(path)) return e;
    const copy = { files: [...(e?.files ?? [])], dirs: [...(e?.dirs ?? [])] };
    copied.add(path);
    out.set(path, copy);
    return copy;
  };
  const insert = (list: string[], name: string) => {
    if (list.includes(name)) return false;
    list.push(name);
    list.sort(byteOrder);
    return true;
  };
  const split = (path: RepoPath): [RepoPath, string] => {
    const i = path.lastIndexOf('/');
    return i < 0 ? ['', path] : [path.slice(0, i), path.slice(i + 1)];
  };
  const without = (list: string[], name: string) =>
    list.filter(n => n !== name);
  for (const file of removed) {
    let [parent, name] = split(file);
    let e = own(parent);
    e.files = without(e.files, name);
    // a directory left empty is gone, from its parent's listing too
    while (parent !== '' && e.files.length === 0 && e.dirs.length === 0) {
      out.delete(parent);
      [parent, name] = split(parent);
      e = own(parent);
      e.dirs = without(e.dirs, name);
    }
  }
  for (const file of added) {
    const [dir, name] = split(file);
    let parent = dir;
    insert(own(parent).files, name);
    while (parent !== '') {
      const [up, dirName] = split(parent);
      if (!insert(own(up).dirs, dirName)) break;
      parent = up;
    }
  }
  return out;
}

/** The directory tree of `snapshot`: every directory's sorted entries. */
export function buildDirs(snapshot: Snapshot): Map<RepoPath, DirEntry> {
  const dirs = new Map<RepoPath, { files: Set<string>; dirs: Set<string> }>();
  const entry = (path: RepoPath) => {
    let e = dirs.get(path);
    if (!e) {
      e = { files: new Set(), dirs: new Set() };
      dirs.set(path, e);
    }
    return e;
  };
  entry('');
  for (const file of snapshot.files.keys()) {
    let child = file;
    let isFile = true;
    for (;;) {
      const i = child.lastIndexOf('/');
      const parent = i < 0 ? '' : child.slice(0, i);
      const name = i < 0 ? child : child.slice(i + 1);
      const e = entry(parent);
      if (isFile) {
        e.files.add(name);
      } else if (e.dirs.has(name)) {
        break;
      } else {
        e.dirs.add(name);
      }
      if (parent === '') break;
      child = parent;
      isFile = false;
    }
  }
  const sorted = new Map<RepoPath, DirEntry>();
  for (const [path, e] of dirs) {
    sorted.set(path, {
      files: [...e.files].sort(byteOrder),
      dirs: [...e.dirs].sort(byteOrder),
    });
  }
  return sorted;
}

/** Bytewise order of UTF-16 strings, close to Go's sort.Strings for the ASCII names repositories use. */
export function byteOrder(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
