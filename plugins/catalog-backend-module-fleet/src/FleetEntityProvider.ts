import type { LoggerService, SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_RESOURCE_TYPE,
  NAMESPACE_RESOURCE_TYPE,
  type FleetMatrix,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';

/** Annotation naming the fleet directory an entity was read from. */
export const FLEET_SOURCE_ANNOTATION = 'flux-fleet.io/source-path';

/**
 * Emits one `Resource` of type `kubernetes-cluster` per fleet cluster and one
 * `kubernetes-namespace` per namespace name, related to the clusters that
 * create it. Reads the shared fleet service, so it never resolves the fleet
 * on its own.
 */
export class FleetEntityProvider implements EntityProvider {
  readonly #id: string;
  readonly #fleet: FleetService;
  readonly #logger: LoggerService;
  readonly #taskRunner?: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;

  constructor(options: {
    id: string;
    fleet: FleetService;
    logger: LoggerService;
    taskRunner?: SchedulerServiceTaskRunner;
  }) {
    this.#id = options.id;
    this.#fleet = options.fleet;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
  }

  getProviderName(): string {
    return `fleet-provider:${this.#id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.read();
        } catch (error) {
          // A scheduled task must never throw; the last applied entities stay.
          this.#logger.error(`${this.getProviderName()} failed to read the fleet: ${error}`);
        }
      },
    });
  }

  /** Reads the fleet and replaces this provider's entities. */
  async read(): Promise<void> {
    if (!this.#connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const state = await this.#fleet.getState();
    if (state.lastError) {
      // A broken read never deletes entities: keep what was applied last.
      this.#logger.warn(`${this.getProviderName()}: keeping entities, last refresh failed: ${state.lastError.message}`);
    }
    const entities = toEntities(state.matrix, this.getProviderName());
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: this.getProviderName() })),
    });
  }
}

/** Maps the fleet matrix to catalog entities. */
export function toEntities(matrix: FleetMatrix, providerName: string): Entity[] {
  const location = `url:fleet://${providerName}`;
  const annotations = (path: string) => ({
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [FLEET_SOURCE_ANNOTATION]: path,
  });
  const clusters: Entity[] = matrix.clusters.map(cluster => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      title: `Cluster ${cluster.name}`,
      description: `Kubernetes cluster driven by ${cluster.path} of the fleet repository`,
      annotations: annotations(cluster.path),
    },
    spec: { type: CLUSTER_RESOURCE_TYPE, owner: 'group:default/platform' },
  }));

  const namespaceClusters = new Map<string, Set<string>>();
  for (const o of matrix.objects) {
    if (o.kind === 'Namespace' && o.apiVersion === 'v1') {
      const set = namespaceClusters.get(o.name) ?? new Set<string>();
      set.add(o.cluster);
      namespaceClusters.set(o.name, set);
    }
  }
  const namespaces: Entity[] = [...namespaceClusters.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, on]) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `namespace-${name}`,
        title: `Namespace ${name}`,
        description: `Namespace ${name}, created on ${[...on].sort().join(', ')}`,
        annotations: annotations(''),
      },
      spec: {
        type: NAMESPACE_RESOURCE_TYPE,
        owner: 'group:default/platform',
        dependsOn: [...on].sort().map(c => `resource:default/${c}`),
      },
    }));
  return [...clusters, ...namespaces];
}
