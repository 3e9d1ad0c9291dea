/*
 * An entity's deployments per cluster: every cluster of the fleet, present
 * or absent, with what the app puts there and the kustomization entry that
 * lists it (the first hop of its provenance, e.g.
 * `clusters/test/apps/kustomization.yaml:6`).
 */
import type {
  EntityClusterDeployment,
  EntityDeploymentsResponse,
  FleetObjectSummary,
} from '../api';
import type { FleetMatrix, FleetProblem } from '../model';
import { indexFleet } from './fleetIndex';
import { selectApp } from './selectApp';

const WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
]);

/** Options of {@link entityDeployments}. */
export interface EntityDeploymentsOptions {
  entityRef: string;
  /** The `flux-fleet.io/app` annotation, when the entity has one. */
  app?: string | null;
  /** The `backstage.io/kubernetes-id` to match when there is no app (default: the entity name). */
  kubernetesId?: string | null;
  /** Link to a repository file and line, when the repository host is known. */
  sourceUrl?: (file: string, line: number) => string | null;
}

/** The deployments of one entity on every cluster of `matrix`. */
export function entityDeployments(
  matrix: FleetMatrix,
  options: EntityDeploymentsOptions,
): EntityDeploymentsResponse {
  const selection = selectApp(matrix, {
    app: options.app,
    kubernetesId: options.kubernetesId,
  });
  const byCluster = new Map<string, FleetObjectSummary[]>();
  for (const o of selection?.objects ?? []) {
    const list = byCluster.get(o.cluster) ?? [];
    list.push(o);
    byCluster.set(o.cluster, list);
  }
  const index = indexFleet(matrix);
  const clusters = matrix.clusters.map(({ name }) =>
    clusterRow(
      name,
      byCluster.get(name) ?? [],
      selection?.unit?.clusters[name]?.entry,
      index.problemsByCluster.get(name) ?? [],
      options.sourceUrl,
    ),
  );
  return {
    entityRef: options.entityRef,
    app: selection?.app ?? null,
    unit: selection?.unit?.id ?? null,
    revision: matrix.revision,
    clusters,
  };
}

function clusterRow(
  cluster: string,
  objects: FleetObjectSummary[],
  unitEntry: string | undefined,
  clusterProblems: FleetProblem[],
  sourceUrl: EntityDeploymentsOptions['sourceUrl'],
): EntityClusterDeployment {
  if (objects.length === 0) {
    return { cluster, present: false, objects: [], problems: [] };
  }
  const workloads = objects.filter(o => WORKLOADS.has(o.kind));
  const main = workloads[0] ?? objects[0];
  const row: EntityClusterDeployment = {
    cluster,
    present: true,
    entry: unitEntry ?? dirOf(main.source.file),
    namespace: main.namespace,
    objects: objects.map(o =>
      sourceUrl
        ? { ...o, sourceUrl: sourceUrl(o.source.file, o.source.line) }
        : o,
    ),
    problems: problemsOf(objects, clusterProblems),
  };
  const counted = workloads.filter(o => o.replicas !== undefined);
  if (counted.length > 0) {
    row.replicas = counted.reduce((sum, o) => sum + (o.replicas ?? 0), 0);
  }
  const images = [...new Set(workloads.flatMap(o => o.images ?? []))];
  if (images.length > 0) row.images = images;
  const release = objects.find(o => o.chart !== undefined);
  if (release?.chart) row.chart = release.chart;
  if (release?.version) row.version = release.version;
  const stale = objects.find(o => o.stale)?.stale;
  if (stale) row.stale = stale;
  // the outermost kustomization entry: the line that lists the app for this cluster
  const listedAt = main.via[0] ?? main.source;
  row.listedAt = { file: listedAt.file, line: listedAt.line };
  row.listedAtUrl = sourceUrl?.(listedAt.file, listedAt.line) ?? null;
  return row;
}

/** The cluster's problems about a file the app's objects come from or through. */
function problemsOf(
  objects: FleetObjectSummary[],
  clusterProblems: FleetProblem[],
): FleetProblem[] {
  if (clusterProblems.length === 0) return [];
  const files = new Set<string>();
  for (const o of objects) {
    files.add(o.source.file);
    for (const v of o.via) files.add(v.file);
  }
  const stale = objects.map(o => o.stale?.problem).filter(Boolean);
  return clusterProblems.filter(
    p => (p.file !== null && files.has(p.file)) || stale.includes(p),
  );
}

function dirOf(file: string): string {
  return file.split('/').slice(0, -1).join('/');
}
