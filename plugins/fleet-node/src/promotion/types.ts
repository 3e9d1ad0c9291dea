/*
 * Types of the promotion planner. The wire shapes (request, preview, file
 * and cluster changes) live once in fleet-common; this folder adds what only
 * the backend side needs.
 */
import type {
  PromotionPreview,
  PromotionRequest,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  BuildCache,
  ExplicitCluster,
  FleetModel,
  RepoPath,
  Snapshot,
  UnitPattern,
} from '../engine';

/**
 * The resolve options the model was made with (`resolveFleet`'s `clusters`,
 * `clustersDir` and `units`): the planned snapshot is resolved the same way,
 * so clusters named by `--cluster-path` or `fleet.clusters` are verified too.
 *
 * @public
 */
export interface ResolveScope {
  /** Clusters named in configuration (`fleet.clusters`, `--cluster-path`). */
  clusters?: ExplicitCluster[];
  /** The directory holding one directory per cluster. */
  clustersDir?: RepoPath;
  /** Unit patterns. */
  units?: UnitPattern[];
}

/**
 * Options of {@link planPromotion}.
 *
 * @public
 */
export interface PlanPromotionOptions {
  /** The model of `snapshot`, when the caller has it (the fleet service does); else it is resolved. */
  model?: FleetModel;
  /**
   * Build cache shared across previews, so re-resolving the planned snapshot
   * rebuilds only the clusters that read a changed file.
   */
  cache?: BuildCache;
  /** How the fleet is resolved (default: discovery by convention, the default unit patterns). */
  scope?: ResolveScope;
  /** Link back to the component, written into the pull-request body. */
  componentUrl?: string;
  /** Catalog ref of the component, named in the pull-request body. */
  entityRef?: string;
}

/**
 * The planner's answer: the preview plus the planned snapshot it verified.
 *
 * @public
 */
export interface PromotionPlan extends PromotionPreview {
  /** Paths the promotion deletes (for `publish:github:pull-request`'s `filesToDelete`). */
  filesToDelete: string[];
  /** The snapshot after the edits (equal to the input when refused or nothing changes). */
  planned: Snapshot;
}

/**
 * Thrown for a request the planner cannot read (unknown app, unknown cluster).
 *
 * @public
 */
export class PromotionInputError extends Error {
  /** Names the error class, for {@link isPromotionInputError} across module copies. */
  readonly name = 'PromotionInputError';
}

/**
 * True for {@link PromotionInputError}s.
 *
 * @public
 */
export function isPromotionInputError(e: unknown): e is PromotionInputError {
  return e instanceof Error && e.name === 'PromotionInputError';
}

/** A refusal raised while planning; the planner turns it into `refused`. */
export class PromotionRefusal extends Error {
  readonly name = 'PromotionRefusal';
}

export type { PromotionRequest };
