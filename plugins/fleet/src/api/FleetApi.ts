import { createApiRef, DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { FleetMatrix } from '@flux-fleet/backstage-plugin-fleet-common';

/** Status of the fleet backend's model. */
export interface FleetStatus {
  revision: string | null;
  refreshedAt: string;
  durationMs: number;
  clusters: number;
  objects: number;
  problems: { error: number; warning: number };
  lastError: { message: string; at: string } | null;
}

/** Client of the fleet backend (`/api/fleet`). */
export interface FleetApi {
  getStatus(): Promise<FleetStatus>;
  getMatrix(): Promise<FleetMatrix>;
}

/** Reference to the {@link FleetApi}. */
export const fleetApiRef = createApiRef<FleetApi>({ id: 'plugin.fleet.api' });

/** The default {@link FleetApi}: discovery for the base URL, fetchApi for identity. */
export class FleetClient implements FleetApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getStatus(): Promise<FleetStatus> {
    return this.#get('/status');
  }

  getMatrix(): Promise<FleetMatrix> {
    return this.#get('/matrix');
  }

  async #get<T>(path: string): Promise<T> {
    const base = await this.#discoveryApi.getBaseUrl('fleet');
    const response = await this.#fetchApi.fetch(`${base}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
