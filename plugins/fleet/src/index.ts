/**
 * The Fleet frontend plugin: what runs where, from the Flux fleet repository.
 *
 * @packageDocumentation
 */
export { fleetPlugin, FleetPage, EntityFleetDeployedToCard } from './plugin';
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
