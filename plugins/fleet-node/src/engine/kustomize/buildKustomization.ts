/*
 * Entry point of a kustomize build, as krusty.Kustomizer.Run with
 * LoadRestrictionsNone: load the top kustomization (or generate it the way
 * Flux does), merge Flux's overrides into it the way fluxcd/pkg/kustomize's
 * generator edits kustomization.yaml, accumulate, then at the top level only
 * add name hashes, fix name references, resolve vars, sort and strip build
 * annotations.
 */
import type {
  BuildResult,
  BuiltResource,
  FluxOverrides,
  PathProbes,
} from './types';
import type { RepoPath, Snapshot, SourceRef } from '../core/types';
import { relativePath } from '../core/paths';
import { runGenerators } from './generators';
import { applyHashSuffixes } from './hash';
import { fixNameReferences } from './transformers/nameReference';
import { runTransformers } from './transformers/runTransformers';
import { BuildCache } from './BuildCache';
import { deepClone } from '../core/sharedObjects';
import { borrow, ownAll, shareBuilt } from './sharedObjects';
import type { CacheEntry, ReadSet } from './BuildCache';
import type { Resource } from './types';
import { BuildEnv } from './buildEnv';
import { accumulateTarget, contextOf, loadLevel } from './accumulate';
import type { Level, Stages } from './accumulate';
import { generateKustomization } from './generateKustomization';
import {
  applyCommonMetadata,
  sortResources,
  toBuiltResources,
} from './finalizeResources';
import type { Kustomization } from './types';
import { resolveVars } from './vars/resolveVars';

/** Options of {@link buildKustomization}. */
export interface BuildOptions {
  /** Fields of the Flux Kustomization merged into the top kustomization. */
  overrides?: FluxOverrides;
  /** Generate a kustomization as Flux does when `dir` has none (top level only). */
  generateIfMissing?: boolean;
  /** Shared memo; clusters sharing bases pay for them once. */
  cache?: BuildCache;
  /**
   * The caller will not modify the returned resources, so they may be the
   * cache's own (no deep copy per build). Default false: the result is the
   * caller's to change.
   */
  readOnly?: boolean;
}

const STAGES: Stages = { runGenerators, runTransformers };

/**
 * Builds `dir` of `snapshot` as `kubectl kustomize --load-restrictor
 * LoadRestrictionsNone` would, confined to the repository. Never throws:
 * everything wrong is in `problems` (with `cluster: null`) and everything
 * else still builds.
 */
export function buildKustomization(
  snapshot: Snapshot,
  dir: RepoPath,
  options: BuildOptions = {},
): BuildResult {
  const env = new BuildEnv(snapshot, options.cache);
  const { overrides } = options;
  const key = BuildCache.keyOf(
    dir,
    overrides,
    options.generateIfMissing ? 'top-generate' : 'top',
  );
  const hit = env.cache.lookup(key, snapshot, env.index, []);
  if (hit?.built) {
    // what the build would replay into its fresh environment: the entry's problems, reads and output
    return {
      resources: options.readOnly
        ? hit.built.resources
        : deepClone(hit.built.resources),
      problems: [...hit.problems, ...hit.built.problems].map(p => ({
        ...p,
        cluster: null,
      })),
      filesRead: [...filesReadOf(hit)],
      probes: probesOf(hit),
    };
  }
  let entry: CacheEntry;
  let resources: Resource[];
  if (hit) {
    env.merge(hit);
    entry = hit;
    resources = borrow(entry.resources);
  } else {
    entry = accumulateTop(env, dir, options);
    // fresh: finalization may take the accumulated resources; the entry keeps only its finalized output
    resources = entry.resources;
    entry.resources = [];
  }
  // as kustomize makeCustomizedResMap: hashes after the whole accumulation, then back references
  env.pushFrame();
  const kustFile = entry.top?.kustFile ?? dir;
  const ctx = contextOf(env, {
    dir,
    kustFile,
    k: { apiVersion: '', kind: 'Kustomization', resources: [], components: [] },
    lineOf: () => 1,
    resourceFields: [],
    resourceEntries: [],
    componentEntries: [],
  });
  ctx.config = entry.acc?.config;
  resources = applyHashSuffixes(resources);
  resources = fixNameReferences(resources, ctx);
  // as kustomize's makeCustomizedResMap: vars once the back references are fixed
  // vars may be written anywhere: the rare build with vars copies every object
  if (entry.acc?.vars.length) ownAll(resources);
  resolveVars(
    resources,
    entry.acc?.vars ?? [],
    entry.acc?.config.varReference ?? [],
    ctx,
  );
  const built = toBuiltResources(
    sortResources(resources, entry.top?.sortOptions),
  );
  applyCommonMetadata(built, overrides?.commonMetadata);
  const finalized = env.popFrame();
  finalized.reads.files.forEach((v, k) => entry.reads.files.set(k, v));
  // the cache shares the output; a caller that may write gets its own copy
  entry.built = { resources: shareBuilt(built), problems: finalized.problems };
  // stored once finalized, so a stored top-level entry always has its output
  if (!hit) env.cache.store(key, entry);
  return resultOf(env, options.readOnly ? built : deepClone(built));
}

