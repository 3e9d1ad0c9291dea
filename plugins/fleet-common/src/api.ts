/*
 * The wire contract of the fleet REST API (`/api/fleet`): one definition of
 * every response, read by the backend that writes it and the frontend client
 * that reads it. Fields may be added; none is renamed or removed.
 *
 * Routes (all authenticated; `fleet.read` unless said otherwise, and every
 * answer restricted to the clusters `fleet.cluster.read` allows the caller;
 * JSON answers carry a weak ETag, answer 304 to If-None-Match and come
 * gzip- or brotli-encoded when the client accepts it):
 *   GET  /health                                   → { status: 'ok' } (unauthenticated)
 *   GET  /status                                   → FleetStatusResponse
 *   GET  /matrix                                   → FleetMatrix (the whole fleet; large)
 *   GET  /clusters                                 → { items: FleetClusterSummary[] }
 *   GET  /clusters/:name                           → FleetClusterDetail
 *   GET  /units                                    → { items: FleetUnit[] }
 *   GET  /overview                                 → FleetOverviewResponse (what runs where, by unit)
 *   GET  /clusters/:name/overview                  → FleetOverviewResponse (one cluster's column only)
 *   GET  /apps                                     → FleetAppsResponse (the fleet's apps, their components and clusters)
 *   GET  /deployments?entityRef=<ref>              → EntityDeploymentsResponse
 *   GET  /objects/body?cluster&apiVersion&kind&namespace&name → FleetObjectBody (Secrets redacted)
 *   GET  /objects?cluster&unit|entityRef           → { items: FleetObjectBody[] } (Secrets redacted)
 *   GET  /diff?from=<cluster>&to=<cluster>[&unit|&entityRef] → ClusterDiffResponse
 *   GET  /problems?cluster&severity&entityRef      → { items: FleetProblem[] }
 *   GET  /helmreleases?cluster&[namespace]&name    → HelmReleaseDetailResponse (Secret values redacted)
 *   POST /refresh                                  → FleetStatusResponse   (fleet.refresh)
 *   POST /promotions/preview  body PromotionRequest → PromotionPreview     (fleet.promotion.create)
 */
import type {
  FleetCluster,
  FleetObject,
  FleetProblem,
  FleetSourceRef,
  FleetUnitKind,
} from './model';

/** What the service is doing now. */
export type FleetRefreshPhase = 'idle' | 'reading' | 'resolving';

/** Why the catalog module did not apply a model (its removal guard). */
export interface FleetCatalogGuardRefusal {
  /** The entity provider that refused, e.g. `fleet-provider:default`. */
  provider: string;
  /** The revision of the refused model. */
  revision: string | null;
  /** The reason, e.g. `the model at <sha> would remove 14 of 17 entities, more than fleet.catalog.maxRemovalShare (0.5)`. */
  reason: string;
  /** When it was refused (ISO 8601). */
  at: string;
}

/** `GET /status`. */
export interface FleetStatusResponse {
  /** Commit SHA (or ETag for URL sources) of the model served, null for a plain directory. */
  revision: string | null;
  /** When the served model was resolved (ISO 8601), null before the first. */
  refreshedAt: string | null;
  /** How long reading and resolving the served model took, in milliseconds. */
  durationMs: number | null;
  phase: FleetRefreshPhase;
  /** The revision being resolved now, when phase is not idle. */
  resolvingRevision?: string | null;
  clusters: number;
  objects: number;
  /** Objects kept from an earlier revision because their Flux Kustomization no longer builds. */
  staleObjects: number;
  problems: { error: number; warning: number };
  /** The failure of the latest refresh, when it failed and an older model is served. */
  lastError: { message: string; at: string } | null;
  /**
   * The catalog removal guard's refusal of the latest model, while it holds
   * (the catalog keeps the entities applied last); null when the catalog
   * applied the latest model or no catalog module runs.
   */
  catalogGuard?: FleetCatalogGuardRefusal | null;
  /** Source description, e.g. `git:/data/fleet@main` or `url:https://github.com/o/r/tree/main`. */
  source?: string;
  /** Link to the repository host's page of the served revision, when one is known. */
  repositoryUrl?: string | null;
}

/** Where a rendered object was kept from, when its Flux Kustomization fails to build now. */
export interface FleetStaleInfo {
  /** The revision whose build these objects come from. */
  since: string | null;
  /** The problem that stops the Flux Kustomization from building now. */
  problem: FleetProblem;
}

