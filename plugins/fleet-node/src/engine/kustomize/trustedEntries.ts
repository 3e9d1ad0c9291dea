/*
 * Which cache entries are known valid for the current revision, so a warm
 * re-resolve does not compare every file every entry read. Snapshots are
 * immutable (Snapshot.files is a ReadonlyMap), so an entry checked against a
 * files map stays valid for it; when the next revision differs from it only
 * in the content of a few files (same paths, hence the same directories and
 * listings), only the entries that read those files lose their trust.
 */
import type { RepoPath } from '../core/types';
import type { ReadSet } from './types';
import { snapshotDelta } from '../core/snapshotDelta';

type Files = ReadonlyMap<RepoPath, string>;

/** More changed files than this and carrying trust over costs more than checking again. */
const MAX_CHANGED = 256;

/** Entries checked valid for one files map, carried to its successor revision. */
export class TrustedEntries<E extends { reads: ReadSet }> {
  #files: Files | undefined;
  readonly #trusted = new Set<E>();
  /** Path → trusted entries that read it. */
  readonly #readers = new Map<RepoPath, Set<E>>();
  /** Files maps already met: going back to an older revision trusts nothing rather than diffing again. */
  readonly #seen = new WeakSet<Files>();

  /** Whether `entry` is known valid for `files`: its files, directories and listings are unchanged. */
  has(entry: E, files: Files): boolean {
    this.#follow(files);
    return files === this.#files && this.#trusted.has(entry);
  }

  /** Records that `entry` was checked valid for `files`. */
  add(entry: E, files: Files): void {
    this.#follow(files);
    if (files !== this.#files || this.#trusted.has(entry)) return;
    this.#trusted.add(entry);
    for (const path of entry.reads.files.keys()) {
      let readers = this.#readers.get(path);
      if (!readers) {
        readers = new Set();
        this.#readers.set(path, readers);
      }
      readers.add(entry);
    }
  }

  /** Moves trust to `files` the first time it is met. */
  #follow(files: Files): void {
    if (files === this.#files || this.#seen.has(files)) return;
    this.#seen.add(files);
    const changed = this.#files && changedContent(this.#files, files);
    this.#files = files;
    if (!changed) {
      this.#trusted.clear();
      this.#readers.clear();
      return;
    }
    for (const path of changed) {
      for (const entry of this.#readers.get(path) ?? []) this.#drop(entry);
    }
  }

  #drop(entry: E): void {
    this.#trusted.delete(entry);
    for (const path of entry.reads.files.keys()) {
      const readers = this.#readers.get(path);
      readers?.delete(entry);
      if (readers?.size === 0) this.#readers.delete(path);
    }
  }
}

/**
 * Paths whose content differs, when both maps hold the same paths and few
 * changed; else undefined. Through the shared per-revision delta, so the
 * memos of one warm re-resolve compare the files maps once.
 */
function changedContent(a: Files, b: Files): RepoPath[] | undefined {
  const delta = snapshotDelta(a, b);
  return delta.samePaths && delta.changed.length <= MAX_CHANGED
    ? delta.changed
    : undefined;
}
