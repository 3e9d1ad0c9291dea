/*
 * Messages between the fleet service (main thread) and its resolve worker.
 * The model crosses in messages of at most OBJECTS_PER_MESSAGE objects of one
 * cluster, so that the main thread never deserializes the whole fleet in one
 * go: each message is its own event-loop task, and other requests are served
 * between them.
 */
import type {
  FleetMatrix,
  FleetObject,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { ModelCluster, ModelUnit, Problem } from '../../engine';
import type { KeptModelObject } from './LastGoodKeeper';

/** What the worker reads: a git commit, a plain directory, or files already read (URL sources). */
export type ResolveJob =
  | { kind: 'git'; dir: string; rev: string; maxFileBytes: number }
  | { kind: 'directory'; path: string; maxFileBytes: number }
  | { kind: 'files'; revision: string | null; files: Array<[string, string]> };

/** Main → worker. */
export type ToWorker = { type: 'resolve'; id: number; job: ResolveJob };

/** The most objects one message carries (bounds one deserialization on the main thread). */
export const OBJECTS_PER_MESSAGE = 250;

/** Worker → main. */
export type FromWorker =
  | { type: 'resolving'; id: number; revision: string | null }
  | { type: 'unchanged'; id: number; revision: string | null }
  | {
      type: 'cluster';
      id: number;
      /** Present on the first message of each cluster; later ones continue its objects. */
      cluster?: ModelCluster;
      objects: KeptModelObject[];
      matrixObjects: FleetObject[];
    }
  | {
      type: 'done';
      id: number;
      revision: string | null;
      units: ModelUnit[];
      problems: Problem[];
      matrix: Omit<FleetMatrix, 'objects' | 'clusters'>;
      loadMs: number;
      resolveMs: number;
    }
  | { type: 'failed'; id: number; message: string };
