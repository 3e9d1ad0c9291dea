/*
 * The example fleet behind a real fleet service, for the actions' tests.
 */
import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DefaultFleetService,
  type FleetService,
  loadLocalSnapshot,
  resolveFleet,
} from '@flux-fleet/backstage-plugin-fleet-node';

/** The repository's examples/fleet. */
export const EXAMPLE_FLEET = resolve(
  __dirname,
  '../../../../../examples/fleet',
);

/** A fleet service reading `root` (the example fleet by default), with an optional local repository. */
export function fleetService(
  root = EXAMPLE_FLEET,
  localRepository?: { path: string; branch: string },
): FleetService {
  const service = new DefaultFleetService({
    read: async () => {
      const snapshot = await loadLocalSnapshot(root);
      return { model: resolveFleet(snapshot), snapshot };
    },
    logger: mockServices.logger.mock(),
  });
  return Object.assign(service, { getLocalRepository: () => localRepository });
}

/** A permissions service that allows promotions to every cluster but `denied`. */
export function permissionsDenying(...denied: string[]) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && denied.includes(String(r.resourceRef))
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
}
