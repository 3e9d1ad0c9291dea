/*
 * One cluster as Flux reconciles it: build the root Kustomization's path,
 * then follow every Flux Kustomization the tree declares whose source is this
 * repository (directly, or through an ArtifactGenerator's ExternalArtifact),
 * with its overrides and post-build substitution, recursively.
 */
import { buildKustomization } from '../kustomize/buildKustomization';
import type { BuildCache } from '../kustomize/BuildCache';
import { normalizePath, resolveRef } from '../core/paths';
import { indexSnapshot } from '../core/snapshotIndex';
import type {
  BuildResult,
  BuiltResource,
  FluxOverrides,
  PathProbes,
} from '../kustomize/types';
import type { Problem, RepoPath, Snapshot, SourceRef } from '../core/types';
import { applyOrder } from './applyOrder';
import { checkDependsOn } from './checkDependsOn';
import { assembleArtifact, findArtifact } from './artifacts';
import type { ClusterEntry } from './types';
import {
  FLUX_SOURCE_EXT_GROUP,
  type FluxKustomizationSpec,
  fluxOverridesOf,
  gitRepositoryUrl,
  groupOf,
  isFluxKustomization,
  normalizeGitUrl,
  readFluxKustomization,
} from './fluxObjects';
import { ObjectIndex } from './objectIndex';
import { quotedVariableStrings } from './quotedStrings';
import { collectVars, substituteResources } from './substitute';
import { markSpecCopies, secretSpecTexts } from './secretSpecFields';
import {
  explainUnread,
  unreadFiles,
  unreadInGenerated,
} from './unreadReferences';
import { fluxKustomizationErrors } from './validateFluxKustomization';
import {
  expandResourceSet,
  isResourceSet,
} from './resourceSet/expandResourceSet';
import type {
  BuildFn,
  ClusterResolution,
  FluxKustomizationNode,
} from './types';

export type {
  BuildFn,
  ClusterResolution,
  FluxKustomizationNode,
  ResolvedObject,
} from './types';

/** Options of {@link resolveCluster}. */
export interface ResolveClusterOptions {
  cache?: BuildCache;
  build?: BuildFn;
}

interface Item {
  spec: FluxKustomizationSpec;
  /** Texts its spec holds from Secret data: every object it builds is searched for them. */
  secretTexts?: string[];
  declaredAt: SourceRef | null;
  parent: string | null;
  chain: string[];
}

