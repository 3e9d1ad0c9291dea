import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { createFleetAppClustersAction } from './actions/appClusters';

/** Scaffolder module with the fleet actions. */
export const scaffolderModuleFleet = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fleet',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, fleet: fleetServiceRef },
      async init({ scaffolder, fleet }) {
        scaffolder.addActions(createFleetAppClustersAction({ fleet }));
      },
    });
  },
});
