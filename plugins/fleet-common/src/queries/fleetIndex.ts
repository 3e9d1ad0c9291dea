/*
 * One pass over a matrix's objects, grouped the ways the read queries look
 * them up, so that one entity's deployments cost the objects of its app and
 * not the whole fleet. Memoized per objects array: a matrix is read-only
 * once served, and a new model brings a new array.
 */
import type { FleetObjectSummary } from '../api';
import type { FleetMatrix, FleetUnit } from '../model';

/** The objects of a matrix grouped for lookups. */
export interface FleetIndex {
  units: Map<string, FleetUnit>;
  byUnit: Map<string, FleetObjectSummary[]>;
  byCluster: Map<string, FleetObjectSummary[]>;
  /** HelmReleases by `metadata.name`. */
  helmReleases: Map<string, FleetObjectSummary[]>;
  /** Objects by the name of the Flux Kustomization that applies them. */
  byFluxKustomization: Map<string, FleetObjectSummary[]>;
  /** Objects by their `backstage.io/kubernetes-id` label. */
  byKubernetesId: Map<string, FleetObjectSummary[]>;
  /** Problems by cluster (`''` for problems of no cluster). */
  problemsByCluster: Map<string, FleetMatrix['problems']>;
}

const cache = new WeakMap<object, FleetIndex>();

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The {@link FleetIndex} of `matrix`, built once per objects array. */
export function indexFleet(matrix: FleetMatrix): FleetIndex {
  const cached = cache.get(matrix.objects);
  if (cached) return cached;
  const index: FleetIndex = {
    units: new Map(matrix.units.map(u => [u.id, u])),
    byUnit: new Map(),
    byCluster: new Map(),
    helmReleases: new Map(),
    byFluxKustomization: new Map(),
    byKubernetesId: new Map(),
    problemsByCluster: new Map(),
  };
  for (const o of matrix.objects as FleetObjectSummary[]) {
    if (o.unit) push(index.byUnit, o.unit, o);
    push(index.byCluster, o.cluster, o);
    if (o.kind === 'HelmRelease') push(index.helmReleases, o.name, o);
    // `<namespace>/<name>`: apps are named by the Kustomization's name
    const ks = o.fluxKustomization.slice(o.fluxKustomization.indexOf('/') + 1);
    push(index.byFluxKustomization, ks, o);
    if (o.kubernetesId) push(index.byKubernetesId, o.kubernetesId, o);
  }
  for (const p of matrix.problems) {
    push(index.problemsByCluster, p.cluster ?? '', p);
  }
  cache.set(matrix.objects, index);
  return index;
}
