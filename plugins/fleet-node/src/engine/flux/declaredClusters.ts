/*
 * Clusters declared outside the `clusters/<name>/flux-system` convention:
 * named explicitly (app-config `fleet.clusters`, the CLI's
 * `--cluster-path`), bootstrapped by the Flux Operator from a FluxInstance
 * anywhere in the repository (an object, or the `instance` values of a
 * HelmRelease of the flux-instance chart), or applied by hand with
 * `kubectl apply -k` (a GitRepository of this repository and the root Flux
 * Kustomization reading it, which nothing in the repository applies).
 */
import { dirnameOf, normalizePath } from '../core/paths';
import { isRecord } from '../core/records';
import type { KObject, RepoPath, Snapshot } from '../core/types';
import { parseYamlDocuments } from '../yaml';
import {
  FLUX_SOURCE_GROUP,
  gitRepositoryUrl,
  ignoreOf,
  isFluxKustomization,
  isKind,
  readFluxKustomization,
} from './fluxObjects';
import type { ClusterEntry } from './types';

/** A cluster named in configuration. */
export interface ExplicitCluster {
  name: string;
  /** The directory Flux syncs for it (repository-relative). */
  path: RepoPath;
  /** Post-build variables of its root Kustomization (`spec.postBuild.substitute`). */
  variables?: Record<string, string>;
}

const entry = (name: string, path: RepoPath): ClusterEntry => ({
  name,
  path,
  entrypoint: path,
  rootKustomization: 'flux-system/flux-system',
  rootDeclaredAt: null,
  rootSource: { kind: 'GitRepository', id: 'flux-system/flux-system' },
  rootObject: null,
  problems: [],
});

/** The explicit clusters; the root Kustomization carries their variables. */
export function explicitClusters(list: ExplicitCluster[]): ClusterEntry[] {
  return list.map(c => {
    const path = normalizePath(c.path.replace(/^\/+/, '')) ?? c.path;
    const e = entry(c.name, path);
    if (c.variables && Object.keys(c.variables).length > 0) {
      e.rootObject = {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'flux-system', namespace: 'flux-system' },
        spec: {
          path: `./${path}`,
          sourceRef: { kind: 'GitRepository', name: 'flux-system' },
          postBuild: { substitute: c.variables },
        },
      };
    }
    return e;
  });
}

/** Every YAML document of the repository whose text mentions `needle`. */
function* docsMentioning(snapshot: Snapshot, needle: string) {
  for (const [file, text] of [...snapshot.files].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    if (!/\.ya?ml$/.test(file) || !text.includes(needle)) continue;
    for (const doc of parseYamlDocuments(file, text).docs)
      yield { file, ...doc };
  }
}

const dirExists = (snapshot: Snapshot, dir: RepoPath) =>
  dir === '' || [...snapshot.files.keys()].some(f => f.startsWith(`${dir}/`));

// directory names that say nothing about which cluster it is
const GENERIC = new Set([
  'cluster',
  'clusters',
  'flux',
  'flux-system',
  'config',
  'kubernetes',
  'k8s',
  '',
]);

/** A cluster name from its directory: the deepest segment that is not generic, else `default`. */
export function clusterNameOf(dir: RepoPath): string {
  return (
    dir
      .split('/')
      .reverse()
      .find(s => !GENERIC.has(s)) ?? 'default'
  );
}

/** The FluxInstance of an object or of a flux-instance HelmRelease's values. */
function instanceOf(
  o: KObject,
): { namespace: string; sync: Record<string, unknown> } | undefined {
  const spec = isRecord(o.spec) ? o.spec : undefined;
  if (o.kind === 'FluxInstance' && spec && isRecord(spec.sync))
    return {
      namespace: o.metadata?.namespace || 'flux-system',
      sync: spec.sync,
    };
  if (o.kind !== 'HelmRelease' || !spec || !isRecord(spec.values))
    return undefined;
  const instance = spec.values.instance;
  if (!isRecord(instance) || !isRecord(instance.sync)) return undefined;
  const ns =
    (typeof spec.targetNamespace === 'string' && spec.targetNamespace) ||
    o.metadata?.namespace ||
    'flux-system';
  return { namespace: ns, sync: instance.sync };
}

