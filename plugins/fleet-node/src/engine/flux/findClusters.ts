/*
 * Cluster discovery: every directory `clusters/<name>` is a cluster, entered
 * the way `flux bootstrap` wires it: the flux-system Kustomization in
 * `clusters/<name>/flux-system/gotk-sync.yaml` syncs `spec.path` from the
 * flux-system GitRepository (or, with the Flux Operator, a FluxInstance's
 * `spec.sync`).
 */
import { normalizePath } from '../core/paths';
import type { RepoPath, Snapshot, SourceRef } from '../core/types';
import { parseYamlDocuments } from '../yaml';

export type { ClusterEntry } from './types';
export type { ExplicitCluster } from './declaredClusters';
import {
  explicitClusters,
  fluxInstanceClusters,
  rootClusters,
  type ExplicitCluster,
} from './declaredClusters';
import type { ClusterEntry } from './types';
import {
  FLUX_SOURCE_GROUP,
  gitRepositoryUrl,
  isFluxKustomization,
  ignoreOf,
  isKind,
  readFluxKustomization,
} from './fluxObjects';

/** Options of {@link findClusters}. */
export interface FindClustersOptions {
  /**
   * The directory holding one directory per cluster. Default: `clusters`, else
   * the shallowest directory named `clusters`, else every directory holding
   * `flux-system/gotk-sync.yaml` is a cluster. With a clusters directory, a
   * directory outside it whose own gotk-sync syncs that very directory is a
   * cluster too (hub-and-spoke: the hub bootstrapped at `hub/`); a
   * `clusters/<group>` without a bootstrap of its own whose subdirectories
   * are bootstrapped on themselves stands for those clusters.
   */
  clustersDir?: RepoPath;
  /**
   * Clusters named in configuration (app-config `fleet.clusters`, the CLI's
   * `--cluster-path`). They come first; a cluster found otherwise under the
   * same name or entry path is left out.
   */
  clusters?: ExplicitCluster[];
}

/**
 * Lists the clusters of `snapshot`, sorted by name. A sync path that points
 * elsewhere than the cluster's own directory is an `entrypoint-mismatch`
 * error; as Flux, the cluster is still built from the path it syncs.
 */
export function findClusters(
  snapshot: Snapshot,
  opts: FindClustersOptions = {},
): ClusterEntry[] {
  const files = [...snapshot.files.keys()];
  const clustersDir = opts.clustersDir ?? defaultClustersDir(files);
  const paths = new Set<RepoPath>();
  if (clustersDir !== undefined) {
    for (const file of files) {
      if (!file.startsWith(`${clustersDir}/`)) continue;
      const rest = file.slice(clustersDir.length + 1).split('/');
      if (rest.length > 1) paths.add(`${clustersDir}/${rest[0]}`);
    }
  } else {
    for (const file of files) {
      const m = /^(?:(.*)\/)?flux-system\/gotk-sync\.ya?ml$/.exec(file);
      if (m) paths.add(m[1] ?? '');
    }
  }
  const entries: ClusterEntry[] = [];
  for (const path of paths) {
    // clusters grouped one level deeper (clusters/<env>/<name>, each bootstrapped on itself) are clusters each
    const nested =
      clustersDir !== undefined && !hasOwnGotkSync(snapshot, path)
        ? selfBootstrappedUnder(snapshot, files, path)
        : [];
    entries.push(
      ...(nested.length > 0
        ? nested
        : [
            clusterEntry(
              snapshot,
              path.slice(path.lastIndexOf('/') + 1) || 'default',
              path,
            ),
          ]),
    );
  }
  renameCollisions(entries, clustersDir);
  if (clustersDir !== undefined)
    entries.push(
      ...bootstrappedElsewhere(
        snapshot,
        files,
        clustersDir,
        new Set(entries.map(e => e.name)),
      ),
    );
  return withDeclared(snapshot, entries, opts.clusters ?? []).sort(
    (a, b) => Number(a.name > b.name) - Number(a.name < b.name),
  );
}

/**
 * The discovery order: explicit clusters, then the conventional ones found
 * above, then FluxInstances anywhere, then (only when nothing else is
 * found) roots applied by hand.
 */
function withDeclared(
  snapshot: Snapshot,
  found: ClusterEntry[],
  explicit: ExplicitCluster[],
): ClusterEntry[] {
  const out = explicitClusters(explicit);
  const declared = [...out];
  const add = (list: ClusterEntry[], sameTree: ClusterEntry[]) => {
    for (const e of list) {
      if (
        out.some(o => o.name === e.name) ||
        sameTree.some(o => o.entrypoint === e.entrypoint)
      )
        continue;
      out.push(e);
    }
  };
  // Conventional cluster directories are distinct clusters even when one
  // syncs another's path (an entrypoint-mismatch, reported on it): only a
  // cluster declared in configuration at the same entry replaces them.
  add(found, declared);
  const instances = fluxInstanceClusters(snapshot, out);
  add(instances, out);
  if (found.length === 0 && instances.length === 0)
    add(rootClusters(snapshot), out);
  return out;
}

