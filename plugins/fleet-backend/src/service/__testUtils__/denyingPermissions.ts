import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * A permissions service for route tests that allows everything except the
 * permissions named in `deny`, by name (`fleet.read`) or, for a cluster
 * resource, by `name:cluster` (`fleet.read:prod`).
 */
export function denyingPermissions(deny: string[] = []) {
  return mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(({ permission, resourceRef }) => ({
        result:
          deny.includes(permission.name) ||
          deny.includes(`${permission.name}:${resourceRef}`)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
}
