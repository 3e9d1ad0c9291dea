import type {
  FleetOverviewRow,
  FleetUnitKind,
  FleetUnitPlacement,
} from '@flux-fleet/backstage-plugin-fleet-common';

/** What the overview shows: every field narrows the rows. */
export interface OverviewFilter {
  /** Case-insensitive text in the unit id, name or a linked entity ref. */
  search: string;
  /** Empty: every kind. */
  kinds: FleetUnitKind[];
  /** Only units placed on this cluster, when set. */
  cluster: string | null;
  /** Only units whose linked components this owner owns (entity ref), when set. */
  owner: string | null;
  /** Flux's own bootstrap objects (`clusters/<c>/flux-system`), hidden by default. */
  showBootstrap: boolean;
}

/** The default filter: everything but the bootstrap rows. */
export const defaultFilter: OverviewFilter = {
  search: '',
  kinds: [],
  cluster: null,
  owner: null,
  showBootstrap: false,
};

/** Kinds in the order the overview groups them, with their headings. */
export const kindOrder: { kind: FleetUnitKind; title: string }[] = [
  { kind: 'app', title: 'Apps' },
  { kind: 'namespace-set', title: 'Namespaces' },
  { kind: 'controller', title: 'Controllers' },
  { kind: 'policy-set', title: 'Policies' },
  { kind: 'other', title: 'Other' },
];

/** A line of the virtualized matrix: a group heading or a unit. */
export type OverviewItem =
  | { type: 'group'; kind: FleetUnitKind; title: string; count: number }
  | { type: 'row'; row: FleetOverviewRow };

/**
 * Filters the rows and lays them out as one flat list, grouped by kind in
 * {@link kindOrder}, sorted by name inside a group; a flat list is what a
 * virtualized list renders.
 */
export function overviewItems(
  rows: FleetOverviewRow[],
  filter: OverviewFilter,
  owners: Map<string, string> = new Map(),
): OverviewItem[] {
  const search = filter.search.trim().toLowerCase();
  const kept = rows.filter(row => {
    if (row.bootstrap && !filter.showBootstrap) return false;
    if (filter.kinds.length > 0 && !filter.kinds.includes(row.kind))
      return false;
    if (filter.cluster && !row.clusters[filter.cluster]) return false;
    if (
      filter.owner &&
      !row.entityRefs.some(ref => owners.get(ref) === filter.owner)
    )
      return false;
    if (!search) return true;
    return (
      row.id.toLowerCase().includes(search) ||
      row.name.toLowerCase().includes(search) ||
      row.entityRefs.some(ref => ref.toLowerCase().includes(search))
    );
  });
  const items: OverviewItem[] = [];
  for (const { kind, title } of kindOrder) {
    const group = kept
      .filter(row => row.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    if (group.length === 0) continue;
    items.push({ type: 'group', kind, title, count: group.length });
    for (const row of group) items.push({ type: 'row', row });
  }
  return items;
}

/** What a cell says about a unit on a cluster: version first, then scale. */
export function cellSummary(placement: FleetUnitPlacement): string {
  const parts: string[] = [];
  if (placement.policyStage) parts.push(placement.policyStage);
  if (placement.chart)
    parts.push(`${placement.chart} ${placement.version ?? ''}`.trim());
  const tags = [...new Set((placement.images ?? []).map(tagOf))];
  if (tags.length > 0)
    parts.push(
      tags.slice(0, 2).join(', ') +
        (tags.length > 2 ? ` +${tags.length - 2}` : ''),
    );
  if (placement.replicas !== undefined) parts.push(`×${placement.replicas}`);
  if (parts.length === 0)
    parts.push(
      `${placement.objects} ${placement.objects === 1 ? 'object' : 'objects'}`,
    );
  return parts.join(' · ');
}

function tagOf(image: string): string {
  const name = image.split('@')[0].slice(image.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : 'latest';
}
