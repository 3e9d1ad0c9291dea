/*
 * `fleet.promotion.create` per target cluster: the cluster is the resource,
 * so a permission policy can keep promotions to prod to the platform team.
 * Shared by the scaffolder actions (and mirrored by the preview route).
 */
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fleetPromotionCreatePermission } from '@flux-fleet/backstage-plugin-fleet-common';

/**
 * Resolves when `credentials` may promote to every cluster of `clusters`;
 * else rejects with a {@link NotAllowedError} naming the clusters refused.
 */
export async function authorizePromotion(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  clusters: string[],
): Promise<void> {
  const decisions = await permissions.authorize(
    clusters.map(cluster => ({
      permission: fleetPromotionCreatePermission,
      resourceRef: cluster,
    })),
    { credentials },
  );
  const denied = clusters.filter(
    (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
  );
  if (denied.length > 0) {
    throw new NotAllowedError(
      `You may not promote to ${denied.join(', ')} (permission ${
        fleetPromotionCreatePermission.name
      }); nothing was changed.`,
    );
  }
}