/** Resolves `entry` against `snapshot`. Never throws for bad input: failures are problems. */
export function resolveCluster(
  snapshot: Snapshot,
  entry: ClusterEntry,
  opts: ResolveClusterOptions = {},
): ClusterResolution {
  const build = opts.build ?? buildKustomization;
  const res: ClusterResolution = {
    name: entry.name,
    path: entry.path,
    entrypoint: entry.entrypoint,
    objects: [],
    kustomizations: [],
    problems: [...entry.problems],
    filesRead: new Set(),
    probes: { probed: new Set(), listed: new Set() },
  };
  // what the presence of paths decided; null once it cannot be told
  let toRepoSeen = false;
  const probed = (probes: PathProbes | undefined) => {
    if (!probes || toRepoSeen) res.probes = null;
    if (!probes || !res.probes) return;
    for (const p of probes.probed) res.probes.probed.add(p);
    for (const p of probes.listed) res.probes.listed.add(p);
  };
  const index = new ObjectIndex();
  // one assembly per artifact: decomposed monorepos point many Kustomizations at one artifact
  const artifactViews = new Map<string, ReturnType<typeof assembleArtifact>>();
  const unread = unreadFiles(snapshot);
  const report = (p: Omit<Problem, 'cluster'>) =>
    res.problems.push({ ...explainUnread(p, unread), cluster: entry.name });
  const rootSpec = rootSpecOf(entry);
  const seen = new Set<string>([rootSpec.id]);
  let queue: Item[] = [
    {
      spec: rootSpec,
      declaredAt: entry.rootDeclaredAt,
      parent: null,
      chain: [],
    },
  ];
  let deferred: Item[] = [];
  let progress = false;
  let final = false;

  // the root source, or a GitRepository of the same URL (another ref of this repository)
  const isRepoSource = (
    kind: string,
    namespace: string,
    name: string,
  ): boolean => {
    if (
      kind === entry.rootSource.kind &&
      `${namespace}/${name}` === entry.rootSource.id
    )
      return true;
    if (kind !== 'GitRepository') return false;
    const repo = index.get('GitRepository', namespace, name);
    const url = repo && gitRepositoryUrl(repo);
    return (
      !!url &&
      !!entry.rootSource.url &&
      normalizeGitUrl(url) === normalizeGitUrl(entry.rootSource.url)
    );
  };

  const follow = (r: BuiltResource, parent: Item) => {
    const child = readFluxKustomization(r.object);
    // as Flux bootstrap: a Kustomization may declare itself (flux-system manages flux-system)
    if (child.id === parent.spec.id) return;
    const at = { file: r.source.file, line: r.source.line };
    const invalid = fluxKustomizationErrors(r.object);
    if (invalid.length > 0) {
      report({
        severity: 'error',
        rule: 'invalid-flux-kustomization',
        ...at,
        message: `Flux Kustomization ${child.id} is not valid (${invalid.join(
          '; ',
        )}); the API server rejects it, so Flux never applies it.`,
      });
      return;
    }
    if (parent.chain.includes(child.id)) {
      report({
        severity: 'error',
        rule: 'cycle',
        ...at,
        message: `Flux Kustomization ${
          child.id
        } is declared again inside its own tree (${[
          ...parent.chain,
          parent.spec.id,
          child.id,
        ].join(' → ')}); it is followed once.`,
      });
      return;
    }
    if (seen.has(child.id)) {
      report({
        severity: 'warning',
        rule: 'duplicate-flux-kustomization',
        ...at,
        message: `Flux Kustomization ${child.id} is declared more than once for cluster ${entry.name}; only the first declaration is followed.`,
      });
      return;
    }
    seen.add(child.id);
    queue.push({
      spec: child,
      secretTexts: secretSpecTexts(r),
      declaredAt: at,
      parent: parent.spec.id,
      chain: [...parent.chain, parent.spec.id],
    });
  };
  const process = (item: Item): 'done' | 'defer' => {
    const { spec, declaredAt } = item;
    const node: FluxKustomizationNode = {
      id: spec.id,
      parent: item.parent,
      declaredAt,
      sourceRef: spec.sourceRef
        ? `${spec.sourceRef.kind}/${spec.sourceRef.namespace}/${spec.sourceRef.name}`
        : '',
      source: 'external',
      path: null,
      dependsOn: spec.dependsOn,
      applied: false,
    };
    const at = {
      file: declaredAt?.file ?? null,
      line: declaredAt?.line ?? null,
    };
    const external = (why: string) => {
      report({
        severity: 'warning',
        rule: 'external-source',
        ...at,
        message: `Flux Kustomization ${spec.id} reads ${why}, which is not this repository; it is recorded, not fetched.`,
      });
      res.kustomizations.push(node);
      return 'done' as const;
    };
    if (spec.remoteCluster) {
      report({
        severity: 'warning',
        rule: 'remote-cluster',
        ...at,
        message: `Flux Kustomization ${spec.id} applies to another cluster through spec.kubeConfig; its objects are not counted for ${entry.name}.`,
      });
      res.kustomizations.push(node);
      return 'done';
    }
    // the source: this repository, an artifact assembled from it, or something recorded only
    let snap: Snapshot = snapshot;
    let toRepo: Map<RepoPath, RepoPath> | undefined;
    const ref = spec.sourceRef;
    if (!ref || isRepoSource(ref.kind, ref.namespace, ref.name)) {
      node.source = 'repository';
    } else if (ref.kind === 'GitRepository') {
      const known = index.get('GitRepository', ref.namespace, ref.name);
      if (!known && !final) return 'defer';
      return external(
        `GitRepository ${ref.namespace}/${ref.name}${
          known ? '' : ' (not declared in this repository)'
        }`,
      );
    } else if (ref.kind === 'ExternalArtifact') {
      const generator = index
        .ofKind('ArtifactGenerator')
        .find(
          g =>
            groupOf(g) === FLUX_SOURCE_EXT_GROUP &&
            (g.metadata?.namespace || 'default') === ref.namespace &&
            findArtifact(g, ref.name),
        );
      if (!generator && !final) return 'defer';
      if (!generator)
        return external(
          `ExternalArtifact ${ref.namespace}/${ref.name} (no ArtifactGenerator in this repository produces it)`,
        );
      const viewKey = `${ref.namespace}/${generator.metadata?.name}/${ref.name}`;
      const view =
        artifactViews.get(viewKey) ??
        assembleArtifact(snapshot, generator, ref.name, isRepoSource);
      artifactViews.set(viewKey, view);
      if (!('snapshot' in view)) {
        if (view.external)
          return external(`ExternalArtifact ${ref.namespace}/${ref.name}`);
        report({
          severity: view.severity,
          rule: view.rule,
          ...at,
          message: `Flux Kustomization ${spec.id}: ${view.message}`,
        });
        res.kustomizations.push(node);
        return 'done';
      }
      snap = view.snapshot;
      toRepo = view.toRepo;
      node.source = 'artifact';
    } else {
      return external(`${ref.kind} ${ref.namespace}/${ref.name}`);
    }
    // post-build variables: substituteFrom sources may be declared by a Kustomization not yet built
    const { vars, secretVars, missing } = collectVars(spec, (kind, ns, name) =>
      index.get(kind, ns, name),
    );
    if (missing.length > 0 && !final) return 'defer';
    res.kustomizations.push(node);
    if (missing.length > 0) {
      report({
        severity: 'error',
        rule: 'substitute-source-missing',
        ...at,
        message: `Flux Kustomization ${spec.id} substitutes from ${missing.join(
          ', ',
        )}, which the cluster's tree does not declare in namespace ${
          spec.namespace
        }; Flux does not apply it.`,
      });
      return 'done';
    }
    const dir = fluxPath(spec, report, at);
    if (dir === undefined) return 'done';
    const mapped = (p: RepoPath) => toRepo?.get(p) ?? p;
    node.path = toRepo ? mapDir(dir, toRepo) : dir;
    // an artifact's files are chosen by globs over the repository: any path may change it
    if (toRepo) toRepoSeen = true;
    probed({ probed: [dir], listed: [] });
    if (!dirExists(snap, dir)) {
      report({
        severity: 'error',
        rule: 'missing-path',
        ...at,
        message: `Flux Kustomization ${spec.id}: path '${
          spec.path
        }' does not exist in ${
          toRepo ? `artifact ${ref!.name}` : 'the repository'
        }; Flux does not apply it.`,
      });
      return 'done';
    }
    const components: RepoPath[] = [];
    for (const c of spec.components) {
      const r = resolveRef(dir, c);
      if ('escape' in r) {
        report({
          severity: 'error',
          rule: 'path-escape',
          ...at,
          message: `Flux Kustomization ${spec.id}: component '${c}' leaves the repository.`,
        });
      } else components.push(r.path);
    }
    const overrides: FluxOverrides = fluxOverridesOf(
      spec,
      components,
      declaredAt ?? { file: dir, line: 1 },
    );
    const built: BuildResult = build(snap, dir, {
      overrides,
      generateIfMissing: true,
      cache: opts.cache,
      readOnly: true,
    });
    for (const u of toRepo ? [] : unreadInGenerated(snap, dir, unread)) {
      report({
        severity: 'error',
        rule: u.rule,
        ...at,
        message: `Flux Kustomization ${spec.id} builds ${
          dir || 'the repository root'
        } without a kustomization file, so Flux would take ${
          u.file
        }, which was not read: ${u.message}`,
      });
    }
    for (const f of built.filesRead) res.filesRead.add(mapped(f));
    probed(built.probes);
    for (const p of built.problems)
      report({ ...p, file: p.file === null ? null : mapped(p.file) });
    let resources = built.resources;
    if (toRepo)
      resources = resources.map(r => ({
        ...r,
        source: { ...r.source, file: mapped(r.source.file) },
        via: r.via.map(v => ({ ...v, file: mapped(v.file) })),
      }));
    if (spec.hasPostBuild) {
      const sub = substituteResources(
        resources,
        vars,
        declaredAt ?? { file: dir, line: 1 },
        spec.id,
        r => quotedVariableStrings(snapshot, r.source.file),
        secretVars,
      );
      sub.problems.forEach(report);
      if (!sub.ok) return 'done';
      resources = sub.resources;
    }
    // a Secret value in the spec (targetNamespace, namePrefix, substitute…) is in what it built
    resources = markSpecCopies(resources, item.secretTexts ?? []);
    node.applied = true;
    for (const r of resources) {
      res.objects.push({ ...r, fluxKustomization: spec.id });
      index.add(r.object);
      if (isFluxKustomization(r.object)) follow(r, item);
    }
    // after the whole build, so input providers declared beside a ResourceSet are known
    for (const r of resources.filter(x => isResourceSet(x.object))) {
      const expanded = expandResourceSet(r.object, (k, ns, n) =>
        index.get(k, ns, n),
      );
      for (const p of expanded.problems)
        report({ ...p, file: r.source.file, line: r.source.line });
      for (const object of expanded.objects) {
        // attributed to the ResourceSet's file and line: that is where a person edits it
        const generated: BuiltResource = {
          object,
          source: r.source,
          via: r.via,
        };
        res.objects.push({ ...generated, fluxKustomization: spec.id });
        index.add(object);
        if (isFluxKustomization(object)) follow(generated, item);
      }
    }
    return 'done';
  };

  for (let next = 0; ; ) {
    const item = queue[next++];
    if (item) {
      if (process(item) === 'defer') deferred.push(item);
      else progress = true;
      continue;
    }
    if (deferred.length === 0) break;
    // retry what waited on sources declared later; with no progress, report them as they are
    final = !progress;
    progress = false;
    queue = deferred;
    deferred = [];
    next = 0;
  }
  checkDependsOn(entry.name, res.kustomizations).forEach(report);
  // as Flux reconciles them: parents and dependencies first
  const rank = new Map(applyOrder(res.kustomizations).map((id, i) => [id, i]));
  const at = new Map(res.objects.map((o, i) => [o, i]));
  res.objects.sort(
    (a, b) =>
      rank.get(a.fluxKustomization)! - rank.get(b.fluxKustomization)! ||
      at.get(a)! - at.get(b)!,
  );
  return res;
}

