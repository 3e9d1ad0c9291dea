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
export {
  createFleetPublishGithubAction,
  type FleetPublishGithubActionOptions,
} from './actions/publishGithub';
export {
  GithubWritePacer,
  type PacerClock,
  type PacerLimits,
} from './actions/GithubWritePacer';
export type {
  FleetAppClustersInput,
  FleetAppClustersOutput,
  FleetClusterChangeOutput,
  FleetObjectId,
  FleetPromoteInput,
  FleetPromoteOutput,
  FleetPublishGithubInput,
  FleetPublishGithubOutput,
  FleetPublishLocalInput,
  FleetPublishLocalOutput,
} from './actions/types';
