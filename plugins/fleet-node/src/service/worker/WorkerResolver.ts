/*
 * The main-thread side of the resolve worker: hands it one job at a time,
 * assembles the model from its per-cluster messages, and stops it when it
 * goes over its time or memory budget (a new worker, with a cold cache, takes
 * the next job).
 */
import type { Worker } from 'node:worker_threads';
import type {
  FleetMatrix,
  FleetObject,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  FleetModel,
  ModelCluster,
  ModelUnit,
  Problem,
} from '../../engine';
import type { KeptModelObject } from './LastGoodKeeper';
import { PackedModelObject } from './PackedModelObject';
import { RowInterner } from './RowInterner';
import type {
  FromWorker,
  ResolveJob,
  ResolveSettings,
  ToWorker,
} from './protocol';
import { type ResolveWorkerLimits, spawnResolveWorker } from './resolveWorker';

/** Budget of one resolve. */
export interface ResolveBudget {
  /** Wall-clock time after which the worker is stopped. */
  timeoutMs: number;
  /** V8 old-generation heap limit of the worker, in MB. */
  maxMemoryMb: number;
}

/** The outcome of one job. */
export type ResolveOutcome =
  | { kind: 'unchanged'; revision: string | null }
  | {
      kind: 'resolved';
      model: FleetModel;
      matrix: FleetMatrix;
      loadMs: number;
      resolveMs: number;
    };

/** A resolve that went over its budget; the worker was stopped. */
export class ResolveBudgetError extends Error {
  readonly name = 'ResolveBudgetError';
}

/** Runs resolve jobs on a worker thread, one at a time. */
export class WorkerResolver {
  readonly #budget: ResolveBudget;
  readonly #spawn: (limits: ResolveWorkerLimits) => Worker;
  readonly #settings: ResolveSettings;
  #worker?: Worker;
  #nextId = 1;

  /**
   * `options.settings` applies to every job (`fleet.clusters`);
   * `options.spawn` replaces the worker factory (tests).
   */
  constructor(
    budget: ResolveBudget,
    options: {
      settings?: ResolveSettings;
      spawn?: (limits: ResolveWorkerLimits) => Worker;
    } = {},
  ) {
    this.#budget = budget;
    this.#settings = options.settings ?? {};
    this.#spawn = options.spawn ?? spawnResolveWorker;
  }

  /**
   * Resolves `job` on the worker. `onResolving` is called when the worker has
   * loaded the revision and starts resolving it. Rejects with
   * {@link ResolveBudgetError} when the budget is exceeded.
   */
  run(
    job: ResolveJob,
    onResolving?: (revision: string | null) => void,
  ): Promise<ResolveOutcome> {
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    const clusters: ModelCluster[] = [];
    const objects: KeptModelObject[][] = [];
    const matrixObjects: FleetObject[][] = [];
    const units: ModelUnit[][] = [];
    const problems: Problem[][] = [];
    const matrixProblems: FleetMatrix['problems'][] = [];
    const interner = new RowInterner();
    return new Promise<ResolveOutcome>((resolve, reject) => {
      let cleanup = () => {};
      const stop = (error: Error) => {
        cleanup();
        if (this.#worker === worker) this.#worker = undefined;
        void worker.terminate();
        reject(error);
      };
      const timer = setTimeout(() => {
        stop(
          new ResolveBudgetError(
            `Resolving the fleet took longer than ${
              this.#budget.timeoutMs
            } ms; the resolve worker was stopped.`,
          ),
        );
      }, this.#budget.timeoutMs);
      const onError = (error: Error & { code?: string }) => {
        stop(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ResolveBudgetError(
                `Resolving the fleet needed more than ${
                  this.#budget.maxMemoryMb
                } MB of heap; the resolve worker was stopped.`,
              )
            : new Error(`The resolve worker failed: ${error.message}`),
        );
      };
      const onExit = (code: number) =>
        stop(new Error(`The resolve worker exited with code ${code}.`));
      const onMessage = (m: FromWorker) => {
        if (m.id !== id) return;
        if (m.type === 'resolving') {
          onResolving?.(m.revision);
        } else if (m.type === 'cluster') {
          // kept as received: assembling is one concat at the end, no copy per message
          if (m.cluster) clusters.push(m.cluster);
          // the bodies stay bytes until read (PackedModelObject); the rows
          // share their strings and provenance across messages (RowInterner)
          const rows = m.rows.map(row => interner.row(row));
          objects.push(
            rows.map((row, i) => new PackedModelObject(row, m.bodies, i)),
          );
          matrixObjects.push(rows);
          worker.postMessage({ type: 'ack', id } satisfies ToWorker);
        } else if (m.type === 'more') {
          units.push(m.units);
          problems.push(m.problems);
          matrixProblems.push(m.matrixProblems);
          worker.postMessage({ type: 'ack', id } satisfies ToWorker);
        } else if (m.type === 'unchanged') {
          cleanup();
          resolve({ kind: 'unchanged', revision: m.revision });
        } else if (m.type === 'failed') {
          cleanup();
          reject(new Error(m.message));
        } else {
          cleanup();
          const model: FleetModel = {
            revision: m.revision,
            clusters,
            objects: ([] as KeptModelObject[]).concat(...objects),
            units: ([] as ModelUnit[]).concat(...units),
            problems: ([] as Problem[]).concat(...problems),
          };
          // the same unit objects: both are read-only once served
          const matrix: FleetMatrix = {
            revision: m.revision,
            clusters: clusters.map(c => ({ name: c.name, path: c.path })),
            objects: ([] as FleetObject[]).concat(...matrixObjects),
            units: model.units,
            problems: ([] as FleetMatrix['problems']).concat(...matrixProblems),
          };
          resolve({
            kind: 'resolved',
            model,
            matrix,
            loadMs: m.loadMs,
            resolveMs: m.resolveMs,
          });
        }
      };
      cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({
        type: 'resolve',
        id,
        job,
        settings: this.#settings,
      });
    });
  }

  #start(): Worker {
    const worker = this.#spawn({
      maxOldGenerationSizeMb: this.#budget.maxMemoryMb,
    });
    // an idle worker that dies must not take the backend with it (an unhandled
    // 'error' event would); the next job starts a new one
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = undefined;
    });
    this.#worker = worker;
    return worker;
  }

  /** Stops the worker (backend shutdown). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
