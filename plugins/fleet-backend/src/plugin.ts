import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { fleetPermissions } from '@flux-fleet/backstage-plugin-fleet-common';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { registerClusterResource } from './service/clusterPermissionRules';
import { createRouter } from './service/createRouter';

/**
 * The fleet backend plugin: serves the model of the shared fleet service at
 * `/api/fleet`. The service owns the refresh schedule (`fleet.refresh`), so
 * this plugin schedules nothing.
 */
export const fleetPlugin = createBackendPlugin({
  pluginId: 'fleet',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        fleet: fleetServiceRef,
      },
      async init({
        config,
        auth,
        logger,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        catalog,
        fleet,
      }) {
        permissionsRegistry.addPermissions(fleetPermissions);
        registerClusterResource(permissionsRegistry, fleet);
        // a URL source is its own repository link unless one is configured
        const repositoryUrl =
          config.getOptionalString('fleet.repositoryUrl') ??
          config.getOptionalString('fleet.source.url') ??
          null;
        httpRouter.use(
          await createRouter({
            fleet,
            httpAuth,
            permissions,
            catalog,
            auth,
            logger,
            repositoryUrl,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
