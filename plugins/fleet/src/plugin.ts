import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { fleetApiRef } from './api/FleetApi';
import { FleetClient } from './api/FleetClient';
import { rootRouteRef } from './routes';

/** The fleet plugin for the legacy frontend system. */
export const fleetPlugin = createPlugin({
  id: 'fleet',
  apis: [
    createApiFactory({
      api: fleetApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FleetClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The fleet overview page (legacy system). */
export const FleetPage = fleetPlugin.provide(
  createRoutableExtension({
    name: 'FleetPage',
    component: () =>
      import('./components/OverviewPage/FleetOverviewPage').then(
        m => m.FleetOverviewPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The "Deployed to" entity card (legacy system). */
export const EntityFleetDeployedToCard = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityFleetDeployedToCard',
    component: {
      lazy: () =>
        import('./components/DeployedToCard/DeployedToCard').then(
          m => m.DeployedToCard,
        ),
    },
  }),
);
