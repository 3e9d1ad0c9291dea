import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { FleetEntityProvider } from './FleetEntityProvider';
import { FleetRelationsProcessor } from './FleetRelationsProcessor';
import { readCatalogConfig } from './readCatalogConfig';

/**
 * Catalog module: the fleet's clusters, namespaces, policies and controllers
 * as entities, and components related to the clusters that run them. Both
 * read the shared fleet service; neither schedules anything.
 */
export const catalogModuleFleet = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleet',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        fleet: fleetServiceRef,
      },
      async init({ catalog, config, logger, fleet }) {
        const options = readCatalogConfig(config);
        catalog.addEntityProvider(
          new FleetEntityProvider({ id: 'default', fleet, logger, ...options }),
        );
        catalog.addProcessor(new FleetRelationsProcessor({ fleet }));
      },
    });
  },
});
