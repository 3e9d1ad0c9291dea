import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FleetMatrix } from '@internal/plugin-fleet-common';

/** What the fleet service knows: the last good matrix and how it was obtained. */
export interface FleetState {
  /** The last model that resolved; kept when a later read fails. */
  matrix: FleetMatrix;
  /** When `matrix` was read (ISO 8601). */
  refreshedAt: string;
  /** How long reading and resolving `matrix` took, in milliseconds. */
  durationMs: number;
  /** The failure of the latest refresh, when it failed and an older matrix is served. */
  lastError?: { message: string; at: string };
}

/**
 * The fleet engine as a service: one instance per backend, shared by the
 * fleet backend, the catalog module and the scaffolder module, so all of
 * them read the same model and share one build cache.
 */
export interface FleetService {
  /** The current state; reads the fleet on first use. */
  getState(): Promise<FleetState>;
  /** Re-reads the fleet now. A failed read keeps the last good matrix and records the error. */
  refresh(): Promise<FleetState>;
}

/** Reads and resolves the whole fleet once. */
export type FleetReader = () => Promise<FleetMatrix>;

/** The default {@link FleetService}: serialises refreshes and keeps the last good state. */
export class DefaultFleetService implements FleetService {
  readonly #read: FleetReader;
  readonly #logger: LoggerService;
  #state?: FleetState;
  #inFlight?: Promise<FleetState>;

  constructor(options: { read: FleetReader; logger: LoggerService }) {
    this.#read = options.read;
    this.#logger = options.logger;
  }

  async getState(): Promise<FleetState> {
    return this.#state ?? this.refresh();
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
    try {
      const matrix = await this.#read();
      this.#state = {
        matrix,
        refreshedAt: new Date().toISOString(),
        durationMs: Date.now() - started,
      };
      this.#logger.info(
        `Fleet resolved at ${matrix.revision ?? 'working tree'}: ${matrix.clusters.length} clusters, ` +
          `${matrix.objects.length} objects, ${matrix.problems.length} problems in ${this.#state.durationMs} ms`,
      );
      return this.#state;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#logger.error(`Fleet refresh failed: ${message}`);
      if (!this.#state) {
        throw error;
      }
      this.#state = { ...this.#state, lastError: { message, at: new Date().toISOString() } };
      return this.#state;
    }
  }
}
