/*
 * The `fleet-cluster` permission resource: `fleet.promotion.create` is
 * authorized with the target cluster's name as its resource ref, so a policy
 * can answer with a condition on the cluster (as the catalog's entity rules
 * do for entities) instead of allowing or denying every promotion.
 */
import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  fleetClusterReadPermission,
  fleetPromotionCreatePermission,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { z } from 'zod';

/** A cluster as the permission framework sees it. */
export interface FleetClusterResource {
  name: string;
}

/** The `fleet-cluster` resource of the `fleet` plugin. */
export const fleetClusterResourceRef = createPermissionResourceRef<
  FleetClusterResource,
  { clusters: string[] }
>().with({ pluginId: 'fleet', resourceType: 'fleet-cluster' });

/** `IS_CLUSTER`: the resource is one of `clusters` (e.g. deny promotions to prod with `not`). */
export const isClusterRule = createPermissionRule({
  name: 'IS_CLUSTER',
  description: 'Matches the fleet clusters named in params.clusters',
  resourceRef: fleetClusterResourceRef,
  paramsSchema: z.object({
    clusters: z.array(z.string()).describe('Cluster names, e.g. ["prod"]'),
  }),
  apply: (resource, { clusters }) => clusters.includes(resource.name),
  toQuery: ({ clusters }) => ({ clusters }),
});

/** Registers the resource type and its rules; resources are the clusters of the current model. */
export function registerClusterResource(
  registry: PermissionsRegistryService,
  fleet: FleetService,
) {
  registry.addResourceType({
    resourceRef: fleetClusterResourceRef,
    permissions: [fleetPromotionCreatePermission, fleetClusterReadPermission],
    rules: [isClusterRule],
    async getResources(refs) {
      // read the model so a decision is never made before the fleet is known;
      // a name the fleet lacks is still a promotion target the rules can judge
      await fleet.getState();
      return refs.map(name => (name ? { name } : undefined));
    },
  });
}