const GOTK_SYNC = /^(.+)\/flux-system\/gotk-sync\.ya?ml$/;

function hasOwnGotkSync(snapshot: Snapshot, dir: RepoPath): boolean {
  return (
    snapshot.files.has(`${dir}/flux-system/gotk-sync.yaml`) ||
    snapshot.files.has(`${dir}/flux-system/gotk-sync.yml`)
  );
}

/** The cluster bootstrapped on `dir` by `file` (its gotk-sync syncing `./<dir>` itself), else undefined. */
function selfBootstrapped(
  snapshot: Snapshot,
  file: RepoPath,
  dir: RepoPath,
): ClusterEntry | undefined {
  const entry = clusterEntry(
    snapshot,
    dir.slice(dir.lastIndexOf('/') + 1),
    dir,
  );
  return entry.rootDeclaredAt?.file === file &&
    entry.entrypoint === dir &&
    entry.problems.length === 0
    ? entry
    : undefined;
}

/** Directories strictly below `parent` bootstrapped on themselves. */
function selfBootstrappedUnder(
  snapshot: Snapshot,
  files: RepoPath[],
  parent: RepoPath,
): ClusterEntry[] {
  const out: ClusterEntry[] = [];
  for (const file of files) {
    const m = GOTK_SYNC.exec(file);
    if (!m || !m[1].startsWith(`${parent}/`) || m[1].includes('/flux-system/'))
      continue;
    const entry = selfBootstrapped(snapshot, file, m[1]);
    if (entry) out.push(entry);
  }
  return out;
}

/**
 * Two clusters of one name (clusters/prod/eu and clusters/test/eu) are named
 * by their path below the clusters directory, joined by `-` (prod-eu, test-eu)
 * so the name stays a valid catalog entity name.
 */
function renameCollisions(
  entries: ClusterEntry[],
  clustersDir: RepoPath | undefined,
): void {
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.name, (count.get(e.name) ?? 0) + 1);
  for (const e of entries) {
    if (count.get(e.name)! < 2) continue;
    const rel =
      clustersDir !== undefined && e.path.startsWith(`${clustersDir}/`)
        ? e.path.slice(clustersDir.length + 1)
        : e.path;
    e.name = rel.split('/').join('-') || e.name;
    e.problems = e.problems.map(p => ({ ...p, cluster: e.name }));
  }
}

/** Directories outside `clustersDir` bootstrapped on themselves (`<dir>/flux-system/gotk-sync.yaml` syncing `./<dir>`). */
function bootstrappedElsewhere(
  snapshot: Snapshot,
  files: RepoPath[],
  clustersDir: RepoPath,
  names: Set<string>,
): ClusterEntry[] {
  const out: ClusterEntry[] = [];
  for (const file of files) {
    const m = GOTK_SYNC.exec(file);
    if (
      !m ||
      m[1] === clustersDir ||
      m[1].startsWith(`${clustersDir}/`) ||
      m[1].includes('/flux-system/')
    )
      continue;
    // only a bootstrap of this very directory: a gotk-sync copied elsewhere is no cluster
    const entry = selfBootstrapped(snapshot, file, m[1]);
    if (!entry || names.has(entry.name)) continue;
    names.add(entry.name);
    out.push(entry);
  }
  return out;
}

function defaultClustersDir(files: RepoPath[]): RepoPath | undefined {
  let best: RepoPath | undefined;
  for (const file of files) {
    const parts = file.split('/');
    const i = parts.indexOf('clusters');
    // a clusters directory needs cluster directories below it
    if (i < 0 || i > 2 || parts.length < i + 3) continue;
    const dir = parts.slice(0, i + 1).join('/');
    if (
      best === undefined ||
      dir.split('/').length < best.split('/').length ||
      (dir.length === best.length && dir < best)
    )
      best = dir;
  }
  return best;
}

function clusterEntry(
  snapshot: Snapshot,
  name: string,
  path: RepoPath,
): ClusterEntry {
  const entry: ClusterEntry = {
    name,
    path,
    entrypoint: path,
    rootKustomization: 'flux-system/flux-system',
    rootDeclaredAt: null,
    rootSource: { kind: 'GitRepository', id: 'flux-system/flux-system' },
    rootObject: null,
    problems: [],
  };
  const sync =
    findGotkSync(snapshot, entry) ?? findFluxInstance(snapshot, entry);
  if (!sync) return entry;
  const target = normalizePath(sync.path.replace(/^\/+/, ''));
  if (target === undefined) {
    entry.problems.push({
      severity: 'error',
      rule: 'path-escape',
      cluster: name,
      file: sync.at.file,
      line: sync.at.line,
      message: `${sync.what} syncs path '${sync.path}', which leaves the repository; cluster ${name} is built from ${path}.`,
    });
    return entry;
  }
  entry.entrypoint = target;
  if (target !== path) {
    entry.problems.push({
      severity: 'error',
      rule: 'entrypoint-mismatch',
      cluster: name,
      file: sync.at.file,
      line: sync.at.line,
      message: `Cluster ${name} syncs path '${
        sync.path
      }' instead of ./${path}: it receives what ${
        target || 'the repository root'
      } declares, not its own directory.`,
    });
  }
  return entry;
}

