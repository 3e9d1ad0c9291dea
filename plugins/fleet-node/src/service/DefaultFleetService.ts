import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  withObjectFacts,
  type FleetCatalogGuardRefusal,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { shownBodyOf, toMatrix } from '../engine/model/toMatrix';
import type { Snapshot } from '../engine/types';
import type {
  FleetReader,
  FleetService,
  FleetServiceStatus,
  FleetState,
  FleetStateListener,
} from './types';

/** The default {@link FleetService}: serialises refreshes and keeps the last good state. */
export class DefaultFleetService implements FleetService {
  readonly #read: FleetReader;
  readonly #logger: LoggerService;
  readonly #source: string;
  readonly #listeners = new Set<FleetStateListener>();
  #state?: FleetState;
  #snapshot?: Snapshot;
  #inFlight?: Promise<FleetState>;
  #status: FleetServiceStatus;
  #catalogGuard: FleetCatalogGuardRefusal | null = null;

  constructor(options: {
    read: FleetReader;
    logger: LoggerService;
    source?: string;
  }) {
    this.#read = options.read;
    this.#logger = options.logger;
    this.#source = options.source ?? 'local';
    this.#status = {
      phase: 'idle',
      resolvingRevision: null,
      lastDurationMs: null,
      source: this.#source,
    };
  }

  async getState(): Promise<FleetState> {
    return this.#state ?? this.refresh();
  }

  async getSnapshot(): Promise<Snapshot> {
    await this.getState();
    return this.#snapshot!;
  }

  getStatus(): FleetServiceStatus {
    return { ...this.#status, catalogGuard: this.#catalogGuard };
  }

  setCatalogGuard(refusal: FleetCatalogGuardRefusal | null): void {
    this.#catalogGuard = refusal;
  }

  subscribe(listener: FleetStateListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  refresh(): Promise<FleetState> {
    // Concurrent callers share one read rather than racing on the cache.
    this.#inFlight ??= this.#doRefresh().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #doRefresh(): Promise<FleetState> {
    const started = Date.now();
    this.#status = { ...this.#status, phase: 'resolving' };
    try {
      const { model, snapshot } = await this.#read();
      // the same facts the worker reads from the bodies (FleetState.matrix)
      const plain = toMatrix(model);
      const matrix = {
        ...plain,
        objects: plain.objects.map((o, i) =>
          withObjectFacts(o, shownBodyOf(model.objects[i])),
        ),
      };
      this.#snapshot = snapshot;
      this.#state = {
        model,
        matrix,
        revision: model.revision,
        refreshedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
      };
      this.#logger.info(
        `Fleet resolved at ${matrix.revision ?? 'working tree'}: ${
          matrix.clusters.length
        } clusters, ` +
          `${matrix.objects.length} objects, ${
            matrix.problems.length
          } problems in ${this.#state.durationMs} ms`,
      );
      for (const listener of this.#listeners) {
        try {
          listener(this.#state);
        } catch (e) {
          this.#logger.error(
            `A fleet subscriber failed: ${(e as Error).message}`,
          );
        }
      }
      return this.#state;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.error(`Fleet refresh failed: ${message}`);
      if (!this.#state) {
        throw error;
      }
      this.#state = {
        ...this.#state,
        lastError: { message, at: new Date().toISOString() },
      };
      return this.#state;
    } finally {
      this.#status = {
        ...this.#status,
        phase: 'idle',
        resolvingRevision: null,
        lastDurationMs: Date.now() - started,
      };
    }
  }
}
