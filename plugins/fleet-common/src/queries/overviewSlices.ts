/*
 * Answers of their views' size, cut from the fleet rather than from the
 * whole overview: one cluster's column for the cluster card, and the app
 * list for the promotion template's app picker. At 500 apps × 20 clusters
 * the overview is megabytes; these are a twentieth of it and a list of
 * names.
 */
import type { FleetAppSummary, FleetOverviewResponse } from '../api';
import type { FleetMatrix } from '../model';
import { fleetOverview, type FleetOverviewOptions } from './fleetOverview';
import { restrictMatrix } from './restrictMatrix';

/**
 * The overview of one cluster: the rows that have a cell on `cluster`, each
 * with that cell only, that cluster's summary and its problems (and the
 * problems of no cluster). The rows and cells are those of
 * {@link fleetOverview} on the whole fleet, restricted as `fleet.cluster.read`
 * restricts a matrix. `cluster` must be a cluster of `matrix`.
 */
export function clusterOverview(
  matrix: FleetMatrix,
  cluster: string,
  options: FleetOverviewOptions = {},
): FleetOverviewResponse {
  return fleetOverview(restrictMatrix(matrix, new Set([cluster])), options);
}

/**
 * The fleet's apps (units of kind `app`) sorted by name, with the clusters
 * that run each and the components linked to it (`entityRefs`, by unit id).
 */
export function fleetApps(
  matrix: FleetMatrix,
  entityRefs: (unitId: string, unitName: string) => string[] = () => [],
): FleetAppSummary[] {
  return matrix.units
    .filter(u => u.kind === 'app')
    .map(u => ({
      id: u.id,
      name: u.name,
      entityRefs: entityRefs(u.id, u.name),
      clusters: Object.keys(u.clusters).sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
