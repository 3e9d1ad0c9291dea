/*
 * Reuse of whole cluster resolutions across revisions. A cluster's
 * resolution is a function of the content of the files its builds read and
 * of the repository's directory listings; when neither changed, the previous
 * resolution is the answer, so a one-file change re-resolves only the
 * clusters that read that file.
 */
import type { BuildCache } from '../kustomize/BuildCache';
import type { ClusterEntry } from '../flux/types';
import type { ClusterResolution } from '../flux/resolveCluster';
import type { RepoPath, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';

interface Memo {
  key: string;
  resolution: ClusterResolution;
}

interface CacheState {
  /** The files of the snapshot the memos were last validated against (its paths define the listings). */
  files: ReadonlyMap<RepoPath, string>;
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

  /** The memo for resolving `snapshot` with `cache`; forgets everything when a path was added or removed. */
  static for(cache: BuildCache, snapshot: Snapshot): ClusterMemo {
    let state = states.get(cache);
    const delta = state && snapshotDelta(state.files, snapshot.files);
    if (!state || !delta!.samePaths) {
      state = { files: snapshot.files, byCluster: new Map() };
      states.set(cache, state);
    } else if (delta!.changed.length > 0) {
      // drop every memo a changed file makes stale, visited this time or not,
      // so each memo kept matches the snapshot recorded below
      for (const [name, memo] of state.byCluster) {
        if (delta!.changed.some(p => memo.resolution.filesRead.has(p)))
          state.byCluster.delete(name);
      }
    }
    state.files = snapshot.files;
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
    this.#state.byCluster.set(entry.name, { key: keyOf(entry), resolution });
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
