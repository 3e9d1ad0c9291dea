/**
 * The Fleet backend plugin: a REST API over the resolved Flux fleet model.
 *
 * @packageDocumentation
 */
export { fleetPlugin as default } from './plugin';
export { createRouter } from './service/createRouter';
export type { RouterOptions } from './service/createRouter';
