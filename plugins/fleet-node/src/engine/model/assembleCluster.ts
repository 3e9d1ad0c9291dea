/*
 * One cluster's part of the model (its objects tagged with cluster and unit,
 * and the units it enters), remembered per cluster resolution: a warm
 * re-resolve reuses the resolutions of unchanged clusters (ClusterMemo), and
 * with this their model objects too, instead of matching every object to its
 * unit again.
 */
import type { RepoPath } from '../core/types';
import type { ClusterResolution } from '../flux/resolveCluster';
import type { ModelObject } from './types';
import { type UnitMatch, type UnitMatcher, unitEntry } from './units';

/** A cluster's objects and, per unit it enters, the directory it enters by. */
export interface AssembledCluster {
  objects: ModelObject[];
  /** Each unit once, in the order its first object appears. */
  units: { match: UnitMatch; entry: RepoPath }[];
}

const assembled = new WeakMap<
  ClusterResolution,
  { cluster: string; matcher: UnitMatcher; result: AssembledCluster }
>();

/**
 * The model objects and unit entries of `resolution` as cluster `cluster`,
 * with units from `matcher`. Shared, not copied: the model is read-only.
 */
export function assembleCluster(
  cluster: string,
  resolution: ClusterResolution,
  matcher: UnitMatcher,
): AssembledCluster {
  const hit = assembled.get(resolution);
  if (hit && hit.cluster === cluster && hit.matcher === matcher)
    return hit.result;
  const result: AssembledCluster = { objects: [], units: [] };
  const seen = new Set<string>();
  for (const o of resolution.objects) {
    const match = matcher.unitOf(o.source.file);
    result.objects.push({ ...o, cluster, unit: match?.id ?? null });
    if (!match || seen.has(match.id)) continue;
    seen.add(match.id);
    result.units.push({ match, entry: unitEntry(match.id, o.source, o.via) });
  }
  assembled.set(resolution, { cluster, matcher, result });
  return result;
}
