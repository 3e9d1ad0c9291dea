/*
 * An example permission policy for the Fleet plugins: promotions to `prod`
 * only for members of group:default/platform, everything else allowed.
 *
 * Not installed by default: the development setup signs in as guest, who is
 * in no group, and the end-to-end tests promote as guest. To use it, replace
 * the allow-all policy module in src/index.ts:
 *
 *   backend.add(import('./permissionPolicy'));
 *
 * permissionPolicy.backend.test.ts runs it on the real permission backend
 * against every fleet route (see the backend README's Permissions section).
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { fleetPromotionCreatePermission } from '@flux-fleet/backstage-plugin-fleet-common';

/** The clusters only the platform team may promote to. */
export const PROTECTED_CLUSTERS = ['prod'];
/** The group whose members may promote to them. */
export const PLATFORM_GROUP = 'group:default/platform';

/**
 * Allows everything except `fleet.promotion.create` to a protected cluster by
 * a user outside {@link PLATFORM_GROUP}. The cluster comes as the resource ref
 * (the permission's resource type is `fleet-cluster`, whose `IS_CLUSTER`
 * rule the fleet backend registers).
 */
export class FleetPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isResourcePermission(request.permission) &&
      request.permission.name === fleetPromotionCreatePermission.name
    ) {
      const ownership = user?.info.ownershipEntityRefs ?? [];
      if (ownership.includes(PLATFORM_GROUP))
        return { result: AuthorizeResult.ALLOW };
      // conditional: the fleet plugin applies IS_CLUSTER to the target cluster
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'fleet',
        resourceType: 'fleet-cluster',
        conditions: {
          not: {
            rule: 'IS_CLUSTER',
            resourceType: 'fleet-cluster',
            params: { clusters: PROTECTED_CLUSTERS },
          },
        },
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** The policy as a permission backend module. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'fleet-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new FleetPermissionPolicy());
      },
    });
  },
});
