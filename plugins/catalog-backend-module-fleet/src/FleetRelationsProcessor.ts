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
  matrixWithFacts,
  selectApp,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { entityName } from './toEntities';

/**
 * Relates each Component linked to a fleet app to the clusters that run it:
 * `deployedTo` (reverse `hasDeployment`) and `dependsOn` (reverse
 * `dependencyOf`), so the stock Kubernetes plugin's `catalogRelation`
 * service locator asks only those clusters. A component is linked by its
 * `flux-fleet.io/app` annotation (any unit layout, a HelmRelease, a Flux
 * Kustomization), else by the `backstage.io/kubernetes-id` label (its
 * annotation, or its name) on rendered workloads. It reads the service's
 * current model on every pass, so relations follow a new model at the next
 * processing of the component.
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
    const state = await this.#fleet.getState();
    const matrix = matrixWithFacts(
      state.matrix,
      state.model.objects.map(o => o.object),
    );
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
