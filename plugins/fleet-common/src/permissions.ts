import { createPermission } from '@backstage/plugin-permission-common';

/** Permission to read the fleet model (clusters, objects, diffs, problems). */
export const fleetReadPermission = createPermission({
  name: 'fleet.read',
  attributes: { action: 'read' },
});

/** Permission to ask for a refresh of the fleet model now (`POST /refresh`). */
export const fleetRefreshPermission = createPermission({
  name: 'fleet.refresh',
  attributes: { action: 'update' },
});

/**
 * Permission to preview and open promotions. Checked with the target
 * cluster as a resource (`resourceRef` = the cluster name) so that a policy
 * can keep promotions to `prod` to the platform team.
 */
export const fleetPromotionCreatePermission = createPermission({
  name: 'fleet.promotion.create',
  attributes: { action: 'create' },
  resourceType: 'fleet-cluster',
});

/**
 * Permission to read one cluster's part of the fleet. Checked with the
 * cluster as a resource (`resourceRef` = the cluster name) on top of
 * `fleet.read`: every answer of the API leaves out the clusters it denies,
 * and a route naming a denied cluster answers 403.
 */
export const fleetClusterReadPermission = createPermission({
  name: 'fleet.cluster.read',
  attributes: { action: 'read' },
  resourceType: 'fleet-cluster',
});

/** @deprecated use {@link fleetPromotionCreatePermission}. */
export const fleetPromotePermission = fleetPromotionCreatePermission;

/** All fleet permissions, for registration with the permissions service. */
export const fleetPermissions = [
  fleetReadPermission,
  fleetRefreshPermission,
  fleetPromotionCreatePermission,
  fleetClusterReadPermission,
];
