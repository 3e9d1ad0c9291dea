/**
 * The Fleet frontend plugin: what runs where, from the Flux fleet repository.
 *
 * @packageDocumentation
 */
export { fleetPlugin, FleetPage, EntityFleetDeployedToCard } from './plugin';
export { fleetApiRef, FleetClient } from './api/FleetApi';
export type { FleetApi, FleetStatus } from './api/FleetApi';