/** The root Kustomization: as declared in gotk-sync, else a synthetic flux-system syncing the entrypoint. */
function rootSpecOf(entry: ClusterEntry): FluxKustomizationSpec {
  const declared = entry.rootObject
    ? readFluxKustomization(entry.rootObject)
    : undefined;
  const [namespace, name] = entry.rootKustomization.split('/');
  const base: FluxKustomizationSpec = declared ?? {
    id: entry.rootKustomization,
    namespace,
    name,
    path: entry.entrypoint,
    sourceRef: null,
    patches: [],
    images: [],
    components: [],
    substitute: {},
    substituteFrom: [],
    hasPostBuild: false,
    dependsOn: [],
    suspend: false,
    remoteCluster: false,
  };
  // findClusters already judged the sync path; the cluster is built from its entrypoint
  return {
    ...base,
    path: entry.entrypoint,
    sourceRef: null,
    remoteCluster: false,
  };
}

/** spec.path as a directory of the source (leading `./` or `/` allowed), or undefined after reporting an escape. */
function fluxPath(
  spec: FluxKustomizationSpec,
  report: (p: Omit<Problem, 'cluster'>) => void,
  at: { file: string | null; line: number | null },
): RepoPath | undefined {
  const p = normalizePath(spec.path.replace(/^\/+/, ''));
  if (p === undefined) {
    report({
      severity: 'error',
      rule: 'path-escape',
      ...at,
      message: `Flux Kustomization ${spec.id}: path '${spec.path}' leaves the repository; Flux does not apply it.`,
    });
  }
  return p;
}

function dirExists(snap: Snapshot, dir: RepoPath): boolean {
  return dir === '' ? snap.files.size > 0 : indexSnapshot(snap).isDir(dir);
}

/** The repository directory an artifact directory came from, when every file under it came from one directory. */
function mapDir(
  dir: RepoPath,
  toRepo: Map<RepoPath, RepoPath>,
): RepoPath | null {
  const origins = new Set<string>();
  for (const [a, r] of toRepo) {
    if (dir !== '' && !a.startsWith(`${dir}/`)) continue;
    const rel = dir === '' ? a : a.slice(dir.length + 1);
    if (!r.endsWith(rel)) return null;
    origins.add(r.slice(0, r.length - rel.length).replace(/\/$/, ''));
  }
  return origins.size === 1 ? [...origins][0] : null;
}
