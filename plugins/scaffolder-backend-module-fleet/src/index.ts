/**
 * Scaffolder module with the fleet actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFleet as default } from './module';
export { createFleetAppClustersAction } from './actions/appClusters';
export {
  createFleetPromoteAction,
  type FleetPromoteActionOptions,
} from './actions/promote';
export { createFleetPublishLocalAction } from './actions/publishLocal';
export type {
  FleetAppClustersInput,
  FleetAppClustersOutput,
  FleetClusterChangeOutput,
  FleetObjectId,
  FleetPromoteInput,
  FleetPromoteOutput,
  FleetPublishLocalInput,
  FleetPublishLocalOutput,
} from './actions/types';
