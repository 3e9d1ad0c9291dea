import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { fleetApiRef } from './api/FleetApi';
import { FleetClient } from './api/FleetClient';
import { FleetAppPicker } from './components/fields/FleetAppPicker';
import { FleetClusterPicker } from './components/fields/FleetClusterPicker';
import { FleetPromotionPreview } from './components/fields/FleetPromotionPreview';
import { entityContentRouteRef, rootRouteRef } from './routes';

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

/** The Fleet tab of a component: objects per cluster and the diff between clusters (legacy system). */
export const EntityFleetContent = fleetPlugin.provide(
  createRoutableExtension({
    name: 'EntityFleetContent',
    component: () =>
      import('./components/FleetTab/FleetEntityContent').then(
        m => m.FleetEntityContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/** What runs on a cluster, for `kubernetes-cluster` resource pages (legacy system). */
export const EntityFleetClusterCard = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityFleetClusterCard',
    component: {
      lazy: () =>
        import('./components/EntityCards/ClusterCard').then(m => m.ClusterCard),
    },
  }),
);

/** Stage per cluster, for `kyverno-policy` resource pages (legacy system). */
export const EntityFleetPolicyCard = fleetPlugin.provide(
  createComponentExtension({
    name: 'EntityFleetPolicyCard',
    component: {
      lazy: () =>
        import('./components/EntityCards/PolicyCard').then(m => m.PolicyCard),
    },
  }),
);

/** `ui:field: FleetAppPicker` (legacy system, inside `<ScaffolderFieldExtensions>`). */
export const FleetAppPickerFieldExtension = fleetPlugin.provide(
  createScaffolderFieldExtension({
    name: 'FleetAppPicker',
    component: FleetAppPicker,
  }),
);

/** `ui:field: FleetClusterPicker` (legacy system). */
export const FleetClusterPickerFieldExtension = fleetPlugin.provide(
  createScaffolderFieldExtension({
    name: 'FleetClusterPicker',
    component: FleetClusterPicker,
  }),
);

/** `ui:field: FleetPromotionPreview` (legacy system). */
export const FleetPromotionPreviewFieldExtension = fleetPlugin.provide(
  createScaffolderFieldExtension({
    name: 'FleetPromotionPreview',
    component: FleetPromotionPreview,
  }),
);
