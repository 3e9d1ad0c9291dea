/**
 * The Fleet frontend plugin: what runs where, from the Flux fleet repository.
 *
 * @packageDocumentation
 */
export {
  fleetPlugin,
  FleetPage,
  EntityFleetDeployedToCard,
  EntityFleetContent,
  EntityFleetClusterCard,
  EntityFleetPolicyCard,
  FleetAppPickerFieldExtension,
  FleetClusterPickerFieldExtension,
  FleetPromotionPreviewFieldExtension,
} from './plugin';
export {
  isFleetApp,
  isFleetCluster,
  isFleetPolicy,
  POLICY_RESOURCE_TYPE,
} from './filters';
export { fleetApiRef } from './api/FleetApi';
export type {
  FleetApi,
  FleetStatus,
  FleetObjectKey,
  FleetObjectsQuery,
  FleetDiffQuery,
  FleetProblemsQuery,
} from './api/FleetApi';
export { FleetClient } from './api/FleetClient';
export { FleetPrefetch } from './components/FleetPrefetch/FleetPrefetch';