/** `FleetObject` as served by the API: with repository links and stale state. */
export interface FleetObjectSummary extends FleetObject {
  /** Present when the object is kept from an earlier revision. */
  stale?: FleetStaleInfo;
  /** Link to `source` on the repository host, when one is known. */
  sourceUrl?: string | null;
  /** True for Secrets whose values are SOPS ciphertext. */
  encrypted?: boolean;
  /** Kyverno policies: `Audit` or `Enforce` (from `validationFailureAction` / `failureAction`). */
  policyStage?: 'Audit' | 'Enforce';
  /** The `backstage.io/kubernetes-id` label of the object or its pod template, when set. */
  kubernetesId?: string;
}

/** `GET /clusters` items. */
export interface FleetClusterSummary extends FleetCluster {
  objects: number;
  problems: number;
  /** Link to the cluster's directory on the repository host, when one is known. */
  url?: string | null;
}

/** `GET /clusters/:name`. */
export interface FleetClusterDetail extends FleetClusterSummary {
  items: FleetObjectSummary[];
  problemItems: FleetProblem[];
}

/** One cell of what-runs-where: a unit on a cluster. */
export interface FleetUnitPlacement {
  /** The directory the cluster's tree enters the unit by (`apps/podinfo/overlays/dev`). */
  entry: string;
  objects: number;
  replicas?: number;
  images?: string[];
  chart?: string;
  version?: string;
  /** Policy stage on this cluster (Kyverno `validationFailureAction`). */
  policyStage?: 'Audit' | 'Enforce';
  stale?: boolean;
  problems: number;
  /** The kustomization entry that brings the unit to the cluster (outermost). */
  via?: FleetSourceRef;
}

/** A row of the overview: a unit and where it runs. */
export interface FleetOverviewRow {
  id: string;
  kind: FleetUnitKind;
  name: string;
  /**
   * Catalog entity refs (`component:default/podinfo`) of the components
   * linked to this row: by their `flux-fleet.io/app` annotation, else by the
   * `backstage.io/kubernetes-id` label on the row's workloads (as
   * `selectApp`). Read from the catalog at most every 30 s; empty when the
   * backend has no catalog or no component is linked.
   */
  entityRefs: string[];
  /** True for Flux's own bootstrap objects (`clusters/<c>/flux-system`). */
  bootstrap: boolean;
  clusters: Record<string, FleetUnitPlacement>;
}

/** `GET /overview`: what runs where, one row per unit. */
export interface FleetOverviewResponse {
  revision: string | null;
  refreshedAt: string | null;
  clusters: FleetClusterSummary[];
  rows: FleetOverviewRow[];
  problems: FleetProblem[];
}

/** One fleet app of `GET /apps`: a unit of kind `app`, as the app picker lists it. */
export interface FleetAppSummary {
  /** The unit id, e.g. `apps/podinfo`. */
  id: string;
  /** The app name, e.g. `podinfo`: what the promotion template takes. */
  name: string;
  /** Catalog entity refs of the components linked to the app (as {@link FleetOverviewRow}). */
  entityRefs: string[];
  /** The clusters that run the app, sorted. */
  clusters: string[];
}

/** `GET /apps`: every app of the fleet, by name; no object, no placement detail. */
export interface FleetAppsResponse {
  revision: string | null;
  items: FleetAppSummary[];
}

/** One cluster's row of an entity's deployments. */
export interface EntityClusterDeployment {
  cluster: string;
  /** False when the app does not run on this cluster (a promotion target). */
  present: boolean;
  /** The directory the cluster enters the app by: `apps/podinfo/base`, `apps/podinfo/overlays/prod`. */
  entry?: string;
  namespace?: string | null;
  replicas?: number;
  images?: string[];
  chart?: string;
  version?: string;
  stale?: FleetStaleInfo;
  /** The kustomization entry that lists the app for this cluster (file and line). */
  listedAt?: FleetSourceRef;
  listedAtUrl?: string | null;
  objects: FleetObjectSummary[];
  problems: FleetProblem[];
}

/** `GET /deployments?entityRef=…`. */
export interface EntityDeploymentsResponse {
  entityRef: string;
  /** The fleet app (unit name) the entity is linked to, null when none is. */
  app: string | null;
  unit: string | null;
  revision: string | null;
  /** One row per cluster of the fleet, present or absent. */
  clusters: EntityClusterDeployment[];
}

