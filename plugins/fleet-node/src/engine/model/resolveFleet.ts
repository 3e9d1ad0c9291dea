/*
 * The whole fleet: every cluster resolved as Flux would, each object with its
 * provenance and unit, and the seed's rules checked.
 */
import { BuildCache } from '../kustomize/BuildCache';
import type { ExplicitCluster } from '../flux/findClusters';
import { isSourceIgnored, sourceArtifactView } from '../flux/sourceIgnore';
import { type BuildFn, resolveCluster } from '../flux/resolveCluster';
import type { Problem, RepoPath, Snapshot } from '../core/types';
import { runChecks } from './checks';
import { checkSecretIdentity } from './secretIdentity';
import type { FleetModel, ModelObject, ModelUnit } from './types';
import { ClusterMemo } from './clusterMemo';
import { assembleCluster } from './assembleCluster';
import { findClustersMemo } from './discoveryMemo';
import { DEFAULT_UNIT_PATTERNS, UnitMatcher, type UnitPattern } from './units';

export type { FleetModel, ModelCluster, ModelObject, ModelUnit } from './types';

/** Options of {@link resolveFleet}. */
export interface ResolveFleetOptions {
  /** Unit patterns, first match wins. Default {@link DEFAULT_UNIT_PATTERNS}. */
  units?: UnitPattern[];
  /** Build cache shared across calls: clusters sharing a base pay for it once, a new commit rebuilds what changed. */
  cache?: BuildCache;
  /** The directory holding one directory per cluster. Default `clusters`. */
  clustersDir?: RepoPath;
  /** Clusters named in configuration, found first (see findClusters). */
  clusters?: ExplicitCluster[];
  /** Replaces kustomize/buildKustomization (tests). */
  build?: BuildFn;
}

/**
 * Resolves every cluster of `repository`, read as Flux's source-controller
 * archives it (files excluded by `.sourceignore` and its defaults are not
 * there, nor the loader's problems about them). Never throws for bad input: one
 * broken cluster or directory becomes problems while the rest is built.
 */
export function resolveFleet(
  repository: Snapshot,
  opts: ResolveFleetOptions = {},
): FleetModel {
  // Flux reads the repository as source-controller archives it (.sourceignore and its defaults applied)
  const snapshot = sourceArtifactView(repository);
  const matcher = matcherFor(opts.units ?? DEFAULT_UNIT_PATTERNS);
  // a file Flux never sees (a large image under docs/, say) is no problem of the fleet
  const problems = snapshot.problems.filter(
    p => p.file === null || !isSourceIgnored(repository, p.file),
  );
  const model: FleetModel = {
    revision: snapshot.revision,
    clusters: [],
    objects: [],
    units: [],
    problems,
  };
  const units = new Map<string, ModelUnit>();
  const parts: ModelObject[][] = [];
  // without a cache from the caller, one for this call: clusters sharing a base still build it once
  const cache = opts.cache ?? new BuildCache();
  const entries = findClustersMemo(cache, snapshot, {
    clustersDir: opts.clustersDir,
    clusters: opts.clusters,
  });
  if (entries.length === 0) {
    model.problems.push({
      severity: 'warning',
      rule: 'no-clusters',
      cluster: null,
      file: null,
      line: null,
      message:
        'No cluster found: the repository has no clusters/<name> directory and no flux-system/gotk-sync.yaml.',
    });
  }
  // with a shared cache, clusters whose files did not change are not resolved again
  const memo = opts.build ? undefined : ClusterMemo.for(cache, snapshot);
  for (const entry of entries) {
    let resolution = memo?.get(entry);
    try {
      if (!resolution) {
        // as source-controller: the root GitRepository's spec.ignore narrows what its Kustomizations read
        const view = entry.sourceIgnore
          ? sourceArtifactView(repository, entry.sourceIgnore)
          : snapshot;
        resolution = resolveCluster(view, entry, {
          cache,
          build: opts.build,
        });
        memo?.set(entry, resolution);
      }
    } catch (e) {
      // a defect, not bad input: keep the other clusters and say which one failed
      model.problems.push({
        severity: 'error',
        rule: 'internal-error',
        cluster: entry.name,
        file: null,
        line: null,
        message: `Resolving cluster ${entry.name} failed unexpectedly: ${
          (e as Error).message
        }`,
      });
      model.clusters.push({
        name: entry.name,
        path: entry.path,
        entrypoint: entry.entrypoint,
        kustomizations: [],
        filesRead: new Set(),
      });
      continue;
    }
    model.clusters.push({
      name: entry.name,
      path: entry.path,
      entrypoint: entry.entrypoint,
      kustomizations: resolution.kustomizations,
      filesRead: resolution.filesRead,
    });
    model.problems.push(...resolution.problems);
    const part = assembleCluster(entry.name, resolution, matcher);
    parts.push(part.objects);
    for (const { match, entry: unitDir } of part.units) {
      let unit = units.get(match.id);
      if (!unit)
        units.set(
          match.id,
          (unit = {
            id: match.id,
            kind: match.kind,
            name: match.name,
            clusters: {},
          }),
        );
      unit.clusters[entry.name] ??= { entry: unitDir };
    }
  }
  // one concatenation: pushing every object of every cluster one by one costs more (flat() far more)
  model.objects = ([] as ModelObject[]).concat(...parts);
  model.units = [...units.values()].sort(
    (a, b) => Number(a.id > b.id) - Number(a.id < b.id),
  );
  model.problems.push(...runChecks(snapshot, model));
  model.problems.push(...checkSecretIdentity(model.objects));
  model.problems = dedupe(model.problems);
  return model;
}

// one matcher (and its per-directory memo) per pattern list, across calls
const matchers = new WeakMap<UnitPattern[], UnitMatcher>();
function matcherFor(patterns: UnitPattern[]): UnitMatcher {
  let matcher = matchers.get(patterns);
  if (!matcher) matchers.set(patterns, (matcher = new UnitMatcher(patterns)));
  return matcher;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter(p => {
    const key = `${p.severity}|${p.rule}|${p.cluster}|${p.file}|${p.line}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
