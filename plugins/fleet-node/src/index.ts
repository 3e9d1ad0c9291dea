/**
 * The Fleet engine (resolves a Flux fleet repository the way Flux and
 * kustomize would) and the shared fleet service.
 *
 * @packageDocumentation
 */
export * from './engine';
export { fleetServiceRef } from './service/fleetServiceRef';
export { DefaultFleetService } from './service/DefaultFleetService';
export type {
  FleetService,
  FleetState,
  FleetReader,
  FleetServiceStatus,
  FleetStateListener,
} from './service/types';
export { readFleetConfig } from './service/readFleetConfig';
export type { FleetConfig, FleetSourceConfig } from './service/readFleetConfig';
export { createLocalFleetReader } from './service/createLocalFleetReader';
export * from './promotion';
