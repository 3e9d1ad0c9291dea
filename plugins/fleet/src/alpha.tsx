import {
  ApiBlueprint,
  AppRootElementBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { fleetApiRef } from './api/FleetApi';
import { FleetClient } from './api/FleetClient';
import { FleetPrefetch } from './components/FleetPrefetch/FleetPrefetch';
import { isFleetApp, isFleetCluster, isFleetPolicy } from './filters';
import { rootRouteRef } from './routes';

const fleetApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: fleetApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FleetClient(deps),
    }),
});

// rendered inside the app's router, ahead of its routes (plugin-app's
// AppRouter puts root elements before the routes): asks for a component's
// deployments at route match, before the entity page and its card exist
const fleetPrefetch = AppRootElementBlueprint.make({
  name: 'prefetch',
  params: { element: <FleetPrefetch /> },
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
    filter: isFleetApp,
    // prefetched when the app's code has loaded (a low-priority download
    // while the browser is idle): the card, the one view most entity pages
    // show, then needs no chunk download on a first visit
    loader: () =>
      import(
        /* webpackPrefetch: true */ './components/DeployedToCard/DeployedToCard'
      ).then(m => <m.DeployedToCard />),
  },
});

const clusterCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: isFleetCluster,
    loader: () =>
      import('./components/EntityCards/ClusterCard').then(m => (
        <m.ClusterCard />
      )),
  },
});

const policyCard = EntityCardBlueprint.make({
  name: 'policy',
  params: {
    filter: isFleetPolicy,
    loader: () =>
      import('./components/EntityCards/PolicyCard').then(m => <m.PolicyCard />),
  },
});

const fleetContent = EntityContentBlueprint.make({
  name: 'fleet',
  params: {
    path: '/fleet',
    title: 'Fleet',
    filter: isFleetApp,
    loader: () =>
      import('./components/FleetTab/FleetEntityContent').then(m => (
        <m.FleetEntityContent />
      )),
  },
});

const appPickerField = FormFieldBlueprint.make({
  name: 'fleet-app-picker',
  params: {
    field: () =>
      import('./components/fields/formFields').then(m => m.fleetAppPickerField),
  },
});

const clusterPickerField = FormFieldBlueprint.make({
  name: 'fleet-cluster-picker',
  params: {
    field: () =>
      import('./components/fields/formFields').then(
        m => m.fleetClusterPickerField,
      ),
  },
});

const promotionPreviewField = FormFieldBlueprint.make({
  name: 'fleet-promotion-preview',
  params: {
    field: () =>
      import('./components/fields/formFields').then(
        m => m.fleetPromotionPreviewField,
      ),
  },
});

/**
 * The fleet plugin for the new frontend system: the API, the `/fleet` page,
 * the "Deployed to" card and Fleet tab on fleet apps, the cluster card on
 * `kubernetes-cluster` resources, the policy card on `kyverno-policy`
 * resources, the promotion template's form fields, and the prefetch of a
 * component's deployments when its entity page is opened.
 */
export default createFrontendPlugin({
  pluginId: 'fleet',
  routes: { root: rootRouteRef },
  extensions: [
    fleetApi,
    fleetPrefetch,
    fleetPage,
    deployedToCard,
    fleetContent,
    clusterCard,
    policyCard,
    appPickerField,
    clusterPickerField,
    promotionPreviewField,
  ],
});
