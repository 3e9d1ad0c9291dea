/*
 * The planned snapshot resolved again, incrementally. A promotion edits one
 * or two files of a fleet that is already resolved, so only the clusters
 * that read an edited file are built again (through the warm BuildCache);
 * every other cluster keeps its objects from the model, by identity, which
 * lets the checks' per-cluster memo and the object comparison skip them.
 * The result equals `resolveFleet(planned)` for every object, unit and
 * check; it mirrors model/resolveFleet step by step without touching the
 * cache's cluster memo, which belongs to the fleet service's own revisions.
 */
import type { PromotionFileChange } from '@flux-fleet/backstage-plugin-fleet-common';
import {
  type BuildCache,
  type ClusterEntry,
  type ClusterResolution,
  DEFAULT_UNIT_PATTERNS,
  findClusters,
  type FleetModel,
  type ModelCluster,
  type ModelObject,
  type ModelUnit,
  type Problem,
  resolveCluster,
  runChecks,
  type Snapshot,
  type SourceRef,
  UnitMatcher,
  type UnitPattern,
} from '../engine';
import { sourceArtifactView } from '../engine/flux/sourceIgnore';
import { unitEntry } from '../engine/model/units';
import type { ResolveScope } from './types';

/** Inputs of {@link resolvePlanned}. */
export interface ResolvePlannedInput {
  /** The snapshot `model` was resolved from. */
  base: Snapshot;
  model: FleetModel;
  /** `base` with `changes` applied. */
  planned: Snapshot;
  changes: PromotionFileChange[];
  cache: BuildCache;
  scope?: ResolveScope;
}

/** The planned model, and the clusters whose resolution differs from the model's. */
export interface PlannedResolution {
  after: FleetModel;
  rebuilt: Set<string>;
}

/**
 * Resolves `planned`, rebuilding only what `changes` can reach: clusters
 * that read a changed file, or every cluster (from the BuildCache, which
 * checks directory listings exactly) when a path was created or deleted. A
 * rebuilt cluster whose objects, Flux Kustomizations and files read come
 * out identical is kept as it was.
 */
export function resolvePlanned(input: ResolvePlannedInput): PlannedResolution {
  const { model, changes, cache, scope = {} } = input;
  // as resolveFleet: Flux reads the repository as source-controller archives it
  const view = sourceArtifactView(input.planned);
  const entries = findClusters(view, scope);
  const before = new Map(
    baseEntries(sourceArtifactView(input.base), scope).map(e => [e.name, e]),
  );
  const changed = new Set(changes.map(c => c.path));
  const pathsChanged = changes.some(c => c.action !== 'update');
  const objectsOf = objectsByCluster(model);
  const matcher = matcherFor(scope.units ?? DEFAULT_UNIT_PATTERNS);
  const rebuilt = new Set<string>();
  const clusters: ModelCluster[] = [];
  const objects: ModelObject[] = [];
  const problems: Problem[] = [];
  for (const entry of entries) {
    const prev = model.clusters.find(c => c.name === entry.name);
    const prevEntry = before.get(entry.name);
    const sameEntry =
      !!prev && !!prevEntry && entryKey(prevEntry) === entryKey(entry);
    const reads = (c: ModelCluster) =>
      [...changed].some(p => c.filesRead.has(p));
    if (prev && sameEntry && !pathsChanged && !reads(prev)) {
      clusters.push(prev);
      objects.push(...(objectsOf.get(prev.name) ?? []));
      continue;
    }
    const resolution = resolveCluster(view, entry, { cache });
    problems.push(...resolution.problems);
    const kept = objectsOf.get(entry.name) ?? [];
    if (prev && sameEntry && sameResolution(prev, kept, resolution)) {
      clusters.push(prev);
      objects.push(...kept);
      continue;
    }
    rebuilt.add(entry.name);
    clusters.push({
      name: entry.name,
      path: entry.path,
      entrypoint: entry.entrypoint,
      kustomizations: resolution.kustomizations,
      filesRead: resolution.filesRead,
    });
    for (const o of resolution.objects)
      objects.push({
        ...o,
        cluster: entry.name,
        unit: matcher.unitOf(o.source.file)?.id ?? null,
      });
  }
  for (const c of model.clusters)
    if (!entries.some(e => e.name === c.name)) rebuilt.add(c.name);
  const after: FleetModel = {
    revision: input.planned.revision,
    clusters,
    objects,
    units: unitsOf(model, objects, rebuilt, matcher),
    problems,
  };
  after.problems.push(...runChecks(view, after));
  return { after, rebuilt };
}

