/*
 * The readable `fleet matrix`: one row per unit (and per kind of object that
 * belongs to no unit), one column per cluster.
 */
import type {
  FleetMatrix,
  FleetObject,
} from '@flux-fleet/backstage-plugin-fleet-common';

/**
 * Formats `matrix` as a fixed-width table. A unit's cell is the directory the
 * cluster enters it by (relative to the unit) followed by the replicas of its
 * workloads; `-` where the cluster does not have it. Rows for objects outside
 * every unit count them per kind.
 */
export function formatMatrixTable(matrix: FleetMatrix): string {
  const clusters = matrix.clusters.map(c => c.name);
  const rows: string[][] = [['UNIT', 'KIND', ...clusters]];
  const byUnitCluster = new Map<string, FleetObject[]>();
  for (const o of matrix.objects) {
    const key = `${o.unit ?? ''}\0${o.cluster}`;
    const list = byUnitCluster.get(key);
    if (list) list.push(o);
    else byUnitCluster.set(key, [o]);
  }
  for (const unit of matrix.units) {
    rows.push([
      unit.id,
      unit.kind,
      ...clusters.map(c => {
        const entry = unit.clusters[c]?.entry;
        if (entry === undefined) return '-';
        let rel = entry;
        if (entry === unit.id) rel = '.';
        else if (entry.startsWith(`${unit.id}/`))
          rel = entry.slice(unit.id.length + 1);
        const replicas = (byUnitCluster.get(`${unit.id}\0${c}`) ?? [])
          .filter(o => o.replicas !== undefined)
          .map(o => `${o.name}=${o.replicas}`);
        return replicas.length ? `${rel} (${replicas.join(',')})` : rel;
      }),
    ]);
  }
  const kinds = [
    ...new Set(matrix.objects.filter(o => o.unit === null).map(o => o.kind)),
  ].sort();
  for (const kind of kinds) {
    rows.push([
      '(no unit)',
      kind,
      ...clusters.map(c => {
        const n = matrix.objects.filter(
          o => o.unit === null && o.kind === kind && o.cluster === c,
        ).length;
        return n === 0 ? '-' : String(n);
      }),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const lines = rows.map(r =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  '),
  );
  const errors = matrix.problems.filter(p => p.severity === 'error').length;
  const warnings = matrix.problems.length - errors;
  lines.push(
    '',
    `revision ${
      matrix.revision ?? '(none)'
    }; ${errors} error(s), ${warnings} warning(s)${
      matrix.problems.length ? ' (fleet check lists them)' : ''
    }`,
  );
  return `${lines.join('\n')}\n`;
}
