/*
 * Flux's behaviour when a Kustomization stops building: kustomize-controller
 * applies nothing for it and the cluster keeps the objects of its last
 * successful reconciliation (its inventory). The keeper models that across
 * revisions: the objects a Flux Kustomization rendered at the last revision
 * where it built are kept, marked stale, instead of being dropped.
 */
import type { FleetStaleInfo } from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetModel, ModelObject, ModelUnit, Problem } from '../../engine';

/** A model object, possibly kept from an earlier revision. */
export type KeptModelObject = ModelObject & { stale?: FleetStaleInfo };

/** A model whose objects may be kept from earlier revisions. */
export type KeptFleetModel = Omit<FleetModel, 'objects'> & {
  objects: KeptModelObject[];
};

interface GoodBuild {
  revision: string | null;
  parent: string | null;
  objects: KeptModelObject[];
  units: Array<Omit<ModelUnit, 'clusters'> & { entry: string }>;
}

// Problems that make `kustomize build` (or Flux's own pre-build steps) fail;
// checks of the seed's rules (namespace-missing, dependson-…) do not.
const BUILD_FAILURE_RULES = new Set([
  'file-too-large',
  'file-unreadable',
  'symlink-escape',
  'symlink-broken',
  'symlink-loop',
  'yaml-parse',
  'yaml-alias-limit',
  'yaml-too-deep',
  'not-k8s-object',
  'invalid-kustomization',
  'unknown-field',
  'invalid-field',
  'missing-kustomization',
  'multiple-kustomizations',
  'missing-path',
  'path-escape',
  'remote-base',
  'cycle',
  'component-as-resource',
  'not-a-component',
  'duplicate-object',
  'generator',
  'patch-invalid',
  'patch-target-required',
  'patch-target-invalid',
  'patch-no-target',
  'patch-failed',
  'kustomize-transform',
  'name-reference',
  'substitute-source-missing',
  'substitution-failed',
  'invalid-flux-kustomization',
]);

/**
 * Keeps, per cluster and Flux Kustomization, the objects of the last
 * revision where it built. One instance lives as long as the build cache.
 */
export class LastGoodKeeper {
  readonly #good = new Map<string, Map<string, GoodBuild>>();

  /**
   * Returns `model` with the objects of every Flux Kustomization that fails to
   * build now replaced by those of its last good revision (with `stale`), and
   * records the builds that succeeded. `model` itself is not modified.
   */
  apply(model: FleetModel): KeptFleetModel {
    const objects: KeptModelObject[] = [];
    const units = new Map(
      model.units.map(u => [u.id, { ...u, clusters: { ...u.clusters } }]),
    );
    const byCluster = groupBy(model.objects, o => o.cluster);
    for (const cluster of model.clusters) {
      const good = this.#good.get(cluster.name) ?? new Map<string, GoodBuild>();
      const current = byCluster.get(cluster.name) ?? [];
      const failed = failedKustomizations(
        cluster.name,
        model.problems,
        cluster.kustomizations,
        good,
      );
      const present = new Set(cluster.kustomizations.map(k => k.id));
      // children of a failed Kustomization stay on the cluster with it (they are in its inventory)
      for (let grew = true; grew; ) {
        grew = false;
        for (const [id, build] of good) {
          if (
            !failed.has(id) &&
            !present.has(id) &&
            build.parent &&
            failed.has(build.parent)
          ) {
            failed.set(id, failed.get(build.parent)!);
            grew = true;
          }
        }
      }
      const next = new Map<string, GoodBuild>();
      for (const o of current)
        if (!failed.has(o.fluxKustomization)) objects.push(o);
      for (const [id, problem] of failed) {
        const build = good.get(id)!;
        next.set(id, build);
        for (const o of build.objects) {
          objects.push({
            ...o,
            stale: { since: o.stale?.since ?? build.revision, problem },
          });
        }
        for (const u of build.units) {
          const unit = units.get(u.id) ?? {
            id: u.id,
            kind: u.kind,
            name: u.name,
            clusters: {},
          };
          unit.clusters[cluster.name] ??= { entry: u.entry };
          units.set(u.id, unit);
        }
      }
      const ownObjects = groupBy(current, o => o.fluxKustomization);
      for (const k of cluster.kustomizations) {
        if (failed.has(k.id) || !k.applied) continue;
        const built = ownObjects.get(k.id) ?? [];
        next.set(k.id, {
          revision: model.revision,
          parent: k.parent,
          objects: built,
          units: unitsOf(built, cluster.name, units),
        });
      }
      this.#good.set(cluster.name, next);
    }
    for (const name of [...this.#good.keys()]) {
      if (!model.clusters.some(c => c.name === name)) this.#good.delete(name);
    }
    const sortedUnits = [...units.values()].sort(
      (a, b) => Number(a.id > b.id) - Number(a.id < b.id),
    );
    return { ...model, objects, units: sortedUnits };
  }
}

/** The Flux Kustomizations of `cluster` that built before and fail now, with the problem that says so. */
function failedKustomizations(
  cluster: string,
  problems: Problem[],
  nodes: Array<{ id: string; path: string | null; source: string }>,
  good: Map<string, GoodBuild>,
): Map<string, FleetStaleInfo['problem']> {
  const failed = new Map<string, FleetStaleInfo['problem']>();
  const memo: { files?: Map<string, Set<string>> } = {};
  const filesOf = () => (memo.files ??= filesByKustomization(good));
  for (const p of problems) {
    if (
      p.cluster !== cluster ||
      p.severity !== 'error' ||
      !BUILD_FAILURE_RULES.has(p.rule)
    )
      continue;
    const owners = ownersOf(p, nodes, good, filesOf);
    for (const id of owners)
      if (good.has(id) && !failed.has(id)) failed.set(id, p);
  }
  return failed;
}

function ownersOf(
  p: Problem,
  nodes: Array<{ id: string; path: string | null; source: string }>,
  good: Map<string, GoodBuild>,
  filesOf: () => Map<string, Set<string>>,
): string[] {
  // Flux-level failures name their Kustomization (resolveCluster's messages)
  const named = /Flux Kustomization ([^\s:]+)/.exec(p.message)?.[1];
  if (named && (good.has(named) || nodes.some(n => n.id === named)))
    return [named];
  if (p.file === null) return [];
  // a build failure inside the directory a Kustomization builds: the deepest such directory
  let best: { id: string; length: number } | undefined;
  for (const n of nodes) {
    if (n.source !== 'repository' || n.path === null) continue;
    const inside = n.path === '' || p.file.startsWith(`${n.path}/`);
    if (inside && (!best || n.path.length > best.length))
      best = { id: n.id, length: n.path.length };
  }
  if (best) return [best.id];
  // a shared file outside every path: the Kustomizations whose objects came through it
  const file = p.file;
  return [...filesOf()]
    .filter(([, files]) => files.has(file))
    .map(([id]) => id);
}

function filesByKustomization(
  good: Map<string, GoodBuild>,
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [id, build] of good) {
    const files = new Set<string>();
    for (const o of build.objects) {
      files.add(o.source.file);
      for (const v of o.via) files.add(v.file);
    }
    result.set(id, files);
  }
  return result;
}

function unitsOf(
  objects: ModelObject[],
  cluster: string,
  units: Map<string, ModelUnit>,
): GoodBuild['units'] {
  const ids = new Set(
    objects.map(o => o.unit).filter((u): u is string => u !== null),
  );
  return [...ids].flatMap(id => {
    const u = units.get(id);
    const entry = u?.clusters[cluster]?.entry;
    return u && entry ? [{ id, kind: u.kind, name: u.name, entry }] : [];
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
