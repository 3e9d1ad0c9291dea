import {
  coreServices,
  createBackendModule,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { FleetEntityProvider } from './FleetEntityProvider';
import { FleetRelationsProcessor } from './FleetRelationsProcessor';
import { readCatalogConfig } from './readCatalogConfig';

/**
 * The refs of the entities the provider `providerName` emitted, as the
 * catalog recorded them. A module shares its plugin's database: this is the
 * catalog's own record (refresh_state_references, keyed by the provider's
 * name, which Backstage's full mutation reads to find what to remove), so a
 * large first model can be applied in parts and still drop what an earlier
 * run emitted.
 */
export async function readEmittedRefs(
  knex: Awaited<ReturnType<DatabaseService['getClient']>>,
  providerName: string,
): Promise<string[]> {
  return knex('refresh_state_references')
    .where({ source_key: providerName })
    .pluck('target_entity_ref');
}

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
        database: coreServices.database,
        logger: coreServices.logger,
        fleet: fleetServiceRef,
      },
      async init({ catalog, config, database, logger, fleet }) {
        const options = readCatalogConfig(config);
        const id = 'default';
        const provider = new FleetEntityProvider({
          id,
          fleet,
          logger,
          ...options,
          previouslyEmitted: async () =>
            readEmittedRefs(await database.getClient(), `fleet-provider:${id}`),
        });
        catalog.addEntityProvider(provider);
        catalog.addProcessor(new FleetRelationsProcessor({ fleet }));
      },
    });
  },
});
