/*
 * What changed between two revisions' files, computed in one pass and
 * remembered per pair, so the warm path's memos (clusters, discovery, checks)
 * share one comparison instead of each walking every path again.
 */
import type { RepoPath } from './types';

type Files = ReadonlyMap<RepoPath, string>;

/** The difference between an earlier files map and a later one. */
export interface SnapshotDelta {
  /** Paths in both maps whose content differs. */
  changed: RepoPath[];
  /** Paths only in the later map. */
  added: RepoPath[];
  /** Paths only in the earlier map. */
  removed: RepoPath[];
  /** No path added or removed: every directory listing is the same. */
  samePaths: boolean;
}

const deltas = new WeakMap<Files, { from: Files; delta: SnapshotDelta }>();

/**
 * The delta from `from` to `to`. Snapshots are immutable, so the result is
 * remembered for the pair (the last `from` asked about for each `to`).
 */
export function snapshotDelta(from: Files, to: Files): SnapshotDelta {
  const known = deltas.get(to);
  if (known && known.from === from) return known.delta;
  const changed: RepoPath[] = [];
  const added: RepoPath[] = [];
  const removed: RepoPath[] = [];
  if (from !== to) {
    // forEach, not for…of: no [path, text] pair allocated for each of every path
    to.forEach((text, path) => {
      const old = from.get(path);
      if (old === undefined) added.push(path);
      else if (old !== text) changed.push(path);
    });
    // every path of `to` not added is in `from`: any more in `from` were removed
    if (from.size > to.size - added.length)
      for (const path of from.keys()) if (!to.has(path)) removed.push(path);
  }
  const delta = {
    changed,
    added,
    removed,
    samePaths: added.length === 0 && removed.length === 0,
  };
  deltas.set(to, { from, delta });
  return delta;
}
