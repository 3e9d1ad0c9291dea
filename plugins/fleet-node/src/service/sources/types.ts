import type { Snapshot } from '../../engine';
import type { ResolveJob } from '../worker/protocol';

/** What a source answers when asked for its revision. */
export type SourcePoll =
  | { changed: false; revision: string | null }
  | { changed: true; revision: string | null; job: ResolveJob };

/**
 * Where the fleet repository is read from. A poll is cheap (one `git
 * rev-parse`, one conditional request); only a changed revision yields a
 * job for the resolve worker.
 */
export interface FleetSource {
  /** e.g. `git:/data/fleet.git@main`, `url:https://github.com/o/r/tree/main`. */
  readonly description: string;
  /** Asks for the current revision; `changed` is false when it is `current`. */
  poll(current: string | null): Promise<SourcePoll>;
  /** The files of `revision` (a revision the last poll returned). */
  snapshot(revision: string | null): Promise<Snapshot>;
  /** The local git repository read, when the source is one. */
  localRepository?: { path: string; branch: string };
}
