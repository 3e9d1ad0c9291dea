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
import { RecentAnswers } from './RecentAnswers';

type Query = Record<string, string | null | undefined>;

/** The query string of the defined values of `query`, in key order given. */
function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, value);
  }
  return params.toString();
}

/**
 * The default {@link FleetApi}: discovery for the base URL, fetchApi so the
 * user's Backstage token goes with every request (every route but /health is
 * authenticated).
 */
export class FleetClient implements FleetApi {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;
  readonly #recent: RecentAnswers;

  /**
   * `recentAnswersTtlMs` (default 5 s): how long an answer of
   * `getDeployments` is shared with later calls for the same entity.
   */
  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    recentAnswersTtlMs?: number;
  }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
    this.#recent = new RecentAnswers({ ttlMs: options.recentAnswersTtlMs });
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

  /**
   * Shares in-flight and recent answers (a few seconds) between callers: the
   * prefetch at route match (`FleetPrefetch`, entity ref only) and the
   * card's call at mount (with the app, which gives the same answer, see
   * `entityDeployments`) make one request. A failure is not kept.
   */
  getDeployments(
    entityRef: string,
    options: { app?: string } = {},
  ): Promise<EntityDeploymentsResponse> {
    const plain = `/deployments?${queryString({ entityRef })}`;
    if (options.app) {
      const withApp = `/deployments?${queryString({
        entityRef,
        app: options.app,
      })}`;
      // `app` is the entity's own annotation here: the answer for the bare
      // ref (the prefetch's, the backend reading the entity) is the same
      const prefetched = this.#recent.peek<EntityDeploymentsResponse>(plain);
      return (
        prefetched ??
        this.#recent.get(withApp, () => this.#request('GET', withApp))
      );
    }
    return this.#recent.get(plain, () => this.#request('GET', plain));
  }

  getAppDeployments(app: string): Promise<EntityDeploymentsResponse> {
    // `app` overrides the entity's annotation (the backend then reads no
    // catalog entity); the ref only names the answer, as a component named
    // after the app would be. Not shared with getDeployments: a component of
    // that name may belong to another app.
    const name = app.split('/').pop() || app;
    return this.#request('GET', '/deployments', {
      entityRef: `component:default/${name}`,
      app,
    });
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
    // answers from before the refresh may no longer hold
    this.#recent.clear();
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
    const search = queryString(query ?? {});
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