/** The model's units, with the entries of rebuilt clusters taken from their new objects. */
function unitsOf(
  model: FleetModel,
  objects: ModelObject[],
  rebuilt: Set<string>,
  matcher: UnitMatcher,
): ModelUnit[] {
  const units = new Map<string, ModelUnit>();
  for (const u of model.units) {
    const clusters: ModelUnit['clusters'] = {};
    for (const [c, v] of Object.entries(u.clusters))
      if (!rebuilt.has(c)) clusters[c] = v;
    units.set(u.id, { ...u, clusters });
  }
  for (const o of objects) {
    if (!rebuilt.has(o.cluster) || o.unit === null) continue;
    const match = matcher.unitOf(o.source.file)!;
    let unit = units.get(o.unit);
    if (!unit)
      units.set(
        o.unit,
        (unit = {
          id: o.unit,
          kind: match.kind,
          name: match.name,
          clusters: {},
        }),
      );
    unit.clusters[o.cluster] ??= { entry: unitEntry(o.unit, o.source, o.via) };
  }
  return [...units.values()]
    .filter(u => Object.keys(u.clusters).length > 0)
    .sort((a, b) => Number(a.id > b.id) - Number(a.id < b.id));
}

/** True when `resolution` renders exactly the objects (the same ones: builds came from the cache) and reads of `prev`. */
function sameResolution(
  prev: ModelCluster,
  objects: ModelObject[],
  resolution: ClusterResolution,
): boolean {
  if (resolution.objects.length !== objects.length) return false;
  if (resolution.filesRead.size !== prev.filesRead.size) return false;
  for (const f of resolution.filesRead)
    if (!prev.filesRead.has(f)) return false;
  for (let i = 0; i < objects.length; i++) {
    const a = objects[i];
    const b = resolution.objects[i];
    if (
      a.object !== b.object ||
      a.fluxKustomization !== b.fluxKustomization ||
      !sameRefs(a.via, b.via) ||
      !sameRefs([a.source], [b.source])
    )
      return false;
  }
  return (
    JSON.stringify(prev.kustomizations) ===
    JSON.stringify(resolution.kustomizations)
  );
}

function sameRefs(a: SourceRef[], b: SourceRef[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.file === b[i].file && r.line === b[i].line)
  );
}

function entryKey(e: ClusterEntry): string {
  return JSON.stringify([
    e.path,
    e.entrypoint,
    e.rootKustomization,
    e.rootSource,
    e.rootObject,
    e.problems,
  ]);
}

// the base snapshot's clusters, found once per snapshot and scope (previews of one revision share them)
const entriesMemo = new WeakMap<Snapshot, Map<string, ClusterEntry[]>>();
function baseEntries(view: Snapshot, scope: ResolveScope): ClusterEntry[] {
  let byScope = entriesMemo.get(view);
  if (!byScope) entriesMemo.set(view, (byScope = new Map()));
  const key = JSON.stringify([scope.clustersDir, scope.clusters]);
  let entries = byScope.get(key);
  if (!entries) byScope.set(key, (entries = findClusters(view, scope)));
  return entries;
}

const groups = new WeakMap<FleetModel, Map<string, ModelObject[]>>();
function objectsByCluster(model: FleetModel): Map<string, ModelObject[]> {
  let out = groups.get(model);
  if (!out) {
    out = new Map();
    for (const o of model.objects) {
      let list = out.get(o.cluster);
      if (!list) out.set(o.cluster, (list = []));
      list.push(o);
    }
    groups.set(model, out);
  }
  return out;
}

const matchers = new WeakMap<UnitPattern[], UnitMatcher>();
function matcherFor(patterns: UnitPattern[]): UnitMatcher {
  let m = matchers.get(patterns);
  if (!m) matchers.set(patterns, (m = new UnitMatcher(patterns)));
  return m;
}
