import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { Entity } from '@backstage/catalog-model';
import { prepareFleetIndex } from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  FleetService,
  FleetState,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { groupFleetObjectsInSlices, toEntities } from './toEntities';

/**
 * The refresh key the relations processor gives every component: the
 * provider refreshes it when a new model arrives, so relations follow the
 * fleet now rather than at the components' next scheduled processing.
 */
export const FLEET_RELATIONS_REFRESH_KEY = 'fleet:relations';

/** Options of {@link FleetEntityProvider}. */
export interface FleetEntityProviderOptions {
  id: string;
  fleet: FleetService;
  logger: LoggerService;
  /** Owner of every entity. Default `group:default/platform`. */
  owner?: string;
  /** The repository's root on its host, for view and source links. */
  repositoryUrl?: string | null;
  /** Largest share of the applied entities one refresh may remove. Default 0.5. */
  maxRemovalShare?: number;
}

/** What the provider did with the latest model. */
export interface FleetProviderStatus {
  applied: number;
  /** Why the latest model was not applied, when it was not. */
  skipped: string | null;
  revision: string | null;
}

/**
 * Emits the fleet's clusters, namespaces, policies and controllers. It reads
 * the shared fleet service and applies each new model the service announces
 * (a full mutation first, then a delta of the entities that changed), so it
 * never schedules or resolves anything itself. The pass over the model's
 * objects runs in slices between which the backend serves requests.
 * Removal is guarded: a model with zero clusters, or one that would remove
 * more than `maxRemovalShare` of the applied entities, is not applied.
 */
export class FleetEntityProvider implements EntityProvider {
  readonly #options: Required<
    Omit<FleetEntityProviderOptions, 'repositoryUrl'>
  > & {
    repositoryUrl: string | null;
  };
  #connection?: EntityProviderConnection;
  #unsubscribe?: () => void;
  // ref → JSON of each entity applied last; empty until the first full mutation
  #applied = new Map<string, string>();
  #lastModel?: object;
  #queue: Promise<void> = Promise.resolve();
  #status: FleetProviderStatus = { applied: 0, skipped: null, revision: null };

  constructor(options: FleetEntityProviderOptions) {
    this.#options = {
      owner: 'group:default/platform',
      maxRemovalShare: 0.5,
      ...options,
      repositoryUrl: options.repositoryUrl ?? null,
    };
  }

  getProviderName(): string {
    return `fleet-provider:${this.#options.id}`;
  }

  /** The outcome of the latest model. */
  getStatus(): FleetProviderStatus {
    return { ...this.#status };
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    this.#unsubscribe?.();
    this.#unsubscribe = this.#options.fleet.subscribe(state => {
      this.apply(state).catch(error =>
        this.#options.logger.error(
          `${this.getProviderName()} failed to apply the fleet: ${error}`,
        ),
      );
    });
    // the first model may still be resolving: apply it when it comes, without holding up the catalog
    this.read().catch(error =>
      this.#options.logger.error(
        `${this.getProviderName()} failed to read the fleet: ${error}`,
      ),
    );
  }

  /** Reads the service's current model and applies it (tests call this directly). */
  async read(): Promise<void> {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    await this.apply(await this.#options.fleet.getState());
  }

  /**
   * Applies `state` unless the removal guard refuses it. Applies run one at
   * a time, in the order they were asked for.
   */
  apply(state: FleetState): Promise<void> {
    const run = this.#queue.then(() => this.#apply(state));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(state: FleetState): Promise<void> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { logger, maxRemovalShare } = this.#options;
    // The matrix carries the facts (the service derives them as the model
    // arrives); the one pass over its objects here runs in slices, and so
    // does the index it shares with the relations processor (prepareFleetIndex).
    const { matrix } = state;
    const groups = await groupFleetObjectsInSlices(matrix);
    await prepareFleetIndex(matrix);
    const entities = toEntities(
      matrix,
      { ...this.#options, providerName: this.getProviderName() },
      groups,
    );
    const next = new Map<string, { entity: Entity; json: string }>();
    for (const entity of entities)
      next.set(stringifyEntityRef(entity), {
        entity,
        json: JSON.stringify(entity),
      });
    const removed = [...this.#applied.keys()].filter(r => !next.has(r));
    let skipped: string | null = null;
    const at = state.revision ?? 'the working tree';
    if (matrix.clusters.length === 0) {
      skipped = `the model at ${at} has no clusters`;
    } else if (
      this.#applied.size > 0 &&
      removed.length / this.#applied.size > maxRemovalShare
    ) {
      skipped =
        `the model at ${at} would remove ${removed.length} of ${
          this.#applied.size
        } ` +
        `entities, more than fleet.catalog.maxRemovalShare (${maxRemovalShare})`;
    }
    if (skipped) {
      this.#status = { ...this.#status, skipped, revision: state.revision };
      logger.warn(
        `${this.getProviderName()}: keeping the entities applied last: ${skipped}`,
      );
      return;
    }
    if (state.lastError) {
      // the service serves its last good model: applying it again changes nothing
      logger.warn(
        `${this.getProviderName()}: the latest fleet refresh failed (${
          state.lastError.message
        }); the last good model stays`,
      );
    }
    const locationKey = this.getProviderName();
    if (this.#applied.size === 0) {
      // the first mutation is full: it also drops what an earlier run of the
      // backend emitted and this model no longer has
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({ entity, locationKey })),
      });
    } else {
      // only what changed: the catalog re-stitches these, not every entity
      const added = [...next]
        .filter(([ref, { json }]) => this.#applied.get(ref) !== json)
        .map(([, { entity }]) => ({ entity, locationKey }));
      if (added.length > 0 || removed.length > 0) {
        await connection.applyMutation({
          type: 'delta',
          added,
          removed: removed.map(entityRef => ({ entityRef, locationKey })),
        });
      }
    }
    this.#applied = new Map([...next].map(([ref, { json }]) => [ref, json]));
    this.#status = {
      applied: next.size,
      skipped: null,
      revision: state.revision,
    };
    if (this.#lastModel !== undefined && this.#lastModel !== state.model) {
      // components' relations come from the model: process them again now
      await connection.refresh({ keys: [FLEET_RELATIONS_REFRESH_KEY] });
    }
    this.#lastModel = state.model;
  }
}
