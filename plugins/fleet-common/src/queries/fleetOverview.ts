/*
 * What runs where: one row per unit (objects outside every unit are grouped
 * by their directory), one cell per cluster that receives it. Flux's own
 * bootstrap objects (`clusters/<c>/flux-system`) are flagged so a view can
 * fold them away.
 */
import type {
  FleetClusterSummary,
  FleetObjectSummary,
  FleetOverviewResponse,
  FleetOverviewRow,
  FleetUnitPlacement,
} from '../api';
import type { FleetMatrix, FleetUnitKind } from '../model';
import { indexFleet } from './fleetIndex';

/** Options of {@link fleetOverview}. */
export interface FleetOverviewOptions {
  refreshedAt?: string | null;
  /** Catalog entity refs linked to a unit, by unit id. */
  entityRefs?: (unitId: string, unitName: string) => string[];
  /** Link to a cluster's directory on the repository host. */
  clusterUrl?: (path: string) => string | null;
}

/** Every cluster with its object and problem counts. */
export function clusterSummaries(
  matrix: FleetMatrix,
  clusterUrl?: (path: string) => string | null,
): FleetClusterSummary[] {
  const index = indexFleet(matrix);
  return matrix.clusters.map(c => ({
    ...c,
    objects: index.byCluster.get(c.name)?.length ?? 0,
    problems: index.problemsByCluster.get(c.name)?.length ?? 0,
    ...(clusterUrl ? { url: clusterUrl(c.path) } : {}),
  }));
}

/** The what-runs-where view of `matrix`. */
export function fleetOverview(
  matrix: FleetMatrix,
  options: FleetOverviewOptions = {},
): FleetOverviewResponse {
  const index = indexFleet(matrix);
  const groups = new Map<string, FleetObjectSummary[]>();
  for (const o of matrix.objects as FleetObjectSummary[]) {
    const id = o.unit ?? dirOf(o.source.file);
    const list = groups.get(id);
    if (list) list.push(o);
    else groups.set(id, [o]);
  }
  const rows: FleetOverviewRow[] = [];
  for (const [id, objects] of groups) {
    const unit = index.units.get(id);
    const kind: FleetUnitKind = unit?.kind ?? 'other';
    const name = unit?.name ?? id.split('/').pop() ?? id;
    const clusters: Record<string, FleetUnitPlacement> = {};
    for (const cluster of new Set(objects.map(o => o.cluster))) {
      const here = objects.filter(o => o.cluster === cluster);
      clusters[cluster] = placement(
        here,
        unit?.clusters[cluster]?.entry ?? id,
        index.problemsByCluster.get(cluster) ?? [],
      );
    }
    rows.push({
      id,
      kind,
      name,
      entityRefs: options.entityRefs?.(id, name) ?? [],
      bootstrap: /^clusters\/[^/]+\/flux-system(\/|$)/.test(id),
      clusters,
    });
  }
  rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  return {
    revision: matrix.revision,
    refreshedAt: options.refreshedAt ?? null,
    clusters: clusterSummaries(matrix, options.clusterUrl),
    rows,
    problems: matrix.problems,
  };
}

function placement(
  objects: FleetObjectSummary[],
  entry: string,
  clusterProblems: FleetMatrix['problems'],
): FleetUnitPlacement {
  const files = new Set(
    objects.flatMap(o => [o.source.file, ...o.via.map(v => v.file)]),
  );
  const cell: FleetUnitPlacement = {
    entry,
    objects: objects.length,
    problems: clusterProblems.filter(p => p.file !== null && files.has(p.file))
      .length,
  };
  const counted = objects.filter(o => o.replicas !== undefined);
  if (counted.length > 0) {
    cell.replicas = counted.reduce((sum, o) => sum + (o.replicas ?? 0), 0);
  }
  const images = [...new Set(objects.flatMap(o => o.images ?? []))];
  if (images.length > 0) cell.images = images;
  const release = objects.find(o => o.chart !== undefined);
  if (release?.chart) cell.chart = release.chart;
  if (release?.version) cell.version = release.version;
  const stages = objects.map(o => o.policyStage).filter(Boolean);
  if (stages.length > 0) {
    // a set is only enforcing when every policy in it is
    cell.policyStage = stages.every(s => s === 'Enforce') ? 'Enforce' : 'Audit';
  }
  if (objects.some(o => o.stale)) cell.stale = true;
  const via = objects.find(o => o.via.length > 0)?.via[0];
  if (via) cell.via = { file: via.file, line: via.line };
  return cell;
}

function dirOf(file: string): string {
  return file.split('/').slice(0, -1).join('/');
}
