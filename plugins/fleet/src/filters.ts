import type { Entity } from '@backstage/catalog-model';
import {
  CLUSTER_RESOURCE_TYPE,
  FLEET_APP_ANNOTATION,
} from '@flux-fleet/backstage-plugin-fleet-common';

/** Catalog `spec.type` of Kyverno policy resources. */
export const POLICY_RESOURCE_TYPE = 'kyverno-policy';

/** Components linked to a fleet app by the `flux-fleet.io/app` annotation. */
export function isFleetApp(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[FLEET_APP_ANNOTATION]);
}

/** `kubernetes-cluster` resources (the catalog module's clusters). */
export function isFleetCluster(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === CLUSTER_RESOURCE_TYPE
  );
}

/** `kyverno-policy` resources. */
export function isFleetPolicy(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === POLICY_RESOURCE_TYPE
  );
}
