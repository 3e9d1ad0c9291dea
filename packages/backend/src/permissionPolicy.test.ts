import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetPromotionCreatePermission,
  fleetReadPermission,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { FleetPermissionPolicy } from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) =>
  ({
    identity: {
      type: 'user',
      userEntityRef: 'user:default/x',
      ownershipEntityRefs,
    },
    info: { userEntityRef: 'user:default/x', ownershipEntityRefs },
    token: 't',
    credentials: {} as any,
  } as any);

describe('FleetPermissionPolicy', () => {
  const policy = new FleetPermissionPolicy();

  it('allows the platform group to promote anywhere', async () => {
    const decision = await policy.handle(
      { permission: fleetPromotionCreatePermission },
      user(['group:default/platform']),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets everyone else promote only to clusters other than prod', async () => {
    const decision = await policy.handle(
      { permission: fleetPromotionCreatePermission },
      user(['group:default/team-x']),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'fleet',
      resourceType: 'fleet-cluster',
      conditions: {
        not: {
          rule: 'IS_CLUSTER',
          resourceType: 'fleet-cluster',
          params: { clusters: ['prod'] },
        },
      },
    });
  });

  it('allows reading to everyone', async () => {
    const decision = await policy.handle(
      { permission: fleetReadPermission },
      user([]),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});
