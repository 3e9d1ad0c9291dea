import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterDiffResponse,
  EntityDeploymentsResponse,
  FleetAppsResponse,
  FleetAppSummary,
  FleetClusterDetail,
  FleetClusterSummary,
  FleetMatrix,
  FleetObjectBody,
  FleetOverviewResponse,
  FleetProblem,
  FleetStatusResponse,
  FleetUnit,
  PromotionPreview,
  PromotionRequest,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  FleetApi,
  FleetDiffQuery,
  FleetObjectKey,
  FleetObjectsQuery,
  FleetProblemsQuery,
} from './FleetApi';

type Query = Record<string, string | null | undefined>;

/**
 * The default {@link FleetApi}: discovery for the base URL, fetchApi so the
 * user's Backstage token goes with every request (every route but /health is
 * authenticated).
 */
export class FleetClient implements FleetApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  getStatus(): Promise<FleetStatusResponse> {
    return this.#request('GET', '/status');
  }

  getMatrix(): Promise<FleetMatrix> {
    return this.#request('GET', '/matrix');
  }

  async getClusters(): Promise<FleetClusterSummary[]> {
    const res = await this.#request<{ items: FleetClusterSummary[] }>(
      'GET',
      '/clusters',
    );
    return res.items;
  }

  getCluster(name: string): Promise<FleetClusterDetail> {
    return this.#request('GET', `/clusters/${encodeURIComponent(name)}`);
  }

  async getUnits(): Promise<FleetUnit[]> {
    const res = await this.#request<{ items: FleetUnit[] }>('GET', '/units');
    return res.items;
  }

  getOverview(): Promise<FleetOverviewResponse> {
    return this.#request('GET', '/overview');
  }

  getClusterOverview(cluster: string): Promise<FleetOverviewResponse> {
    return this.#request(
      'GET',
      `/clusters/${encodeURIComponent(cluster)}/overview`,
    );
  }

  async getApps(): Promise<FleetAppSummary[]> {
    const res = await this.#request<FleetAppsResponse>('GET', '/apps');
    return res.items;
  }

  getDeployments(
    entityRef: string,
    options: { app?: string } = {},
  ): Promise<EntityDeploymentsResponse> {
    return this.#request('GET', '/deployments', {
      entityRef,
      app: options.app,
    });
  }

  getAppDeployments(app: string): Promise<EntityDeploymentsResponse> {
    // `app` overrides the entity's annotation (the backend then reads no
    // catalog entity); the ref only names the answer, as a component named
    // after the app would be
    const name = app.split('/').pop() || app;
    return this.getDeployments(`component:default/${name}`, { app });
  }

  getObjectBody(key: FleetObjectKey): Promise<FleetObjectBody> {
    // The core group's apiVersion has no slash; an empty namespace means cluster-scoped.
    return this.#request('GET', '/objects/body', {
      ...key,
      namespace: key.namespace ?? '',
    });
  }

  async getObjects(query: FleetObjectsQuery): Promise<FleetObjectBody[]> {
    const res = await this.#request<{ items: FleetObjectBody[] }>(
      'GET',
      '/objects',
      { ...query },
    );
    return res.items;
  }

  getDiff(query: FleetDiffQuery): Promise<ClusterDiffResponse> {
    return this.#request('GET', '/diff', { ...query });
  }

  async getProblems(query: FleetProblemsQuery = {}): Promise<FleetProblem[]> {
    const res = await this.#request<{ items: FleetProblem[] }>(
      'GET',
      '/problems',
      { ...query },
    );
    return res.items;
  }

  refresh(): Promise<FleetStatusResponse> {
    return this.#request('POST', '/refresh');
  }

  previewPromotion(request: PromotionRequest): Promise<PromotionPreview> {
    return this.#request('POST', '/promotions/preview', undefined, request);
  }

  async #request<T>(
    method: 'GET' | 'POST',
    path: string,
    query?: Query,
    body?: unknown,
  ): Promise<T> {
    const base = await this.#discoveryApi.getBaseUrl('fleet');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) params.set(key, value);
    }
    const search = params.toString();
    const response = await this.#fetchApi.fetch(
      `${base}${path}${search ? `?${search}` : ''}`,
      {
        method,
        ...(body === undefined
          ? {}
          : {
              body: JSON.stringify(body),
              headers: { 'Content-Type': 'application/json' },
            }),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
