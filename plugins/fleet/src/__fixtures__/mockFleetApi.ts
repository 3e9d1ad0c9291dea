import type { FleetApi } from '../api/FleetApi';

/**
 * A FleetApi whose every method rejects unless given: a test states exactly
 * the routes its view calls, and a call it did not expect fails loudly.
 */
export function mockFleetApi(impl: Partial<FleetApi>): FleetApi {
  const unexpected = (name: string) => () => Promise.reject(new Error(`unexpected call: ${name}`));
  return {
    getStatus: unexpected('getStatus'),
    getMatrix: unexpected('getMatrix'),
    getClusters: unexpected('getClusters'),
    getCluster: unexpected('getCluster'),
    getUnits: unexpected('getUnits'),
    getOverview: unexpected('getOverview'),
    getClusterOverview: unexpected('getClusterOverview'),
    getApps: unexpected('getApps'),
    getDeployments: unexpected('getDeployments'),
    getAppDeployments: unexpected('getAppDeployments'),
    getObjectBody: unexpected('getObjectBody'),
    getObjects: unexpected('getObjects'),
    getDiff: unexpected('getDiff'),
    getProblems: unexpected('getProblems'),
    refresh: unexpected('refresh'),
    previewPromotion: unexpected('previewPromotion'),
    ...impl,
  };
}

/** A promise that never settles: the loading state stays on screen. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}