/** Clusters bootstrapped by a FluxInstance (object or HelmRelease values) whose sync path is in the repository. */
export function fluxInstanceClusters(
  snapshot: Snapshot,
  known: ClusterEntry[],
): ClusterEntry[] {
  const out: ClusterEntry[] = [];
  const taken = new Set(known.map(k => k.entrypoint));
  for (const needle of ['FluxInstance', 'HelmRelease']) {
    for (const d of docsMentioning(snapshot, needle)) {
      const inst = instanceOf(d.object);
      if (!inst || typeof inst.sync.path !== 'string') continue;
      const target = normalizePath(inst.sync.path.replace(/^\/+/, ''));
      if (
        target === undefined ||
        taken.has(target) ||
        !dirExists(snapshot, target)
      )
        continue;
      taken.add(target);
      const name =
        typeof inst.sync.name === 'string' && inst.sync.name
          ? inst.sync.name
          : inst.namespace;
      const e = entry(clusterNameOf(target), target);
      e.rootKustomization = `${inst.namespace}/${name}`;
      e.rootDeclaredAt = { file: d.file, line: d.line };
      e.rootSource = {
        kind:
          typeof inst.sync.kind === 'string' ? inst.sync.kind : 'GitRepository',
        id: `${inst.namespace}/${name}`,
        url: typeof inst.sync.url === 'string' ? inst.sync.url : undefined,
      };
      out.push(e);
    }
  }
  return out;
}

/**
 * Roots applied by hand (`kubectl apply -k kubernetes/<cluster>/flux/config`):
 * a file declaring a GitRepository and a Flux Kustomization reading it. Its
 * cluster is the directory above `flux/config` (else above the file's own
 * directory).
 */
export function rootClusters(snapshot: Snapshot): ClusterEntry[] {
  const out: ClusterEntry[] = [];
  const byFile = new Map<RepoPath, Array<{ object: KObject; line: number }>>();
  for (const d of docsMentioning(snapshot, 'GitRepository')) {
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  }
  const repos = [...byFile.values()]
    .flat()
    .filter(d => isKind(d.object, FLUX_SOURCE_GROUP, 'GitRepository'));
  for (const [file, docs] of byFile) {
    for (const d of docs.filter(x => isFluxKustomization(x.object))) {
      const spec = readFluxKustomization(d.object);
      const ref = spec.sourceRef;
      const repo = repos.find(
        r =>
          ref?.kind === 'GitRepository' &&
          r.object.metadata?.name === ref.name &&
          (r.object.metadata?.namespace || 'default') === ref.namespace,
      );
      const target = normalizePath(spec.path.replace(/^\/+/, ''));
      if (!repo || target === undefined || !dirExists(snapshot, target))
        continue;
      const dir = dirnameOf(file);
      const clusterDir = dir.endsWith('flux/config')
        ? dir.slice(0, -'flux/config'.length).replace(/\/$/, '')
        : dirnameOf(dir);
      const e = entry(
        clusterNameOf(clusterDir || target),
        clusterDir || target,
      );
      e.entrypoint = target;
      e.rootKustomization = spec.id;
      e.rootDeclaredAt = { file, line: d.line };
      e.rootSource = {
        kind: 'GitRepository',
        id: `${ref!.namespace}/${ref!.name}`,
        url: gitRepositoryUrl(repo.object),
      };
      e.rootObject = d.object;
      e.sourceIgnore = ignoreOf(repo.object);
      out.push(e);
    }
  }
  // a root applied by another root is no root: keep those no other root's path contains
  return out.filter(
    e =>
      !out.some(
        o =>
          o !== e &&
          o.entrypoint !== e.entrypoint &&
          e.rootDeclaredAt!.file.startsWith(`${o.entrypoint}/`) &&
          !o.rootDeclaredAt!.file.startsWith(`${e.entrypoint}/`),
      ),
  );
}
