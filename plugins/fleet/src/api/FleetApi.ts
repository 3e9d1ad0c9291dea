import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ClusterDiffResponse,
  EntityDeploymentsResponse,
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

/** Status of the fleet backend's model (`GET /status`). */
export type FleetStatus = FleetStatusResponse;

/** Identifies one rendered object on one cluster. */
export interface FleetObjectKey {
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** Which objects `getObjects` returns: one cluster, narrowed to a unit or an entity's app. */
export interface FleetObjectsQuery {
  cluster: string;
  unit?: string;
  entityRef?: string;
}

/** The two clusters of `getDiff`, optionally narrowed to a unit or an entity's app. */
export interface FleetDiffQuery {
  from: string;
  to: string;
  unit?: string;
  entityRef?: string;
}

/** Filters of `getProblems`; every field narrows the list. */
export interface FleetProblemsQuery {
  cluster?: string;
  severity?: 'error' | 'warning';
  entityRef?: string;
}

/**
 * Client of the fleet backend (`/api/fleet`). One method per route of the
 * wire contract in fleet-common's `api.ts`; failures reject with a
 * `ResponseError` carrying the backend's error body.
 */
export interface FleetApi {
  getStatus(): Promise<FleetStatusResponse>;
  /** The whole fleet; large (megabytes at 500 apps × 20 clusters). Prefer `getOverview`. */
  getMatrix(): Promise<FleetMatrix>;
  getClusters(): Promise<FleetClusterSummary[]>;
  getCluster(name: string): Promise<FleetClusterDetail>;
  getUnits(): Promise<FleetUnit[]>;
  /** What runs where, one row per unit. */
  getOverview(): Promise<FleetOverviewResponse>;
  /**
   * What runs on one cluster: the overview's rows on `cluster`, each with
   * that cluster's cell only (`GET /clusters/:name/overview`). Rejects with a
   * 404 `ResponseError` when the fleet has no such cluster.
   */
  getClusterOverview(cluster: string): Promise<FleetOverviewResponse>;
  /** The fleet's apps by name, with their components and clusters (`GET /apps`). */
  getApps(): Promise<FleetAppSummary[]>;
  /**
   * One entity's deployments: one row per cluster, present or absent.
   * `options.app` names the entity's fleet app (its `flux-fleet.io/app`
   * annotation) so the backend need not read the entity from the catalog.
   */
  getDeployments(
    entityRef: string,
    options?: { app?: string },
  ): Promise<EntityDeploymentsResponse>;
  /**
   * One fleet app's deployments by its name or unit id (`apps/podinfo`),
   * without a catalog entity: one row per cluster, present or absent.
   */
  getAppDeployments(app: string): Promise<EntityDeploymentsResponse>;
  getObjectBody(key: FleetObjectKey): Promise<FleetObjectBody>;
  getObjects(query: FleetObjectsQuery): Promise<FleetObjectBody[]>;
  getDiff(query: FleetDiffQuery): Promise<ClusterDiffResponse>;
  getProblems(query?: FleetProblemsQuery): Promise<FleetProblem[]>;
  /** Asks the backend to read the repository again now. */
  refresh(): Promise<FleetStatusResponse>;
  /** What a promotion would change, without writing anything. */
  previewPromotion(request: PromotionRequest): Promise<PromotionPreview>;
}

/** Reference to the {@link FleetApi}. */
export const fleetApiRef = createApiRef<FleetApi>({ id: 'plugin.fleet.api' });
