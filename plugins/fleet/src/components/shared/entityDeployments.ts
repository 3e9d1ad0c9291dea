import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { FLEET_APP_ANNOTATION } from '@flux-fleet/backstage-plugin-fleet-common';
import type { EntityDeploymentsResponse } from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetApi } from '../../api/FleetApi';

const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * Asks for an entity's deployments. The backend links an entity to its app
 * by its `flux-fleet.io/app` annotation, falling back to its
 * `backstage.io/kubernetes-id` annotation or name (fleet-backend's
 * `linkOfEntity`); when the entity on screen already says all that (an app
 * annotation, and no kubernetes-id other than its name), the app is sent
 * along and the backend answers without reading the entity from the
 * catalog again. The answer is the same either way.
 */
export function entityDeployments(
  api: FleetApi,
  entity: Entity,
): Promise<EntityDeploymentsResponse> {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const app = annotations[FLEET_APP_ANNOTATION];
  const kubernetesId = annotations[KUBERNETES_ID_ANNOTATION];
  if (app && (!kubernetesId || kubernetesId === entity.metadata.name)) {
    return api.getDeployments(entityRef, { app });
  }
  return api.getDeployments(entityRef);
}
