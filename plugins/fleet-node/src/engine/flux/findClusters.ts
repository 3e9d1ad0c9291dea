/*
 * Cluster discovery: every directory `clusters/<name>` is a cluster, entered
 * the way `flux bootstrap` wires it: the flux-system Kustomization in
 * `clusters/<name>/flux-system/gotk-sync.yaml` syncs `spec.path` from the
 * flux-system GitRepository.
 */
import { normalizePath } from '../paths';
import type { KObject, Problem, RepoPath, Snapshot, SourceRef } from '../types';
import { parseYamlDocuments } from '../yamlDocs';
import { FLUX_SOURCE_GROUP, gitRepositoryUrl, isFluxKustomization, isKind, readFluxKustomization } from './fluxObjects';

/** A cluster and the root Flux Kustomization that syncs it. */
export interface ClusterEntry {
  name: string;
  /** The cluster's directory, e.g. `clusters/dev`. */
  path: RepoPath;
  /** The directory Flux builds first: the sync path, else the cluster directory. */
  entrypoint: RepoPath;
  /** `<namespace>/<name>` of the root Flux Kustomization (`flux-system/flux-system`). */
  rootKustomization: string;
  /** Where the root Kustomization is declared, when a gotk-sync file declares it. */
  rootDeclaredAt: SourceRef | null;
  /** The root GitRepository (`<namespace>/<name>`) and its URL, when declared. */
  rootSource: { id: string; url?: string };
  /** The root Flux Kustomization object as declared in gotk-sync, when there is one. */
  rootObject: KObject | null;
  problems: Problem[];
}

/** Options of {@link findClusters}. */
export interface FindClustersOptions {
  /** The directory holding one directory per cluster. Default `clusters`. */
  clustersDir?: RepoPath;
}

/**
 * Lists the clusters of `snapshot`, sorted by name. A sync path that points
 * elsewhere than the cluster's own directory is an `entrypoint-mismatch`
 * error; as Flux, the cluster is still built from the path it syncs.
 */
export function findClusters(snapshot: Snapshot, opts: FindClustersOptions = {}): ClusterEntry[] {
  const clustersDir = opts.clustersDir ?? 'clusters';
  const names = new Set<string>();
  for (const file of snapshot.files.keys()) {
    if (!file.startsWith(`${clustersDir}/`)) continue;
    const rest = file.slice(clustersDir.length + 1).split('/');
    if (rest.length > 1) names.add(rest[0]);
  }
  return [...names].sort().map(name => clusterEntry(snapshot, name, `${clustersDir}/${name}`));
}

function clusterEntry(snapshot: Snapshot, name: string, path: RepoPath): ClusterEntry {
  const entry: ClusterEntry = {
    name,
    path,
    entrypoint: path,
    rootKustomization: 'flux-system/flux-system',
    rootDeclaredAt: null,
    rootSource: { id: 'flux-system/flux-system' },
    rootObject: null,
    problems: [],
  };
  const syncFile = findSyncFile(snapshot, path);
  if (!syncFile) return entry;
  const { docs, problems } = parseYamlDocuments(syncFile, snapshot.files.get(syncFile) ?? '');
  entry.problems.push(...problems.map(p => ({ ...p, cluster: name })));
  const repos = docs.filter(d => isKind(d.object, FLUX_SOURCE_GROUP, 'GitRepository'));
  const kustomizations = docs.filter(d => isFluxKustomization(d.object)).map(d => ({ d, spec: readFluxKustomization(d.object) }));
  // the sync Kustomization is the one reading the GitRepository declared beside it (flux-system by default)
  const repoIds = repos.map(r => `${r.object.metadata?.namespace || 'default'}/${r.object.metadata?.name}`);
  const sync =
    kustomizations.find(k => k.spec.sourceRef?.kind === 'GitRepository' && repoIds.includes(`${k.spec.sourceRef.namespace}/${k.spec.sourceRef.name}`)) ??
    kustomizations.find(k => k.spec.sourceRef?.kind === 'GitRepository' && k.spec.sourceRef.name === 'flux-system');
  if (!sync) return entry;
  const sourceId = `${sync.spec.sourceRef!.namespace}/${sync.spec.sourceRef!.name}`;
  const repo = repos.find((_, i) => repoIds[i] === sourceId);
  entry.rootKustomization = sync.spec.id;
  entry.rootDeclaredAt = { file: syncFile, line: sync.d.line };
  entry.rootObject = sync.d.object;
  entry.rootSource = { id: sourceId, url: repo ? gitRepositoryUrl(repo.object) : undefined };
  const target = normalizePath(sync.spec.path);
  if (target === undefined || sync.spec.path.startsWith('/')) {
    entry.problems.push({
      severity: 'error', rule: 'path-escape', cluster: name, file: syncFile, line: sync.d.line,
      message: `Flux Kustomization ${sync.spec.id} syncs path '${sync.spec.path}', which leaves the repository; cluster ${name} is built from ${path}.`,
    });
    return entry;
  }
  entry.entrypoint = target;
  if (target !== path) {
    entry.problems.push({
      severity: 'error', rule: 'entrypoint-mismatch', cluster: name, file: syncFile, line: sync.d.line,
      message: `Cluster ${name} syncs path '${sync.spec.path}' instead of ./${path}: it receives what ${target || 'the repository root'} declares, not its own directory.`,
    });
  }
  return entry;
}

/** `<cluster>/flux-system/gotk-sync.yaml`, else any `flux-system/gotk-sync.yaml` below the cluster directory. */
function findSyncFile(snapshot: Snapshot, path: RepoPath): RepoPath | undefined {
  const direct = `${path}/flux-system/gotk-sync.yaml`;
  if (snapshot.files.has(direct)) return direct;
  return [...snapshot.files.keys()]
    .filter(f => f.startsWith(`${path}/`) && /(^|\/)flux-system\/gotk-sync\.ya?ml$/.test(f))
    .sort()[0];
}
