/*
 * kustomize's KustTarget.accumulateTarget (api/internal/target/kusttarget.go):
 * resources (files and directories, each directory its own target), then
 * generators, then components (accumulated onto the current list), then
 * transformers. Directory references follow kustomize's loader rules with
 * LoadRestrictionsNone, confined to the repository.
 */
import type { RepoPath, SourceRef } from '../core/types';
import { isRemoteRef, isSameOrAncestor, resolveRef } from '../core/paths';
import { BuildCache } from './BuildCache';
import type { BuildEnv } from './buildEnv';
import { contextOf, loadLevel } from './level';
import type { Level, Stages } from './level';
import type { Resource } from './types';
import { resIdOf } from '../core/resId';
import {
  emptyAccumulator,
  mergeAccumulator,
  mergeConfigurations,
} from './accumulatorState';
import { mergeLevelVars } from './vars/mergeVars';
import {
  borrow,
  levelMayWrite,
  ownAll,
  share,
  shareObject,
} from './sharedObjects';

/**
 * Accumulates `level` onto `ra` (empty for a Kustomization, the parent's list
 * for a Component), as kustomize's accumulateTarget. Never throws.
 */
export function accumulateTarget(
  env: BuildEnv,
  level: Level,
  ra: Resource[],
  stages: Stages,
): Resource[] {
  const ctx = contextOf(env, level);
  let out = accumulateResources(env, level, ra);
  // as kustomize: the level's configurations join the bases' before generators run
  mergeConfigurations(env, level, ctx);
  // borrowed objects are the cache's: a level that may write takes its own copies first
  if (levelMayWrite(level.k)) ownAll(out);
  out = stages.runGenerators(out, level.k, { ...ctx, config: env.acc.config });
  out = accumulateComponents(env, level, out, stages);
  out = stages.runTransformers(out, level.k, {
    ...ctx,
    config: env.acc.config,
  });
  // as kustomize: the level's vars are bound after its transformers ran
  if (level.k.vars?.length)
    mergeLevelVars(out, level.k.vars, env.acc.vars, ctx);
  return out;

  function accumulateResources(
    e: BuildEnv,
    l: Level,
    list: Resource[],
  ): Resource[] {
    const result = [...list];
    const ids = new Map(result.map(r => [idKey(r), r]));
    l.k.resources.forEach((ref, i) => {
      const field = l.resourceFields[i] ?? `resources.${i}`;
      const entry = l.resourceEntries[i];
      for (const r of loadResource(e, l, ref, field, stages)) {
        if (entry) r.via.unshift(entry);
        const first = ids.get(idKey(r));
        if (first) {
          const at = entry ?? r.source;
          e.sink.report({
            severity: 'error',
            rule: 'duplicate-object',
            file: at.file,
            line: at.line,
            message: `${describe(r)} from ${r.source.file}:${
              r.source.line
            } is already defined by ${first.source.file}:${
              first.source.line
            } (as kustomize: may not add resource with an already registered id); the second was dropped.`,
          });
          continue;
        }
        ids.set(idKey(r), r);
        result.push(r);
      }
    });
    return result;
  }
}

function loadResource(
  env: BuildEnv,
  level: Level,
  ref: string,
  field: string,
  stages: Stages,
): Resource[] {
  const at = { file: level.kustFile, line: level.lineOf(field) };
  const path = resolveEntry(env, level, ref, field, at);
  if (path === undefined) return [];
  if (env.isFile(path)) {
    const { docs } = env.yamlDocs(path, env.read(path)!);
    // the parse memo's objects, shared: whoever writes one copies it first
    return docs.map(d => ({
      object: shareObject(d.object),
      source: { file: path, line: d.line },
      via: [],
      prevIds: [],
    }));
  }
  if (env.isDir(path))
    return accumulateDir(env, path, 'resource', [], stages, at) ?? [];
  env.sink.report({
    severity: 'error',
    rule: 'missing-path',
    file: at.file,
    line: at.line,
    message: `${at.file}: ${field} ${ref} does not exist (${path}).`,
  });
  return [];
}

/** Resolves a resources/components entry, reporting remote and escaping references. */
function resolveEntry(
  env: BuildEnv,
  level: Level,
  ref: string,
  field: string,
  at: SourceRef,
): RepoPath | undefined {
  const report = (rule: string, message: string) =>
    env.sink.report({
      severity: 'error',
      rule,
      file: at.file,
      line: at.line,
      message: `${at.file}: ${field} ${ref} ${message}`,
    });
  if (isRemoteRef(ref)) {
    report(
      'remote-base',
      'is a remote base, which the engine does not fetch; its resources are missing.',
    );
    return undefined;
  }
  const r = resolveRef(level.dir, ref);
  if ('escape' in r) {
    report(
      'path-escape',
      `is ${
        r.reason === 'absolute' ? 'an absolute path' : 'outside the repository'
      }; it was skipped.`,
    );
    return undefined;
  }
  return r.path;
}

