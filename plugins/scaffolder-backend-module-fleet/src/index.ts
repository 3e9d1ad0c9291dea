/**
 * Scaffolder module with the fleet actions.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFleet as default } from './module';
export { createFleetAppClustersAction } from './actions/appClusters';
