import type { FleetMatrix } from '@flux-fleet/backstage-plugin-fleet-common';

/** One row of the what-runs-where table: a unit and what it puts on each cluster. */
export interface WhatRunsWhereRow {
  id: string;
  kind: string;
  /** Per cluster: object count and, when the unit has workloads, their summed replicas. */
  cells: Record<string, { objects: number; replicas?: number; entry?: string }>;
}

/**
 * Groups the matrix's objects by unit (objects without a unit are grouped by
 * their directory) and counts them per cluster.
 */
export function whatRunsWhere(matrix: FleetMatrix): WhatRunsWhereRow[] {
  const rows = new Map<string, WhatRunsWhereRow>();
  const kinds = new Map(matrix.units.map(u => [u.id, u.kind]));
  for (const o of matrix.objects) {
    const id = o.unit ?? o.source.file.split('/').slice(0, -1).join('/');
    const row = rows.get(id) ?? { id, kind: kinds.get(id) ?? 'other', cells: {} };
    const cell = row.cells[o.cluster] ?? { objects: 0 };
    cell.objects += 1;
    if (o.replicas !== undefined) cell.replicas = (cell.replicas ?? 0) + o.replicas;
    row.cells[o.cluster] = cell;
    rows.set(id, row);
  }
  for (const u of matrix.units) {
    const row = rows.get(u.id);
    for (const [cluster, { entry }] of Object.entries(u.clusters)) {
      if (row?.cells[cluster]) row.cells[cluster].entry = entry;
    }
  }
  return [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
}
