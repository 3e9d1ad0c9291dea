import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { matrixWithFacts } from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  FleetService,
  FleetState,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { toEntities } from './toEntities';

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
 * the shared fleet service and applies a full mutation for each new model the
 * service announces, so it never schedules or resolves anything itself.
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
  #applied = new Set<string>();
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

  /** Applies `state` unless the removal guard refuses it. */
  async apply(state: FleetState): Promise<void> {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { logger, maxRemovalShare } = this.#options;
    const matrix = matrixWithFacts(
      state.matrix,
      state.model.objects.map(o => o.object),
    );
    const entities = toEntities(matrix, {
      ...this.#options,
      providerName: this.getProviderName(),
    });
    const refs = new Set(entities.map(e => stringifyEntityRef(e)));
    const removed = [...this.#applied].filter(r => !refs.has(r)).length;
    let skipped: string | null = null;
    if (matrix.clusters.length === 0) {
      skipped = `the model at ${
        state.revision ?? 'the working tree'
      } has no clusters`;
    } else if (
      this.#applied.size > 0 &&
      removed / this.#applied.size > maxRemovalShare
    ) {
      skipped =
        `the model at ${
          state.revision ?? 'the working tree'
        } would remove ${removed} of ` +
        `${
          this.#applied.size
        } entities, more than fleet.catalog.maxRemovalShare (${maxRemovalShare})`;
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
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.#applied = refs;
    this.#status = {
      applied: refs.size,
      skipped: null,
      revision: state.revision,
    };
  }
}
