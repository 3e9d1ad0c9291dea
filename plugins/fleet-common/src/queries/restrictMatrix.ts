/*
 * The part of a matrix one caller may read: only the clusters the
 * `fleet.cluster.read` permission allows. Every answer of the API is
 * computed from the restricted matrix, so a denied cluster appears nowhere
 * (not in a unit's placements, not in an object, not in a problem).
 */
import type { FleetMatrix } from '../model';

/**
 * `matrix` without the clusters outside `allowed`. Problems that concern
 * no cluster (a file no cluster reads) stay. Returns `matrix` itself when
 * every cluster is allowed, so the unrestricted answers stay shared.
 */
export function restrictMatrix(
  matrix: FleetMatrix,
  allowed: ReadonlySet<string>,
): FleetMatrix {
  if (matrix.clusters.every(c => allowed.has(c.name))) return matrix;
  return {
    revision: matrix.revision,
    clusters: matrix.clusters.filter(c => allowed.has(c.name)),
    objects: matrix.objects.filter(o => allowed.has(o.cluster)),
    units: matrix.units.map(u => ({
      ...u,
      clusters: Object.fromEntries(
        Object.entries(u.clusters).filter(([c]) => allowed.has(c)),
      ),
    })),
    problems: matrix.problems.filter(
      p => p.cluster === null || allowed.has(p.cluster),
    ),
  };
}
