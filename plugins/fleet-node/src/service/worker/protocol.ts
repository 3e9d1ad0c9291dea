/*
 * Messages between the fleet service (main thread) and its resolve worker.
 * The model crosses in messages of at most OBJECTS_PER_MESSAGE objects of one
 * cluster, then its units and problems in messages of at most
 * ITEMS_PER_MESSAGE, so that the main thread never deserializes the whole
 * fleet in one go: each message is its own event-loop task (a few ms), and
 * other requests are served between them.
 */
import type {
  FleetMatrix,
  FleetObject,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  ExplicitCluster,
  ModelCluster,
  ModelUnit,
  Problem,
} from '../../engine';
import type { PackedBodies } from './PackedModelObject';

/** What the worker reads: a git commit, a plain directory, or files already read (URL sources). */
export type ResolveJob =
  | ({ kind: 'git'; dir: string; rev: string } & JobSizeLimits)
  | ({ kind: 'directory'; path: string } & JobSizeLimits)
  | {
      kind: 'files';
      revision: string | null;
      files: Array<[string, string]>;
      /** What the source reported while reading (files past a size bound). */
      problems?: Problem[];
    };

/** The size bounds a job is read with (`fleet.resolve.max*Bytes`); left out, the loaders' defaults. */
export interface JobSizeLimits {
  maxFileBytes: number;
  maxDirectoryBytes?: number;
  maxRepositoryBytes?: number;
}

/** How the worker resolves, from app-config (the same for every job of a service). */
export interface ResolveSettings {
  /** `fleet.clusters`: clusters named in configuration, found first. */
  clusters?: ExplicitCluster[];
  /**
   * `fleet.resolve.maxKustomizationBytes`: the bound of a kustomization
   * file, set on every snapshot the worker resolves (whatever the job's
   * source); left out, the engine's default (1 MB).
   */
  maxKustomizationBytes?: number;
}

/** Main → worker. */
export type ToWorker =
  | {
      type: 'resolve';
      id: number;
      job: ResolveJob;
      settings: ResolveSettings;
    }
  | {
      /**
       * The main thread has taken in one `cluster` or `more` message: the
       * worker sends the next one only then. Node delivers every message
       * already queued on a port in one go (node_messaging.cc drains the
       * queue), so a model posted all at once would be deserialized in one
       * long task; one message per event-loop turn lets requests in between.
       */
      type: 'ack';
      id: number;
    };

/** The most objects one message carries (bounds one deserialization on the main thread). */
export const OBJECTS_PER_MESSAGE = 100;

/** The most units or problems one message carries. */
export const ITEMS_PER_MESSAGE = 200;

/** Worker → main. */
export type FromWorker =
  | { type: 'resolving'; id: number; revision: string | null }
  | { type: 'unchanged'; id: number; revision: string | null }
  | {
      type: 'cluster';
      id: number;
      /** Present on the first message of each cluster; later ones continue its objects. */
      cluster?: ModelCluster;
      /**
       * The objects' matrix rows, with the facts read from their bodies on
       * the worker (fleet-common's `withObjectFacts`) and their stale marks;
       * the main thread's model objects share the rows' provenance.
       */
      rows: FleetObject[];
      /**
       * The objects' bodies, serialized in one buffer that is transferred,
       * not copied: the main thread keeps them as bytes
       * (`PackedModelObject`), which its garbage collector does not
       * trace.
       */
      bodies: PackedBodies;
    }
  | {
      /** After the clusters: more of the model's units and problems. */
      type: 'more';
      id: number;
      units: ModelUnit[];
      problems: Problem[];
      matrixProblems: FleetMatrix['problems'];
    }
  | {
      type: 'done';
      id: number;
      revision: string | null;
      loadMs: number;
      resolveMs: number;
    }
  | { type: 'failed'; id: number; message: string };
