/*
 * The union of what the clusters read, kept across re-resolves: a warm
 * re-resolve replaces the read sets of the clusters that changed (the others
 * keep theirs, ClusterMemo reuses their resolutions), so the union moves by
 * those sets alone instead of being rebuilt from every cluster's reads.
 */
import type { RepoPath } from '../core/types';

/** A union of selected paths of read sets, with a count of the sets holding each. */
export class ReadUnion {
  readonly #select: (set: Set<RepoPath>) => RepoPath[];
  #sets = new Set<Set<RepoPath>>();
  readonly #counts = new Map<RepoPath, number>();

  /** `select` picks the paths of a read set that count (memoize it per set). */
  constructor(select: (set: Set<RepoPath>) => RepoPath[]) {
    this.#select = select;
  }

  /** Moves the union to `sets`; returns the paths that joined it and those that left it. */
  update(sets: Set<RepoPath>[]): { joined: RepoPath[]; left: RepoPath[] } {
    const next = new Set(sets);
    const joined: RepoPath[] = [];
    const left: RepoPath[] = [];
    // a cluster re-resolved after a change of content usually reads the same
    // paths: a set that takes the place of an equal one moves nothing
    const leaving = [...this.#sets].filter(set => !next.has(set));
    const arriving = sets.filter(set => !this.#sets.has(set));
    const kept = new Set<Set<RepoPath>>();
    if (leaving.length === arriving.length) {
      leaving.forEach((set, i) => {
        if (sameMembers(set, arriving[i])) {
          kept.add(set);
          kept.add(arriving[i]);
        }
      });
    }
    for (const set of this.#sets) {
      if (next.has(set) || kept.has(set)) continue;
      for (const path of this.#select(set)) {
        const n = this.#counts.get(path)! - 1;
        if (n === 0) {
          this.#counts.delete(path);
          left.push(path);
        } else this.#counts.set(path, n);
      }
    }
    for (const set of next) {
      if (this.#sets.has(set) || kept.has(set)) continue;
      for (const path of this.#select(set)) {
        const n = (this.#counts.get(path) ?? 0) + 1;
        this.#counts.set(path, n);
        if (n === 1) joined.push(path);
      }
    }
    this.#sets = next;
    // a path that left and joined again in one move is in the union
    return { joined, left: left.filter(p => !this.#counts.has(p)) };
  }

  has(path: RepoPath): boolean {
    return this.#counts.has(path);
  }

  /** The paths of the union. */
  paths(): IterableIterator<RepoPath> {
    return this.#counts.keys();
  }
}

function sameMembers(a: Set<RepoPath>, b: Set<RepoPath>): boolean {
  if (a.size !== b.size) return false;
  for (const path of b) if (!a.has(path)) return false;
  return true;
}
