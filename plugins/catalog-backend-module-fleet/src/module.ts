import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { FleetEntityProvider } from './FleetEntityProvider';

/** Catalog module that ingests the fleet's clusters and namespaces. */
export const catalogModuleFleet = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        fleet: fleetServiceRef,
      },
      async init({ catalog, config, logger, scheduler, fleet }) {
        const minutes = config.getOptionalNumber('fleet.refreshIntervalMinutes') ?? 5;
        catalog.addEntityProvider(
          new FleetEntityProvider({
            id: 'default',
            fleet,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { minutes },
              timeout: { minutes: Math.max(1, minutes) },
              initialDelay: { seconds: 3 },
            }),
          }),
        );
      },
    });
  },
});