function accumulateComponents(
  env: BuildEnv,
  level: Level,
  ra: Resource[],
  stages: Stages,
): Resource[] {
  let out = ra;
  level.k.components.forEach((ref, i) => {
    const field = `components.${i}`;
    const at = level.componentEntries[i] ?? {
      file: level.kustFile,
      line: level.lineOf(field),
    };
    const path = resolveEntry(env, level, ref, field, at);
    if (path === undefined) return;
    if (!env.isDir(path)) {
      // as kustomize: components always refer to directories
      const what = env.isFile(path)
        ? 'is a file, but a component must be a directory'
        : 'does not exist';
      env.sink.report({
        severity: 'error',
        rule: 'missing-path',
        file: at.file,
        line: at.line,
        message: `${at.file}: ${field} ${ref} ${what}.`,
      });
      return;
    }
    const before = new Set(out.map(r => r.via));
    const next = accumulateDir(env, path, 'component', out, stages, at);
    if (next === undefined) return;
    const entry = level.componentEntries[i];
    if (entry)
      next.filter(r => !before.has(r.via)).forEach(r => r.via.unshift(entry));
    out = next;
  });
  return out;
}

/**
 * Accumulates directory `dir` as kustomize's accumulateDirectory: as its own
 * target (`resource`, cached by content) or onto `base` (`component`).
 * Returns undefined when the directory could not be used (reported at `at`).
 */
export function accumulateDir(
  env: BuildEnv,
  dir: RepoPath,
  mode: 'resource' | 'component',
  base: Resource[],
  stages: Stages,
  at: SourceRef,
): Resource[] | undefined {
  const report = (rule: string, message: string) =>
    env.sink.report({
      severity: 'error',
      rule,
      file: at.file,
      line: at.line,
      message,
    });
  // as kustomize's loader (errIfArgEqualOrHigher): a directory that is or contains one on the chain is a cycle
  if (env.chain.some(c => isSameOrAncestor(dir, c))) {
    report(
      'cycle',
      `cycle: ${[...env.chain, dir]
        .map(d => d || '.')
        .join(
          ' → ',
        )} (as kustomize: "cycle detected: candidate root contains visited root").`,
    );
    return undefined;
  }
  const key = BuildCache.keyOf(dir, undefined, mode);
  const ctx = contextOf(env, {
    dir,
    kustFile: at.file,
    k: { apiVersion: '', kind: 'Kustomization', resources: [], components: [] },
    lineOf: () => at.line ?? 1,
    resourceFields: [],
    resourceEntries: [],
    componentEntries: [],
  });
  if (mode === 'resource') {
    const hit = env.cache.lookup(key, env.snapshot, env.index, env.chain);
    if (hit) {
      env.merge(hit);
      if (hit.acc) mergeAccumulator(env, hit.acc, ctx);
      return borrow(hit.resources);
    }
  }
  // as kustomize: a directory resource accumulates into its own ResAccumulator, a component into its parent's
  const parentAcc = env.acc;
  if (mode === 'resource') env.acc = emptyAccumulator();
  env.pushFrame();
  env.chain.push(dir);
  env.visit(dir);
  let result: Resource[] | undefined;
  try {
    const level = loadLevel(env, dir, at);
    if (level && mode === 'resource' && level.k.kind === 'Component') {
      report(
        'component-as-resource',
        `${at.file}: ${dir} is a Component; it may only be listed under components: (as kustomize: expected kind != 'Component').`,
      );
    } else if (level && mode === 'component' && level.k.kind !== 'Component') {
      report(
        'not-a-component',
        `${at.file}: ${dir} is listed under components: but its kind is ${level.k.kind}, not Component.`,
      );
    } else if (level) {
      result = accumulateTarget(env, level, base, stages);
    }
  } finally {
    env.chain.pop();
  }
  const frame = env.popFrame();
  const acc = env.acc;
  env.acc = parentAcc;
  if (mode === 'resource' && result) mergeAccumulator(env, acc, ctx);
  if (
    mode === 'resource' &&
    result &&
    !frame.problems.some(p => p.rule === 'cycle')
  ) {
    env.cache.store(key, {
      resources: share(result),
      problems: frame.problems,
      reads: frame.reads,
      visited: frame.visited,
      acc,
    });
  }
  return result;
}

function idKey(r: Resource): string {
  const id = resIdOf(r);
  // as kustomize ResId.Equals: an empty namespace and "default" are the same
  return `${id.group}|${id.version}|${id.kind}|${id.namespace || 'default'}|${
    id.name
  }`;
}

function describe(r: Resource): string {
  const id = resIdOf(r);
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

export { contextOf, levelOf, loadLevel } from './level';
export type { Level, Stages } from './level';