type Sync = { path: string; at: SourceRef; what: string };

/** The bootstrap's sync Kustomization: the one reading the GitRepository declared beside it (flux-system by default). */
function findGotkSync(
  snapshot: Snapshot,
  entry: ClusterEntry,
): Sync | undefined {
  const direct = `${entry.path}/flux-system/gotk-sync.yaml`;
  const file = snapshot.files.has(direct)
    ? direct
    : [...snapshot.files.keys()]
        .filter(
          f =>
            f.startsWith(`${entry.path}/`) &&
            /(^|\/)flux-system\/gotk-sync\.ya?ml$/.test(f),
        )
        .sort()[0];
  if (!file) return undefined;
  const { docs, problems } = parseYamlDocuments(
    file,
    snapshot.files.get(file) ?? '',
  );
  entry.problems.push(...problems.map(p => ({ ...p, cluster: entry.name })));
  const repos = docs.filter(d =>
    isKind(d.object, FLUX_SOURCE_GROUP, 'GitRepository'),
  );
  const repoIds = repos.map(
    r =>
      `${r.object.metadata?.namespace || 'default'}/${r.object.metadata?.name}`,
  );
  const kustomizations = docs
    .filter(d => isFluxKustomization(d.object))
    .map(d => ({ d, spec: readFluxKustomization(d.object) }));
  const sync =
    kustomizations.find(
      k =>
        k.spec.sourceRef?.kind === 'GitRepository' &&
        repoIds.includes(
          `${k.spec.sourceRef.namespace}/${k.spec.sourceRef.name}`,
        ),
    ) ??
    kustomizations.find(
      k =>
        k.spec.sourceRef?.kind === 'GitRepository' &&
        k.spec.sourceRef.name === 'flux-system',
    );
  if (!sync) return undefined;
  const sourceId = `${sync.spec.sourceRef!.namespace}/${
    sync.spec.sourceRef!.name
  }`;
  const repo = repos.find((_, i) => repoIds[i] === sourceId);
  entry.rootKustomization = sync.spec.id;
  entry.rootDeclaredAt = { file, line: sync.d.line };
  entry.rootSource = {
    kind: 'GitRepository',
    id: sourceId,
    url: repo ? gitRepositoryUrl(repo.object) : undefined,
  };
  entry.rootObject = sync.d.object;
  entry.sourceIgnore = repo ? ignoreOf(repo.object) : undefined;
  return {
    path: sync.spec.path,
    at: entry.rootDeclaredAt,
    what: `Flux Kustomization ${sync.spec.id}`,
  };
}

/** The Flux Operator's FluxInstance: its sync source and Kustomization are both named sync.name, else after its namespace, as bootstrap names them. */
function findFluxInstance(
  snapshot: Snapshot,
  entry: ClusterEntry,
): Sync | undefined {
  for (const file of [...snapshot.files.keys()].sort()) {
    if (!file.startsWith(`${entry.path}/`) || !/\.ya?ml$/.test(file)) continue;
    const text = snapshot.files.get(file) ?? '';
    if (!text.includes('FluxInstance')) continue;
    const doc = parseYamlDocuments(file, text).docs.find(
      d => d.object.kind === 'FluxInstance',
    );
    const sync = (
      doc?.object.spec as
        | {
            sync?: {
              kind?: string;
              url?: string;
              path?: string;
              name?: unknown;
            };
          }
        | undefined
    )?.sync;
    if (!doc || !sync || typeof sync.path !== 'string') continue;
    const ns = doc.object.metadata?.namespace || 'flux-system';
    // as the Flux Operator: source and Kustomization are named sync.name, by default the namespace
    const id = `${ns}/${
      typeof sync.name === 'string' && sync.name ? sync.name : ns
    }`;
    entry.rootKustomization = id;
    entry.rootDeclaredAt = { file, line: doc.line };
    entry.rootSource = {
      kind: sync.kind || 'GitRepository',
      id,
      url: sync.url,
    };
    return {
      path: sync.path,
      at: entry.rootDeclaredAt,
      what: `FluxInstance ${ns}/${doc.object.metadata?.name}`,
    };
  }
  return undefined;
}
