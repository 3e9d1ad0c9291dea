import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { fleetPermissions } from '@flux-fleet/backstage-plugin-fleet-common';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { createRouter } from './service/createRouter';

/**
 * The fleet backend plugin: serves the resolved fleet model at `/api/fleet`.
 * The fleet service (`fleetServiceRef`) owns the refresh schedule.
 */
export const fleetPlugin = createBackendPlugin({
  pluginId: 'fleet',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        fleet: fleetServiceRef,
      },
      async init({ httpAuth, httpRouter, permissions, permissionsRegistry, fleet }) {
        permissionsRegistry.addPermissions(fleetPermissions);
        httpRouter.use(await createRouter({ fleet, httpAuth, permissions }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
