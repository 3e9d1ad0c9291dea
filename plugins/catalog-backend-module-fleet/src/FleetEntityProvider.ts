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
import { SLICE } from './slices';
import { groupFleetObjectsInSlices, toEntitiesInSlices } from './toEntities';

/**
 * The refresh key the relations processor gives every component: the
 * provider refreshes it when a new model arrives, so relations follow the
 * fleet now rather than at the components' next scheduled processing.
 */
export const FLEET_RELATIONS_REFRESH_KEY = 'fleet:relations';

const yieldToLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/** Up to this many entities, the first mutation is one full mutation. */
export const FULL_MUTATION_MAX = 2_000;
/** Entities per mutation when they are applied in parts. */
export const MUTATION_CHUNK = 500;

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
  /**
   * The refs of the entities this provider emitted before this process
   * started (the module reads them from the catalog's database). With it, a
   * first model of more than {@link FULL_MUTATION_MAX} entities is applied
   * as deltas of {@link MUTATION_CHUNK} entities that also remove what the
   * model no longer has; without it, as one full mutation. They are also
   * the removal guard's baseline at the first apply after a restart.
   */
  previouslyEmitted?: () => Promise<string[]>;
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
 * never schedules or resolves anything itself. The passes over the model's
 * objects and entities run in slices between which the backend serves
 * requests, and large mutations are applied in parts: Backstage hashes
 * every entity of a mutation in one synchronous pass (about 1.5 s of CPU
 * for 50,000 entities).
 * Removal is guarded: a model with zero clusters, or one that would remove
 * more than `maxRemovalShare` of the applied entities, is not applied.
 */
export class FleetEntityProvider implements EntityProvider {
  readonly #options: Required<
    Omit<FleetEntityProviderOptions, 'repositoryUrl' | 'previouslyEmitted'>
  > & {
    repositoryUrl: string | null;
    previouslyEmitted?: () => Promise<string[]>;
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
    if (state.lastError) {
      // the service serves its last good model: applying it again changes nothing
      logger.warn(
        `${this.getProviderName()}: the latest fleet refresh failed (${
          state.lastError.message
        }); the last good model stays`,
      );
    }
    // the same model again (the first read and the first announcement, a
    // failed refresh): already applied or refused
    if (state.model === this.#lastModel) return;
    // The matrix carries the facts (the service derives them as the model
    // arrives); every pass over its objects and entities here runs in
    // slices, and so does the index it shares with the relations processor.
    const { matrix } = state;
    const groups = await groupFleetObjectsInSlices(matrix);
    await prepareFleetIndex(matrix);
    const entities = await toEntitiesInSlices(
      matrix,
      { ...this.#options, providerName: this.getProviderName() },
      groups,
    );
    // ref → JSON, and the entities that are new or differ from those applied last
    const next = new Map<string, string>();
    const changed: Entity[] = [];
    for (let i = 0; i < entities.length; i++) {
      if (i > 0 && i % SLICE === 0) await yieldToLoop();
      const ref = stringifyEntityRef(entities[i]);
      const json = JSON.stringify(entities[i]);
      next.set(ref, json);
      if (this.#applied.get(ref) !== json) changed.push(entities[i]);
    }
    const first = this.#applied.size === 0;
    // The guard's baseline: what this process applied last or, at the first
    // apply after a restart, what an earlier run left in the catalog (else a
    // commit landing while the backend was down would pass unguarded).
    const earlier = first ? await this.#previouslyEmitted() : undefined;
    const baseline = first ? earlier ?? [] : [...this.#applied.keys()];
    const removed = baseline.filter(r => !next.has(r));
    let skipped: string | null = null;
    const at = state.revision ?? 'the working tree';
    if (matrix.clusters.length === 0) {
      skipped = `the model at ${at} has no clusters`;
    } else if (
      baseline.length > 0 &&
      removed.length / baseline.length > maxRemovalShare
    ) {
      skipped =
        `the model at ${at} would remove ${removed.length} of ${baseline.length} ` +
        `entities, more than fleet.catalog.maxRemovalShare (${maxRemovalShare})`;
    }
    if (skipped) {
      this.#status = { ...this.#status, skipped, revision: state.revision };
      this.#lastModel = state.model;
      // the reason also goes to the fleet service, whose status /status serves
      this.#options.fleet.setCatalogGuard?.({
        provider: this.getProviderName(),
        revision: state.revision,
        reason: skipped,
        at: new Date().toISOString(),
      });
      logger.warn(
        `${this.getProviderName()}: keeping the entities applied last: ${skipped}`,
      );
      return;
    }
    if (first) {
      await this.#applyFirst(connection, entities, removed, earlier);
    } else {
      // only what changed: the catalog re-stitches these, not every entity
      await this.#applyDeltas(connection, changed, removed);
    }
    this.#applied = next;
    this.#status = {
      applied: next.size,
      skipped: null,
      revision: state.revision,
    };
    this.#options.fleet.setCatalogGuard?.(null);
    if (this.#lastModel !== undefined) {
      // components' relations come from the model: process them again now
      await connection.refresh({ keys: [FLEET_RELATIONS_REFRESH_KEY] });
    }
    this.#lastModel = state.model;
  }

  /**
   * The refs an earlier run of the backend emitted, as the catalog recorded
   * them; undefined when unknown (no reader, or the read failed).
   */
  async #previouslyEmitted(): Promise<string[] | undefined> {
    if (!this.#options.previouslyEmitted) return undefined;
    return this.#options.previouslyEmitted().catch(error => {
      this.#options.logger.warn(
        `${this.getProviderName()}: could not read the entities emitted earlier (${error}); applying one full mutation`,
      );
      return undefined;
    });
  }

  /**
   * The first mutation also drops what an earlier run of the backend
   * emitted and this model no longer has (`removed`, read from `earlier`):
   * one full mutation, or, for a large model whose earlier refs are known,
   * deltas in parts.
   */
  async #applyFirst(
    connection: EntityProviderConnection,
    entities: Entity[],
    removed: string[],
    earlier: string[] | undefined,
  ): Promise<void> {
    const locationKey = this.getProviderName();
    if (!earlier || entities.length <= FULL_MUTATION_MAX) {
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({ entity, locationKey })),
      });
      return;
    }
    await this.#applyDeltas(connection, entities, removed);
  }

  /** `added` and `removed` in deltas of at most {@link MUTATION_CHUNK} entities each. */
  async #applyDeltas(
    connection: EntityProviderConnection,
    added: Entity[],
    removed: string[],
  ): Promise<void> {
    const locationKey = this.getProviderName();
    for (
      let i = 0;
      i < Math.max(added.length, removed.length);
      i += MUTATION_CHUNK
    ) {
      await connection.applyMutation({
        type: 'delta',
        added: added
          .slice(i, i + MUTATION_CHUNK)
          .map(entity => ({ entity, locationKey })),
        removed: removed
          .slice(i, i + MUTATION_CHUNK)
          .map(entityRef => ({ entityRef, locationKey })),
      });
    }
  }
}
