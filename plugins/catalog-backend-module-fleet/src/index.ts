/**
 * Catalog module that ingests a Flux fleet's clusters, namespaces, policies
 * and controllers, and relates components to the clusters they run on.
 *
 * @packageDocumentation
 */
export { catalogModuleFleet as default } from './module';
export {
  FleetEntityProvider,
  FLEET_RELATIONS_REFRESH_KEY,
  FULL_MUTATION_MAX,
  MUTATION_CHUNK,
} from './FleetEntityProvider';
export type {
  FleetEntityProviderOptions,
  FleetProviderStatus,
} from './FleetEntityProvider';
export { FleetRelationsProcessor } from './FleetRelationsProcessor';
export {
  toEntities,
  toEntitiesInSlices,
  groupFleetObjectsInSlices,
  entityName,
  FLEET_SOURCE_ANNOTATION,
  FLEET_PROBLEMS_ANNOTATION,
  FLEET_POLICY_STAGES_ANNOTATION,
  FLEET_CHART_VERSIONS_ANNOTATION,
  POLICY_RESOURCE_TYPE,
  CONTROLLER_RESOURCE_TYPE,
} from './toEntities';
export type { FleetEntityGroups, ToEntitiesOptions } from './toEntities';
