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

function emptyIndex(matrix: FleetMatrix): FleetIndex {
  const index: FleetIndex = {
    units: new Map(matrix.units.map(u => [u.id, u])),
    byUnit: new Map(),
    byCluster: new Map(),
    helmReleases: new Map(),
    byFluxKustomization: new Map(),
    byKubernetesId: new Map(),
    problemsByCluster: new Map(),
  };
  for (const p of matrix.problems) {
    push(index.problemsByCluster, p.cluster ?? '', p);
  }
  return index;
}

function add(index: FleetIndex, o: FleetObjectSummary) {
  if (o.unit) push(index.byUnit, o.unit, o);
  push(index.byCluster, o.cluster, o);
  if (o.kind === 'HelmRelease') push(index.helmReleases, o.name, o);
  // `<namespace>/<name>`: apps are named by the Kustomization's name
  const ks = o.fluxKustomization.slice(o.fluxKustomization.indexOf('/') + 1);
  push(index.byFluxKustomization, ks, o);
  if (o.kubernetesId) push(index.byKubernetesId, o.kubernetesId, o);
}

/** The {@link FleetIndex} of `matrix`, built once per objects array. */
export function indexFleet(matrix: FleetMatrix): FleetIndex {
  const cached = cache.get(matrix.objects);
  if (cached) return cached;
  const index = emptyIndex(matrix);
  for (const o of matrix.objects as FleetObjectSummary[]) add(index, o);
  cache.set(matrix.objects, index);
  return index;
}

const building = new WeakMap<object, Promise<FleetIndex>>();

/** Objects indexed between two yields of {@link prepareFleetIndex}. */
export const INDEX_SLICE = 500;

/**
 * Builds the {@link FleetIndex} of `matrix` in slices of
 * {@link INDEX_SLICE} objects, yielding to the event loop between them, and
 * leaves it where {@link indexFleet} finds it. A server calls this when a new
 * matrix arrives, so that no request pays for a pass over a large fleet in
 * one synchronous task. Concurrent callers share one build.
 */
export function prepareFleetIndex(matrix: FleetMatrix): Promise<FleetIndex> {
  const cached = cache.get(matrix.objects);
  if (cached) return Promise.resolve(cached);
  let pending = building.get(matrix.objects);
  if (!pending) {
    pending = (async () => {
      const index = emptyIndex(matrix);
      const objects = matrix.objects as FleetObjectSummary[];
      for (let i = 0; i < objects.length; i += INDEX_SLICE) {
        // setTimeout, not setImmediate: this package runs in browsers too
        if (i > 0) await new Promise(r => setTimeout(r, 0));
        if (cache.has(matrix.objects)) return cache.get(matrix.objects)!;
        const end = Math.min(objects.length, i + INDEX_SLICE);
        for (let j = i; j < end; j++) add(index, objects[j]);
      }
      cache.set(matrix.objects, index);
      return index;
    })();
    building.set(matrix.objects, pending);
  }
  return pending;
}
