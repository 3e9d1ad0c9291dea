import {
  type Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import {
  type CatalogProcessor,
  type CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  FLEET_APP_ANNOTATION,
  KUBERNETES_ID_LABEL,
  RELATION_DEPLOYED_TO,
  RELATION_HAS_DEPLOYMENT,
  clustersOf,
  prepareFleetIndex,
  selectApp,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { FLEET_RELATIONS_REFRESH_KEY } from './FleetEntityProvider';
import { entityName } from './toEntities';

/**
 * Relates each Component linked to a fleet app to the clusters that run it:
 * `deployedTo` (reverse `hasDeployment`) and `dependsOn` (reverse
 * `dependencyOf`), so the stock Kubernetes plugin's `catalogRelation`
 * service locator asks only those clusters. A component is linked by its
 * `flux-fleet.io/app` annotation (any unit layout, a HelmRelease, a Flux
 * Kustomization), else by the `backstage.io/kubernetes-id` label (its
 * annotation, or its name) on rendered workloads. It reads the service's
 * current model on every pass; every component carries the refresh key
 * {@link FLEET_RELATIONS_REFRESH_KEY}, which the entity provider refreshes
 * when a new model arrives, so relations follow it within seconds.
 */
export class FleetRelationsProcessor implements CatalogProcessor {
  readonly #fleet: FleetService;

  constructor(options: { fleet: FleetService }) {
    this.#fleet = options.fleet;
  }

  getProcessorName(): string {
    return 'FleetRelationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return entity;
    const annotations = entity.metadata.annotations ?? {};
    const app = annotations[FLEET_APP_ANNOTATION];
    const kubernetesId =
      annotations[KUBERNETES_ID_LABEL] ?? entity.metadata.name;
    // a component not linked today may be linked by the next model
    emit(processingResult.refresh(FLEET_RELATIONS_REFRESH_KEY));
    const { matrix } = await this.#fleet.getState();
    // the matrix carries the facts (the service derives them as the model
    // arrives); its index is built in slices (shared with the provider)
    // rather than in this pass
    await prepareFleetIndex(matrix);
    const selection = selectApp(matrix, { app, kubernetesId });
    if (!selection) return entity;
    const self = getCompoundEntityRef(entity);
    for (const cluster of clustersOf(selection)) {
      const target = {
        kind: 'resource',
        namespace: 'default',
        name: entityName(cluster),
      };
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_DEPLOYED_TO,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_HAS_DEPLOYMENT,
          target: self,
        }),
      );
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_DEPENDS_ON,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: RELATION_DEPENDENCY_OF,
          target: self,
        }),
      );
    }
    return entity;
  }
}