/** `GET /objects/body`: one rendered object, Secret values redacted. */
export interface FleetObjectBody extends FleetObjectSummary {
  /** The rendered object; Secret `data`/`stringData` values replaced by `<redacted>`. */
  body: Record<string, unknown>;
  /** The same, as YAML. */
  yaml: string;
}

/** One `valuesFrom` entry of a HelmRelease and whether Git holds it. */
export interface HelmValuesSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  valuesKey: string;
  targetPath?: string;
  optional: boolean;
  /** `found` when the object and key are in the cluster's tree; otherwise its values are unknown here. */
  status: 'found' | 'missing-object' | 'missing-key' | 'invalid';
}

/**
 * `GET /helmreleases?cluster&namespace&name`: what a HelmRelease installs
 * on one cluster as far as Git says, without rendering the chart.
 */
export interface HelmReleaseDetailResponse {
  cluster: string;
  namespace: string;
  name: string;
  /** Where the HelmRelease is defined, and its link when the host is known. */
  source: FleetSourceRef;
  sourceUrl: string | null;
  chart: string | null;
  /** The chart version, or null when neither the HelmRelease nor an OCIRepository in Git pins one. */
  version: string | null;
  versionFrom:
    | 'chart'
    | 'ocirepository-tag'
    | 'ocirepository-semver'
    | 'ocirepository-digest'
    | null;
  /**
   * The effective values, merged as helm-controller does (each `valuesFrom`
   * in order, then the inline `values`); every value that came from a Secret
   * is `<redacted>` (its keys show).
   */
  values: Record<string, unknown>;
  valuesFrom: HelmValuesSource[];
  /** `spec.postRenderers` as declared. */
  postRenderers: unknown[];
  /** Always false: charts are modelled, not rendered (no Helm binary). */
  rendered: false;
}

/** How an object differs between two clusters. */
export type FleetDiffChange = 'added' | 'removed' | 'changed' | 'unchanged';

/** One object of a cluster-to-cluster diff. */
export interface FleetDiffEntry {
  change: FleetDiffChange;
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
  unit: string | null;
  /** Redacted YAML on each side (absent where the object is absent). */
  fromYaml?: string;
  toYaml?: string;
}

/** `GET /diff?from&to`: `added` = only in `to`, `removed` = only in `from`. */
export interface ClusterDiffResponse {
  from: string;
  to: string;
  unit: string | null;
  entries: FleetDiffEntry[];
  /** Units present on `from` and absent on `to`: promotion candidates. */
  onlyInFrom: string[];
  onlyInTo: string[];
}

/** Promotion strategies (see the seed's Promotion Workflow). */
export type PromotionStrategy = 'reference' | 'overlay' | 'common';

/** `POST /promotions/preview` body, and the scaffolder action's input. */
export interface PromotionRequest {
  /** Fleet app name (`foo-app`) or unit id (`apps/foo-app`, `infrastructure/namespaces/foo`). */
  app: string;
  /** Target clusters. */
  to: string[];
  /** Source cluster; default: a cluster that runs the app (test first). */
  from?: string;
  strategy?: PromotionStrategy;
  /** Remove the app from `to` instead of adding it. */
  remove?: boolean;
  /** For policies: also move Audit to Enforce. */
  enforce?: boolean;
}

/** A file the promotion writes. */
export interface PromotionFileChange {
  path: string;
  action: 'create' | 'update' | 'delete';
  /** Content before (absent for create) and after (absent for delete). */
  before?: string;
  after?: string;
}

/** What one target cluster gains, changes and loses. */
export interface PromotionClusterChange {
  cluster: string;
  added: FleetObjectRefSummary[];
  changed: FleetObjectRefSummary[];
  removed: FleetObjectRefSummary[];
}

/** An object named in a promotion summary. */
export interface FleetObjectRefSummary {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** `POST /promotions/preview` response, and the planner's result. */
export interface PromotionPreview {
  request: PromotionRequest;
  /** The strategy used and why it was chosen. */
  strategy: PromotionStrategy;
  strategyReason: string;
  files: PromotionFileChange[];
  /** Unified diff of every file change. */
  diff: string;
  clusters: PromotionClusterChange[];
  /** Dependencies carried along (e.g. `namespace foo`). */
  carried: string[];
  warnings: string[];
  /** When set, the promotion cannot be done safely; nothing is written. */
  refused?: string;
  title: string;
  body: string;
}
