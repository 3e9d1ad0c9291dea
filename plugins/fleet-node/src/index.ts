/**
 * The Fleet engine (resolves a Flux fleet repository the way Flux and
 * kustomize would) and the shared fleet service.
 *
 * @packageDocumentation
 */
export * from './engine';
export {
  fleetServiceRef,
  FLEET_REFRESH_TASK_ID,
} from './service/fleetServiceRef';
export { DefaultFleetService } from './service/DefaultFleetService';
export { WorkerFleetService } from './service/WorkerFleetService';
export type { FleetSource, SourcePoll } from './service/sources/types';
export { createFleetSource } from './service/sources/createFleetSource';
export {
  loadGitSnapshot,
  type LoadGitSnapshotOptions,
} from './engine/loader/loadGitSnapshot';
export type { KeptModelObject } from './service/worker/LastGoodKeeper';
export type {
  FleetService,
  FleetState,
  FleetReader,
  FleetServiceStatus,
  FleetStateListener,
} from './service/types';
export {
  readFleetConfig,
  DEFAULT_REFRESH_SCHEDULE,
} from './service/readFleetConfig';
export type { FleetConfig, FleetSourceConfig } from './service/readFleetConfig';
export { createLocalFleetReader } from './service/createLocalFleetReader';
export * from './promotion';
