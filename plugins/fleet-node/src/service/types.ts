import type {
  FleetCatalogGuardRefusal,
  FleetMatrix,
  FleetRefreshPhase,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetModel } from '../engine/model/resolveFleet';
import type { ExplicitCluster } from '../engine/flux/findClusters';
import type { Snapshot } from '../engine/types';

/** What the fleet service knows: the last good model and how it was obtained. */
export interface FleetState {
  /**
   * The last model that resolved, object bodies included (Secrets too: redact
   * before anything leaves the backend). Shared and read-only: never mutate it.
   */
  model: FleetModel;
  /**
   * `model` in the wire shape of `yarn fleet matrix --json` (no bodies),
   * each object with the facts read from its body (fleet-common's
   * `withObjectFacts`: kubernetes-id, policy stage, SOPS), so consumers need
   * no pass over the bodies. Same order as `model.objects`.
   */
  matrix: FleetMatrix;
  /** The revision of `model` (commit SHA, ETag for URL sources), null for a plain directory. */
  revision: string | null;
  /** When `model` was resolved (ISO 8601). */
  refreshedAt: string;
  /** How long reading and resolving `model` took, in milliseconds. */
  durationMs: number;
  /** The failure of the latest refresh, when it failed and an older model is served. */
  lastError?: { message: string; at: string };
}

/** What the service is doing now, for `GET /status`. */
export interface FleetServiceStatus {
  phase: FleetRefreshPhase;
  /** The revision being read or resolved, when phase is not idle. */
  resolvingRevision: string | null;
  /** Duration of the last completed refresh (resolved or found unchanged), in milliseconds. */
  lastDurationMs: number | null;
  /** A human description of the source, e.g. `git:/data/fleet@main`. */
  source: string;
  /** The catalog removal guard's refusal of the latest model, while it holds (`setCatalogGuard`). */
  catalogGuard?: FleetCatalogGuardRefusal | null;
}

/** Called with each new model, after it is in place. */
export type FleetStateListener = (state: FleetState) => void;

/**
 * The fleet engine as a service: one instance per backend, shared by the
 * fleet backend, the catalog module and the scaffolder module, so all of
 * them read the same model and share one build cache. It owns the refresh
 * schedule; consumers never schedule reads of their own.
 */
export interface FleetService {
  /** The current state; waits for the first read when there is none yet. */
  getState(): Promise<FleetState>;
  /** Refreshes now (coalesced with one in flight). A failed read keeps the last good model and records the error. */
  refresh(): Promise<FleetState>;
  /** Calls `listener` after every new model; returns the unsubscribe function. */
  subscribe(listener: FleetStateListener): () => void;
  /** The phase and timings of the refresh machinery. */
  getStatus(): FleetServiceStatus;
  /**
   * Records the catalog removal guard's outcome for the latest model: its
   * refusal, or null once a model is applied. The catalog module calls it
   * so that `/status` says why the catalog keeps older entities, as its
   * logs do; `getStatus().catalogGuard` returns it.
   */
  setCatalogGuard?(refusal: FleetCatalogGuardRefusal | null): void;
  /** The files of the revision `getState()` serves (for the promotion planner). */
  getSnapshot(): Promise<Snapshot>;
  /**
   * The local git repository the fleet is read from (the embedded copy under
   * `fleet.dataDir`, or a configured local repository) and the branch read;
   * undefined for URL and plain-directory sources. Promotion may create
   * branches there; the branch read must not be moved by anything but a merge.
   */
  getLocalRepository?(): { path: string; branch: string } | undefined;
  /**
   * How the served model is resolved beyond discovery (`fleet.clusters`):
   * the promotion planner resolves its planned snapshot the same way, so a
   * cluster named only in configuration can be a promotion target.
   */
  getResolveOptions?(): { clusters?: ExplicitCluster[] };
}

/** Reads and resolves the whole fleet once. */
export type FleetReader = () => Promise<{
  model: FleetModel;
  snapshot: Snapshot;
}>;
