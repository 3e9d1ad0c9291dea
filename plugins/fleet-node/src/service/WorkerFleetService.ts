import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FleetCatalogGuardRefusal } from '@flux-fleet/backstage-plugin-fleet-common';
import type { ExplicitCluster, Snapshot } from '../engine';
import type { FleetSource } from './sources/types';
import type {
  FleetService,
  FleetServiceStatus,
  FleetState,
  FleetStateListener,
} from './types';
import type { ResolveSettings } from './worker/protocol';
import {
  ResolveBudgetError,
  type ResolveBudget,
  WorkerResolver,
} from './worker/WorkerResolver';

/**
 * The fleet service of a backend: asks its source for the revision on every
 * refresh, resolves only a new one, on a worker thread, and keeps the last
 * good model when a read fails or a resolve goes over its budget.
 */
export class WorkerFleetService implements FleetService {
  readonly #source: FleetSource;
  readonly #logger: LoggerService;
  readonly #resolver: WorkerResolver;
  readonly #listeners = new Set<FleetStateListener>();
  #state?: FleetState;
  #snapshot?: { revision: string | null; promise: Promise<Snapshot> };
  #inFlight?: Promise<FleetState>;
  #again?: Promise<FleetState>;
  // a revision that went over budget is not retried until the source moves on
  #overBudget?: string | null;
  #status: FleetServiceStatus;
  #catalogGuard: FleetCatalogGuardRefusal | null = null;
  readonly #settings: ResolveSettings;

