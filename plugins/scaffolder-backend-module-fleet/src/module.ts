import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { fleetServiceRef } from '@flux-fleet/backstage-plugin-fleet-node';
import { createFleetAppClustersAction } from './actions/appClusters';
import { createFleetPromoteAction } from './actions/promote';
import { createFleetPublishGithubAction } from './actions/publishGithub';
import { createFleetPublishLocalAction } from './actions/publishLocal';

/**
 * Scaffolder module with the fleet actions: `fleet:app:clusters`, `fleet:promote`, `fleet:publish:local`, `fleet:publish:github`.
 *
 * @public
 */
export const scaffolderModuleFleet = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fleet',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        fleet: fleetServiceRef,
        permissions: coreServices.permissions,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, fleet, permissions, config }) {
        scaffolder.addActions(
          createFleetAppClustersAction({ fleet }),
          createFleetPromoteAction({
            fleet,
            permissions,
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
          createFleetPublishLocalAction({ fleet }),
          createFleetPublishGithubAction({
            integrations: ScmIntegrations.fromConfig(config),
            config,
          }),
        );
      },
    });
  },
});
