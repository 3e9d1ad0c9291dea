import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  fleetClusterReadPermission,
  fleetPermissions,
  fleetPromotionCreatePermission,
  fleetReadPermission,
  fleetRefreshPermission,
} from './permissions';

describe('fleet permissions', () => {
  it('makes promotion a resource permission on clusters, so a policy can decide per target cluster', () => {
    expect(
      isResourcePermission(fleetPromotionCreatePermission, 'fleet-cluster'),
    ).toBe(true);
    expect(isResourcePermission(fleetReadPermission)).toBe(false);
    expect(
      isResourcePermission(fleetClusterReadPermission, 'fleet-cluster'),
    ).toBe(true);
  });

  it('registers every permission the routes and actions check, each under its own name', () => {
    expect(fleetPermissions).toEqual(
      expect.arrayContaining([
        fleetReadPermission,
        fleetRefreshPermission,
        fleetPromotionCreatePermission,
        fleetClusterReadPermission,
      ]),
    );
    expect(new Set(fleetPermissions.map(p => p.name)).size).toBe(
      fleetPermissions.length,
    );
  });
});