  /**
   * `options.settings` (`fleet.clusters`) applies to every resolve;
   * `options.resolver` replaces the worker-backed resolver built from
   * `budget` and `settings` (tests).
   */
  constructor(options: {
    source: FleetSource;
    logger: LoggerService;
    budget: ResolveBudget;
    settings?: ResolveSettings;
    resolver?: WorkerResolver;
  }) {
    this.#source = options.source;
    this.#logger = options.logger;
    this.#settings = options.settings ?? {};
    this.#resolver =
      options.resolver ??
      new WorkerResolver(options.budget, { settings: options.settings });
    this.#status = {
      phase: 'idle',
      resolvingRevision: null,
      lastDurationMs: null,
      source: options.source.description,
    };
  }

  getResolveOptions(): { clusters?: ExplicitCluster[] } {
    return { clusters: this.#settings.clusters };
  }

  async getState(): Promise<FleetState> {
    return this.#state ?? this.refresh();
  }

  async getSnapshot(): Promise<Snapshot> {
    const { revision } = await this.getState();
    if (!this.#snapshot || this.#snapshot.revision !== revision) {
      const max = this.#settings.maxKustomizationBytes;
      // the planner builds it as the worker builds the model: same bounds
      const promise = this.#source
        .snapshot(revision)
        .then(s =>
          max === undefined
            ? s
            : { ...s, limits: { maxKustomizationBytes: max } },
        );
      promise.catch(() => (this.#snapshot = undefined));
      this.#snapshot = { revision, promise };
    }
    return this.#snapshot.promise;
  }

  getStatus(): FleetServiceStatus {
    return { ...this.#status, catalogGuard: this.#catalogGuard };
  }

  setCatalogGuard(refusal: FleetCatalogGuardRefusal | null): void {
    this.#catalogGuard = refusal;
  }

  /** The local git repository the fleet is read from, when it is one (promotion branches there). */
  getLocalRepository(): { path: string; branch: string } | undefined {
    return this.#source.localRepository;
  }

  subscribe(listener: FleetStateListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  refresh(): Promise<FleetState> {
    if (!this.#inFlight) {
      this.#inFlight = this.#run().finally(() => {
        this.#inFlight = undefined;
      });
      return this.#inFlight;
    }
    // one refresh at a time; callers arriving meanwhile share one follow-up run,
    // which sees whatever landed during the current one
    this.#again ??= this.#inFlight
      .catch(() => undefined)
      .then(() => {
        this.#again = undefined;
        return this.refresh();
      });
    return this.#again;
  }

  /** Stops the resolve worker. */
  async close(): Promise<void> {
    await this.#resolver.close();
  }

  async #run(): Promise<FleetState> {
    const started = Date.now();
    const elu = performance.eventLoopUtilization();
    this.#status = {
      ...this.#status,
      phase: 'reading',
      resolvingRevision: null,
    };
    let outcome = 'failed';
    // the refresh's own synchronous segments, here and after the poll (the
    // source's continuations between its reads of the small ref files are
    // not counted): the loop's busy time over the refresh also counts
    // whatever other plugins ran meanwhile, such as the catalog's processing
    let ownMs = 0;
    let segment = performance.now();
    try {
      const polling = this.#source.poll(this.#state?.revision ?? null);
      ownMs += performance.now() - segment;
      const poll = await polling;
      segment = performance.now();
      if (
        !poll.changed ||
        (this.#state &&
          poll.revision !== null &&
          poll.revision === this.#overBudget)
      ) {
        outcome = `unchanged at ${poll.revision ?? 'the same content'}`;
        // the source answered with the revision served (e.g. the branch was
        // force-pushed back to it): an earlier failed read no longer holds
        if (!poll.changed && this.#state?.lastError) {
          const { lastError: _stale, ...state } = this.#state;
          this.#state = state;
        }
        return this.#state!;
      }
      this.#status = {
        ...this.#status,
        phase: 'resolving',
        resolvingRevision: poll.revision,
      };
      this.#logger.info(
        `Fleet ${this.#source.description}: resolving ${
          poll.revision ?? 'the directory'
        }`,
      );
      const result = await this.#resolver.run(poll.job, revision => {
        this.#status = { ...this.#status, resolvingRevision: revision };
      });
      if (result.kind === 'unchanged') {
        outcome = 'unchanged content';
        return this.#state!;
      }
      const { model, matrix } = result;
      const state: FleetState = {
        model,
        matrix,
        revision: model.revision,
        refreshedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
      };
      this.#state = state;
      outcome =
        `resolved ${matrix.revision ?? 'the directory'}: ${
          matrix.clusters.length
        } clusters, ${matrix.objects.length} objects ` +
        `(${matrix.objects.filter(o => o.stale).length} stale), ${
          matrix.problems.length
        } problems; ` +
        `load ${result.loadMs} ms, resolve ${result.resolveMs} ms on the worker`;
      this.#notify(state);
      return state;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ResolveBudgetError)
        this.#overBudget = this.#status.resolvingRevision;
      outcome = `failed (${message}); ${
        this.#state ? 'the last good model is kept' : 'no model yet'
      }`;
      if (!this.#state) throw error;
      this.#state = {
        ...this.#state,
        lastError: { message, at: new Date().toISOString() },
      };
      return this.#state;
    } finally {
      const durationMs = Date.now() - started;
      const mainMs = performance.eventLoopUtilization(elu).active;
      this.#status = {
        ...this.#status,
        phase: 'idle',
        resolvingRevision: null,
        lastDurationMs: durationMs,
      };
      // the main thread's heap after the refresh (garbage included): what a
      // major collection has to walk, which is what pauses the loop
      const heapMb = getHeapStatistics().used_heap_size / 2 ** 20;
      // an unchanged refresh ends in the segment after the poll; a resolve's
      // own work is mostly in the resolver's message handlers, not counted here
      const own = outcome.startsWith('unchanged at')
        ? `, its own ${(ownMs + performance.now() - segment).toFixed(1)} ms`
        : '';
      const line = `Fleet refresh ${outcome} in ${durationMs} ms (main thread busy ${mainMs.toFixed(
        1,
      )} ms${own}, heap ${heapMb.toFixed(0)} MB)`;
      if (outcome.startsWith('failed')) this.#logger.error(line);
      else if (outcome.startsWith('unchanged')) this.#logger.debug(line);
      else this.#logger.info(line);
    }
  }

  // Each subscriber runs in its own macrotask after the refresh has
  // completed: what a subscriber does with the model is its own cost (and
  // shows in its own logs), and requests are served between subscribers.
  #notify(state: FleetState): void {
    for (const listener of this.#listeners) {
      setImmediate(() => {
        try {
          listener(state);
        } catch (e) {
          this.#logger.error(
            `A fleet subscriber failed: ${(e as Error).message}`,
          );
        }
      });
    }
  }
}