/** Accumulates the top kustomization in its own frame; the entry holds a private copy of the resources. */
function accumulateTop(
  env: BuildEnv,
  dir: RepoPath,
  options: BuildOptions,
): CacheEntry {
  env.pushFrame();
  env.chain.push(dir);
  env.visit(dir);
  let level: Level | undefined;
  let resources: Resource[] = [];
  try {
    level = topLevel(env, dir, options);
    if (level) resources = accumulateTarget(env, level, [], STAGES);
  } finally {
    env.chain.pop();
  }
  const frame = env.popFrame();
  return {
    resources,
    problems: frame.problems,
    reads: frame.reads,
    visited: frame.visited,
    acc: env.acc,
    top: level && {
      kustFile: level.kustFile,
      sortOptions: level.k.sortOptions,
    },
  };
}

const filesReadMemo = new WeakMap<CacheEntry, RepoPath[]>();

/** The files a stored top-level entry read (its reads no longer change). */
function filesReadOf(entry: CacheEntry): RepoPath[] {
  let paths = filesReadMemo.get(entry);
  if (!paths) {
    paths = presentPaths(entry.reads.files);
    filesReadMemo.set(entry, paths);
  }
  return paths;
}

function presentPaths(files: Map<RepoPath, string | null>): RepoPath[] {
  return [...files].filter(([, text]) => text !== null).map(([path]) => path);
}

const probesMemo = new WeakMap<CacheEntry, PathProbes>();

/** The paths whose presence a stored top-level entry depended on (shared: read-only). */
function probesOf(entry: CacheEntry): PathProbes {
  let probes = probesMemo.get(entry);
  if (!probes) {
    probes = probesIn(entry.reads);
    probesMemo.set(entry, probes);
  }
  return probes;
}

/** Directories probed or listed, and files probed while absent. */
function probesIn(reads: ReadSet): PathProbes {
  const probed = [...reads.dirs.keys()];
  for (const [path, text] of reads.files) if (text === null) probed.push(path);
  return { probed, listed: [...reads.listings.keys()] };
}

function resultOf(env: BuildEnv, resources: BuiltResource[]): BuildResult {
  return {
    resources,
    problems: env.root.problems.map(p => ({ ...p, cluster: null })),
    filesRead: presentPaths(env.root.reads.files),
    probes: probesIn(env.root.reads),
  };
}

function topLevel(
  env: BuildEnv,
  dir: RepoPath,
  options: BuildOptions,
): Level | undefined {
  const at: SourceRef = options.overrides?.declaredAt ?? { file: dir, line: 1 };
  if (!env.isDir(dir)) {
    env.sink.report({
      severity: 'error',
      rule: 'missing-path',
      file: at.file,
      line: at.line,
      message: `The path ${dir || '.'} does not exist in the repository.`,
    });
    return undefined;
  }
  let level: Level | undefined;
  if (options.generateIfMissing && env.kustomizationFiles(dir).length === 0) {
    // as Flux: generated only for the Kustomization's own path, never for nested directories
    const k = generateKustomization(env, dir);
    level = {
      dir,
      kustFile: dir,
      k,
      lineOf: () => 1,
      resourceFields: k.resources.map((_, i) => `resources.${i}`),
      resourceEntries: [],
      componentEntries: [],
    };
  } else {
    level = loadLevel(env, dir, at);
  }
  return level && withOverrides(level, options.overrides);
}

/**
 * Merges Flux overrides as fluxcd/pkg/kustomize's generator does: target
 * namespace and name prefix/suffix replace the file's, patches and
 * components are appended, images replace an entry of the same name or are
 * appended. commonMetadata is applied after the build, as kustomize-controller.
 */
function withOverrides(level: Level, o: FluxOverrides | undefined): Level {
  if (!o) return level;
  const k: Kustomization = { ...level.k };
  if (o.namespace) k.namespace = o.namespace;
  if (o.namePrefix) k.namePrefix = o.namePrefix;
  if (o.nameSuffix) k.nameSuffix = o.nameSuffix;
  if (o.patches?.length) k.patches = [...(k.patches ?? []), ...o.patches];
  if (o.images?.length) {
    const images = [...(k.images ?? [])];
    for (const image of o.images) {
      const i = images.findIndex(x => x.name === image.name);
      if (i >= 0) images[i] = image;
      else images.push(image);
    }
    k.images = images;
  }
  const extra = (o.components ?? []).map(c => relativePath(level.dir, c));
  k.components = [...k.components, ...extra];
  const lineOf = (field: string) => {
    const m = /^components\.(\d+)/.exec(field);
    return m && Number(m[1]) >= level.k.components.length
      ? o.declaredAt?.line ?? 1
      : level.lineOf(field);
  };
  return {
    ...level,
    k,
    lineOf,
    componentEntries: [
      ...level.componentEntries.slice(0, level.k.components.length),
      ...extra.map(() => o.declaredAt),
    ],
  };
}
