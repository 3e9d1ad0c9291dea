import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FLEET_APP_ANNOTATION } from '@flux-fleet/backstage-plugin-fleet-common';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { fleetApiRef } from './api/FleetApi';
import { FleetClient } from './api/FleetClient';
import { rootRouteRef } from './routes';

const fleetApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fleetApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FleetClient(deps),
    }),
});

const fleetPage = PageBlueprint.make({
  params: {
    path: '/fleet',
    title: 'Fleet',
    icon: <CloudQueueIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/OverviewPage/FleetOverviewPage').then(m => (
        <m.FleetOverviewPage />
      )),
  },
});

const deployedToCard = EntityCardBlueprint.make({
  name: 'deployed-to',
  params: {
    filter: entity =>
      Boolean(entity.metadata.annotations?.[FLEET_APP_ANNOTATION]),
    loader: () =>
      import('./components/DeployedToCard/DeployedToCard').then(m => (
        <m.DeployedToCard />
      )),
  },
});

/** The fleet plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'fleet',
  routes: { root: rootRouteRef },
  extensions: [fleetApi, fleetPage, deployedToCard],
});
