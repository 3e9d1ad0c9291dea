import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { fleetPermissions } from '@flux-fleet/backstage-plugin-fleet-common';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { createRouter } from './service/createRouter';

/**
 * The fleet backend plugin: serves the resolved fleet model at `/api/fleet`
 * and re-reads the fleet on a schedule.
 */
export const fleetPlugin = createBackendPlugin({
  pluginId: 'fleet',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        fleet: fleetServiceRef,
      },
      async init({ config, logger, httpAuth, httpRouter, permissions, permissionsRegistry, scheduler, fleet }) {
        permissionsRegistry.addPermissions(fleetPermissions);
        httpRouter.use(await createRouter({ fleet, httpAuth, permissions }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });

        const minutes = config.getOptionalNumber('fleet.refreshIntervalMinutes') ?? 5;
        await scheduler.scheduleTask({
          id: 'fleet-refresh',
          frequency: { minutes },
          timeout: { minutes: Math.max(1, minutes) },
          scope: 'local',
          fn: async () => {
            // The service logs and keeps the last good model; never throw from a task.
            await fleet.refresh().catch((error: unknown) => logger.error(`Fleet refresh failed: ${error}`));
          },
        });
      },
    });
  },
});
