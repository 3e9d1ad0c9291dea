/*
 * Memoization of kustomization builds by content, so clusters sharing a base
 * pay for it once and a one-file change re-resolves only what read that file.
 */
import type { RepoPath, Snapshot, SnapshotLimits } from '../core/types';
import type { DirEntry, SnapshotIndex } from '../core/snapshotIndex';
import { isSameOrAncestor } from '../core/paths';
import { TrustedEntries } from './trustedEntries';
import type { CacheEntry, ReadSet } from './types';

export type { CacheEntry, ReadSet } from './types';

/** An empty {@link ReadSet}. */
export function emptyReadSet(): ReadSet {
  return { files: new Map(), dirs: new Map(), listings: new Map() };
}

/** Fingerprints by directory entry: indexes of snapshots with the same paths share their entries. */
const fingerprints = new WeakMap<DirEntry, string>();

/** Fingerprint of the listing of `dir` in `index`. */
export function listingOf(index: SnapshotIndex, dir: RepoPath): string {
  const entry = index.dir(dir);
  if (!entry) return '';
  let f = fingerprints.get(entry);
  if (f === undefined) {
    f = `${entry.files.join('\0')}\n${entry.dirs.join('\0')}`;
    fingerprints.set(entry, f);
  }
  return f;
}

/**
 * Build results by key (`dir`, overrides, mode). An entry is reused only
 * while every file it read has identical content in the new snapshot, every
 * directory probe and listing is unchanged, and the caller's chain of
 * directories would not make it a cycle. Snapshots are immutable, so an
 * entry found valid for a snapshot's files is not checked again for them,
 * nor for a later revision that changed only other files' content
 * ({@link TrustedEntries}). Entries are shared: their objects are lent
 * copy-on-write (sharedObjects.ts), and whoever writes one copies it first.
 */
export class BuildCache {
  readonly #entries = new Map<string, CacheEntry>();
  readonly #parsed = new Map<RepoPath, { text: string; value: unknown }>();
  #trusted = new TrustedEntries<CacheEntry>();
  #hits = 0;
  #misses = 0;
  /** The bounds every entry was built under (Snapshot.limits, serialized). */
  #limits = '{}';

  /**
   * Empties the cache when `limits` differ from those its entries were
   * built under: a kustomization refused under one bound builds under
   * another, and entries do not record the bound. A service's bounds come
   * from app-config and stay, so this only matters when they change.
   */
  useLimits(limits: SnapshotLimits | undefined): void {
    const key = JSON.stringify(limits ?? {});
    if (key === this.#limits) return;
    this.#limits = key;
    this.#entries.clear();
    this.#parsed.clear();
    this.#trusted = new TrustedEntries<CacheEntry>();
  }

  /** The cache key of a build. */
  static keyOf(dir: RepoPath, overrides: unknown, mode: string): string {
    return `${mode}\0${dir}\0${
      overrides === undefined ? '' : JSON.stringify(overrides)
    }`;
  }

  /** The entry under `key` if still valid for `snapshot` and the directory `chain`, else undefined. Do not mutate it. */
  lookup(
    key: string,
    snapshot: Snapshot,
    index: SnapshotIndex,
    chain: RepoPath[],
  ): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (!entry || !this.#isValid(entry, snapshot, index, chain)) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    return entry;
  }

  #isValid(
    entry: CacheEntry,
    snapshot: Snapshot,
    index: SnapshotIndex,
    chain: RepoPath[],
  ): boolean {
    if (!this.#trusted.has(entry, snapshot.files)) {
      if (!readsUnchanged(entry, snapshot, index)) return false;
      this.#trusted.add(entry, snapshot.files);
    }
    // as kustomize's loader: a directory that is (an ancestor of) one on the caller chain is a cycle
    return !entry.visited.some(v => chain.some(c => isSameOrAncestor(v, c)));
  }

  /** Stores `entry`, which the cache now owns: its objects must be shared (sharedObjects.ts's `share`), never written again. */
  store(key: string, entry: CacheEntry): void {
    this.#entries.set(key, entry);
  }

  /** A per-file memo of a parse (YAML documents, kustomization files), valid while the text is identical. */
  parsed<T>(path: RepoPath, text: string, parse: () => T): T {
    const hit = this.#parsed.get(path);
    if (hit && hit.text === text) return hit.value as T;
    const value = parse();
    this.#parsed.set(path, { text, value });
    return value;
  }

  /** Hit and miss counts, for benchmarks and tests. */
  get stats(): { hits: number; misses: number; entries: number } {
    return {
      hits: this.#hits,
      misses: this.#misses,
      entries: this.#entries.size,
    };
  }
}

function readsUnchanged(
  entry: CacheEntry,
  snapshot: Snapshot,
  index: SnapshotIndex,
): boolean {
  for (const [path, content] of entry.reads.files) {
    if ((snapshot.files.get(path) ?? null) !== content) return false;
  }
  for (const [dir, exists] of entry.reads.dirs) {
    if (index.isDir(dir) !== exists) return false;
  }
  for (const [dir, listing] of entry.reads.listings) {
    if (listingOf(index, dir) !== listing) return false;
  }
  return true;
}
