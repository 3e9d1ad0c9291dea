import { createPermission } from '@backstage/plugin-permission-common';

/** Permission to read the fleet model (clusters, objects, diffs, problems). */
export const fleetReadPermission = createPermission({
  name: 'fleet.read',
  attributes: { action: 'read' },
});

/** Permission to preview and open promotions. */
export const fleetPromotePermission = createPermission({
  name: 'fleet.promote',
  attributes: { action: 'update' },
});

/** All fleet permissions, for registration with the permissions service. */
export const fleetPermissions = [fleetReadPermission, fleetPromotePermission];
