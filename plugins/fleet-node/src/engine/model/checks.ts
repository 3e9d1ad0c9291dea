/*
 * The seed's operational rules (DESIGN.md "Checks"), run on a resolved
 * model. Severity is `error` only for what breaks a cluster; rule violations
 * that Flux would apply anyway are warnings.
 */
import type { Problem, SourceRef, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';
import { checkOverlayPresence } from './checkOverlayPresence';
import { checkUnreferencedDefinitions } from './checkUnreferencedDefinitions';
import type { FleetModel, ModelObject } from './types';
import { shownIdentity } from './secretIdentity';

/** Namespaces every cluster has without declaring them (or that Flux bootstrap creates). */
export const IMPLICIT_NAMESPACES = new Set([
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'flux-system',
]);

type PerClusterMemo = WeakMap<object, { key: string; problems: Problem[] }>;

// Keyed by a cluster's resolution (its kustomizations array is shared while
// model/clusterMemo reuses the resolution): an unchanged cluster is not
// checked again.
const crossMemo: PerClusterMemo = new WeakMap();
const namespaceMemo: PerClusterMemo = new WeakMap();
const duplicateMemo: PerClusterMemo = new WeakMap();

// the last run's inputs and result, reused while the clusters and files are the same
let lastRun:
  | {
      files: ReadonlyMap<string, string>;
      clusters: unknown[];
      problems: Problem[];
    }
  | undefined;

/**
 * Runs every check on `model`: entrypoints are judged while resolving
 * (`entrypoint-mismatch`, `missing-path`, `dependson-missing`); here the
 * rules that need the whole fleet.
 */
export function runChecks(snapshot: Snapshot, model: FleetModel): Problem[] {
  // the checks read the model's clusters and the files: when neither changed, neither do they
  const clusters = model.clusters.flatMap(c => [
    c.name,
    c.path,
    c.entrypoint,
    c.kustomizations,
    c.filesRead,
  ]);
  if (
    lastRun &&
    lastRun.clusters.length === clusters.length &&
    lastRun.clusters.every((x, i) => x === clusters[i]) &&
    unchangedFiles(lastRun.files, snapshot.files)
  ) {
    lastRun.files = snapshot.files;
    return [...lastRun.problems];
  }
  const problems = runAllChecks(snapshot, model);
  lastRun = { files: snapshot.files, clusters, problems };
  return [...problems];
}

function unchangedFiles(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): boolean {
  if (a === b) return true;
  const d = snapshotDelta(a, b);
  return d.samePaths && d.changed.length === 0;
}

function runAllChecks(snapshot: Snapshot, model: FleetModel): Problem[] {
  const byCluster = objectsByCluster(model);
  // cross-cluster references also depend on where the other clusters live
  const dirsKey = model.clusters.map(c => c.path).join('\n');
  return [
    ...perCluster(model, byCluster, crossMemo, dirsKey, (sub, by) =>
      checkCrossClusterReferences(
        sub,
        by,
        new Set(model.clusters.map(c => c.path)),
        clusterDirsOf(dirsKey),
      ),
    ),
    ...checkImplicitGlobalLayer(model),
    ...perCluster(model, byCluster, namespaceMemo, '', checkNamespaces),
    ...perCluster(model, byCluster, duplicateMemo, '', sub =>
      checkDuplicateObjects(sub),
    ),
    ...checkOverlayPresence(snapshot, model),
    ...checkUnreferencedDefinitions(snapshot, model),
  ];
}

// file → the cluster directory holding it, kept while the cluster directories are the same
let clusterDirs: { key: string; seen: Map<string, string | undefined> } = {
  key: '',
  seen: new Map(),
};

function clusterDirsOf(key: string): Map<string, string | undefined> {
  if (clusterDirs.key !== key) clusterDirs = { key, seen: new Map() };
  return clusterDirs.seen;
}

/** Runs a check that looks at one cluster at a time, cluster by cluster, in model order. */
function perCluster(
  model: FleetModel,
  byCluster: Map<string, ModelObject[]>,
  memo: PerClusterMemo,
  key: string,
  check: (one: FleetModel, byCluster: Map<string, ModelObject[]>) => Problem[],
): Problem[] {
  const out: Problem[] = [];
  for (const cluster of model.clusters) {
    const hit = memo.get(cluster.kustomizations);
    if (hit && hit.key === key) {
      out.push(...hit.problems);
      continue;
    }
    const objects = byCluster.get(cluster.name) ?? [];
    const problems = check(
      { ...model, clusters: [cluster], objects },
      new Map([[cluster.name, objects]]),
    );
    memo.set(cluster.kustomizations, { key, problems });
    out.push(...problems);
  }
  return out;
}

/** The objects of each cluster, in model order. */
export function objectsByCluster(
  model: FleetModel,
): Map<string, ModelObject[]> {
  const out = new Map<string, ModelObject[]>(
    model.clusters.map(c => [c.name, []]),
  );
  for (const o of model.objects) out.get(o.cluster)?.push(o);
  return out;
}

/** The cluster directory (`clusters/<name>`) holding `file`, if any. */
function clusterDirOf(
  file: string,
  dirs: Set<string>,
  seen?: Map<string, string | undefined>,
): string | undefined {
  if (seen?.has(file)) return seen.get(file);
  const found = clusterDirOfUncached(file, dirs);
  seen?.set(file, found);
  return found;
}

function clusterDirOfUncached(
  file: string,
  dirs: Set<string>,
): string | undefined {
  const parts = file.split('/');
  for (let i = 1; i < parts.length; i++) {
    const d = parts.slice(0, i).join('/');
    if (dirs.has(d)) return d;
  }
  return undefined;
}

/** Shared definitions live outside clusters/: a cluster's tree must not read another cluster's directory. */
export function checkCrossClusterReferences(
  model: FleetModel,
  byCluster = objectsByCluster(model),
  dirs = new Set(model.clusters.map(c => c.path)),
  // many objects share the same files in their chains: look each file up once
  seen = new Map<string, string | undefined>(),
): Problem[] {
  const problems: Problem[] = [];
  for (const cluster of model.clusters) {
    // a cluster syncing another cluster's path is already an entrypoint-mismatch
    if (cluster.entrypoint !== cluster.path) continue;
    const declared = new Map(
      cluster.kustomizations.map(k => [k.id, k.declaredAt]),
    );
    const own = `${cluster.path}/`;
    const foreign = (ref: SourceRef) =>
      !ref.file.startsWith(own) &&
      clusterDirOf(ref.file, dirs, seen) !== undefined;
    for (const o of byCluster.get(cluster.name) ?? []) {
      // most objects never touch another cluster's directory: test before building the chain
      if (!foreign(o.source) && !o.via.some(foreign)) continue;
      const chain: SourceRef[] = [...o.via, o.source];
      const i = chain.findIndex(foreign);
      const other = clusterDirOf(chain[i].file, dirs, seen);
      const at =
        i > 0 ? chain[i - 1] : declared.get(o.fluxKustomization) ?? chain[i];
      problems.push({
        severity: 'warning',
        rule: 'cross-cluster-reference',
        cluster: cluster.name,
        file: at.file,
        line: at.line,
        message: `Cluster ${cluster.name} reads ${other} (another cluster's directory) through ${at.file}:${at.line}; shared definitions belong outside clusters/.`,
      });
    }
  }
  return problems;
}

/** No implicit global layer: a Flux Kustomization building the repository root (or the clusters directory) applies everything to the cluster. */
export function checkImplicitGlobalLayer(model: FleetModel): Problem[] {
  const problems: Problem[] = [];
  for (const cluster of model.clusters) {
    const clustersDir = cluster.path.includes('/')
      ? cluster.path.slice(0, cluster.path.lastIndexOf('/'))
      : '';
    for (const k of cluster.kustomizations) {
      if (k.path === null || !k.applied || k.source !== 'repository') continue;
      if (k.path !== '' && k.path !== clustersDir) continue;
      problems.push({
        severity: 'warning',
        rule: 'implicit-global-layer',
        cluster: cluster.name,
        file: k.declaredAt?.file ?? null,
        line: k.declaredAt?.line ?? null,
        message: `Flux Kustomization ${k.id} builds ${
          k.path === '' ? 'the repository root' : k.path
        }, so cluster ${
          cluster.name
        } receives definitions its own tree never names.`,
      });
    }
  }
  return problems;
}

/** Objects in a namespace the cluster does not create (Namespace objects, or HelmRelease install.createNamespace). */
export function checkNamespaces(
  model: FleetModel,
  byCluster = objectsByCluster(model),
): Problem[] {
  const problems: Problem[] = [];
  for (const cluster of model.clusters) {
    const objects = byCluster.get(cluster.name) ?? [];
    const created = new Set<string>(IMPLICIT_NAMESPACES);
    for (const o of objects) {
      if (o.object.kind === 'Namespace' && o.object.metadata?.name)
        created.add(o.object.metadata.name);
      const spec = o.object.spec as
        | { install?: { createNamespace?: boolean }; targetNamespace?: string }
        | undefined;
      if (o.object.kind === 'HelmRelease' && spec?.install?.createNamespace) {
        created.add(
          spec.targetNamespace || o.object.metadata?.namespace || 'default',
        );
      }
    }
    const reported = new Set<string>();
    for (const o of objects) {
      const ns = o.object.metadata?.namespace;
      if (!ns || created.has(ns) || reported.has(ns)) continue;
      reported.add(ns);
      // named as every view names it: no Secret value copied into it
      const shown = shownIdentity(o);
      problems.push({
        severity: 'warning',
        rule: 'namespace-missing',
        cluster: cluster.name,
        file: o.source.file,
        line: o.source.line,
        message: `${o.object.kind} ${shown.namespace}/${shown.name} goes to namespace ${shown.namespace}, which cluster ${cluster.name}'s tree does not create.`,
      });
    }
  }
  return problems;
}

/** One object applied by two Flux Kustomizations of a cluster: they would fight over it. */
export function checkDuplicateObjects(model: FleetModel): Problem[] {
  const problems: Problem[] = [];
  const owners = new Map<string, ModelObject>();
  for (const o of model.objects) {
    const group = (o.object.apiVersion ?? '').includes('/')
      ? o.object.apiVersion!.slice(0, o.object.apiVersion!.lastIndexOf('/'))
      : '';
    const key = `${o.cluster}|${group}|${o.object.kind}|${
      o.object.metadata?.namespace ?? ''
    }|${o.object.metadata?.name}`;
    const first = owners.get(key);
    if (!first) {
      owners.set(key, o);
      continue;
    }
    if (first.fluxKustomization === o.fluxKustomization) continue;
    const shown = shownIdentity(o);
    problems.push({
      severity: 'warning',
      rule: 'duplicate-object',
      cluster: o.cluster,
      file: o.source.file,
      line: o.source.line,
      message: `${o.object.kind} ${
        shown.namespace ? `${shown.namespace}/` : ''
      }${shown.name} is applied by both ${first.fluxKustomization} (${
        first.source.file
      }) and ${o.fluxKustomization}; they would fight over it.`,
    });
  }
  return problems;
}
