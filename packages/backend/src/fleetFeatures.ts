/**
 * The Fleet features this backend installs: the REST API, the catalog module
 * (clusters, namespaces, policies, controllers and the deployedTo relations)
 * and the scaffolder module (promotion actions), sharing one engine through
 * fleetServiceRef. Kept apart from index.ts so a test can start exactly
 * these features with startTestBackend.
 */
import fleetBackend from '@flux-fleet/backstage-plugin-fleet-backend';
import fleetCatalogModule from '@flux-fleet/backstage-plugin-catalog-backend-module-fleet';
import fleetScaffolderModule from '@flux-fleet/backstage-plugin-scaffolder-backend-module-fleet';

export const fleetFeatures = [
  fleetBackend,
  fleetCatalogModule,
  fleetScaffolderModule,
];
