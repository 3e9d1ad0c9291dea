/*
 * Reuse of whole cluster resolutions across revisions. A cluster's
 * resolution is a function of the content of the files its builds read and
 * of the presence of the paths they probed (directories probed or listed,
 * files found absent); when neither changed, the previous resolution is the
 * answer, so a one-file change re-resolves only the clusters that read that
 * file, and a file added or removed only those that probed it or listed a
 * directory holding it (as kustomize: a build sees a directory only through
 * an explicit entry, or a listing when Flux generates the kustomization).
 */
import type { BuildCache } from '../kustomize/BuildCache';
import type { ClusterEntry } from '../flux/types';
import type { ClusterResolution } from '../flux/resolveCluster';
import { unreadFiles } from '../flux/unreadReferences';
import type { RepoPath, Snapshot } from '../core/types';
import { type SnapshotDelta, snapshotDelta } from '../core/snapshotDelta';
import { type SnapshotIndex, indexSnapshot } from '../core/snapshotIndex';

interface Memo {
  key: string;
  resolution: ClusterResolution;
  /** Resolved from a view narrowed by the root GitRepository's spec.ignore (its directories differ). */
  narrowed: boolean;
}

interface CacheState {
  /** The files of the snapshot the memos were last validated against (its paths define the listings). */
  files: ReadonlyMap<RepoPath, string>;
  /** The directory index of those files. */
  index: SnapshotIndex;
  /** The loader's refused files (they name the real reason of a missing path), as one key. */
  unread: string;
  byCluster: Map<string, Memo>;
}

const states = new WeakMap<BuildCache, CacheState>();

/**
 * Cluster resolutions memoized per build cache. Results are shared, not
 * copied: callers treat a {@link ClusterResolution} as read-only.
 */
export class ClusterMemo {
  readonly #state: CacheState;

  private constructor(state: CacheState) {
    this.#state = state;
  }

  /** The memo for resolving `snapshot` with `cache`: drops every resolution a change could reach. */
  static for(cache: BuildCache, snapshot: Snapshot): ClusterMemo {
    let state = states.get(cache);
    const index = indexSnapshot(snapshot);
    const unread = [...unreadFiles(snapshot).keys()].join('\0');
    if (!state || state.unread !== unread) {
      state = { files: snapshot.files, index, unread, byCluster: new Map() };
      states.set(cache, state);
    } else {
      const delta = snapshotDelta(state.files, snapshot.files);
      const touched = probesTouched(delta, state.index, index);
      // drop every memo the change makes stale, visited this time or not,
      // so each memo kept matches the snapshot recorded below
      for (const [name, memo] of state.byCluster) {
        if (isStale(memo, delta, touched)) state.byCluster.delete(name);
      }
    }
    state.files = snapshot.files;
    state.index = index;
    return new ClusterMemo(state);
  }

  /** The previous resolution of `entry`, when no file it read changed since. */
  get(entry: ClusterEntry): ClusterResolution | undefined {
    const memo = this.#state.byCluster.get(entry.name);
    if (!memo) return undefined;
    if (memo.key !== keyOf(entry)) {
      this.#state.byCluster.delete(entry.name);
      return undefined;
    }
    return memo.resolution;
  }

  /** Remembers `resolution` of `entry`, made from the snapshot this memo was opened for. */
  set(entry: ClusterEntry, resolution: ClusterResolution): void {
    this.#state.byCluster.set(entry.name, {
      key: keyOf(entry),
      resolution,
      narrowed: !!entry.sourceIgnore,
    });
  }
}

function keyOf(entry: ClusterEntry): string {
  return JSON.stringify([
    entry.name,
    entry.path,
    entry.entrypoint,
    entry.rootKustomization,
    entry.rootObject,
    entry.sourceIgnore,
    entry.problems,
  ]);
}

interface Touched {
  /** Paths whose presence changed: added or removed files, directories that appeared or went. */
  probed: Set<RepoPath>;
  /** Directories whose listing changed: the parents of those paths. */
  listed: Set<RepoPath>;
}

const parentOf = (path: RepoPath) =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';

/**
 * What the added and removed paths change: each path's presence and its
 * directory's listing, and for each ancestor directory that appeared or
 * went with it, that directory's presence and its parent's listing.
 */
function probesTouched(
  delta: SnapshotDelta,
  before: SnapshotIndex,
  after: SnapshotIndex,
): Touched {
  const out: Touched = { probed: new Set(), listed: new Set() };
  for (const path of [...delta.added, ...delta.removed]) {
    out.probed.add(path);
    let dir = parentOf(path);
    out.listed.add(dir);
    while (dir !== '' && before.isDir(dir) !== after.isDir(dir)) {
      out.probed.add(dir);
      dir = parentOf(dir);
      out.listed.add(dir);
    }
  }
  return out;
}

function isStale(memo: Memo, delta: SnapshotDelta, touched: Touched): boolean {
  const { resolution } = memo;
  if (delta.changed.some(p => resolution.filesRead.has(p))) return true;
  if (delta.samePaths) return false;
  const probes = resolution.probes;
  if (!probes || memo.narrowed) return true;
  // a removed file may have been read, an added one probed while absent
  for (const p of touched.probed)
    if (probes.probed.has(p) || resolution.filesRead.has(p)) return true;
  for (const d of touched.listed) if (probes.listed.has(d)) return true;
  return false;
}
