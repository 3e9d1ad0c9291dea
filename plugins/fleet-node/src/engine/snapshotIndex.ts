/*
 * A directory index of a Snapshot, built once per snapshot (WeakMap), so
 * "is this a directory", "what does it hold" and "which kustomization file is
 * here" are O(1) instead of a scan of every path.
 */
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

const indexes = new WeakMap<Snapshot, SnapshotIndex>();

/** The index of `snapshot`, computed on first use and kept as long as the snapshot lives. */
export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = buildIndex(snapshot);
    indexes.set(snapshot, index);
  }
  return index;
}

function buildIndex(snapshot: Snapshot): SnapshotIndex {
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
  return {
    dir: path => sorted.get(path),
    isDir: path => sorted.has(path),
    isFile: path => snapshot.files.has(path),
  };
}

/** Bytewise order of UTF-16 strings, close to Go's sort.Strings for the ASCII names repositories use. */
export function byteOrder(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
