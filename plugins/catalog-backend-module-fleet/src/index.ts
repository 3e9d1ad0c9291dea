/**
 * Catalog module that ingests a Flux fleet's clusters and namespaces.
 *
 * @packageDocumentation
 */
export { catalogModuleFleet as default } from './module';
export { FleetEntityProvider, toEntities, FLEET_SOURCE_ANNOTATION } from './FleetEntityProvider';
