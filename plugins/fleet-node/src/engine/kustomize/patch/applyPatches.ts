/*
 * kustomize's three patch transformers over a kustomization's resources:
 * `patches:` (builtin PatchTransformer), `patchesStrategicMerge:`
 * (PatchStrategicMergeTransformer) and `patchesJson6902:`
 * (PatchJson6902Transformer). Where kustomize aborts the build, this reports
 * a problem on the kustomization entry (or the patch file) and goes on with
 * the next patch.
 */
import type { KObject, Problem, RepoPath } from '../../core/types';
import type { PatchSpec, PatchTarget } from '../types';
import type {
  Json6902Entry,
  StrategicMergeEntry,
  TransformContext,
} from '../types';
import { type ResId } from '../../core/types';
import { type Resource } from '../types';
import { resIdOf, splitApiVersion } from '../../core/resId';
import { type Json6902Op, applyJson6902 } from './json6902';
import { type SmpDoc, parsePatch, unsupportedDirective } from './parsePatch';
import { resourcesByAnyId, sameId, selectTargets } from './selectTargets';
import { strategicMerge } from './strategicMerge';
import { isStrategicMergeError } from './strategicMergeError';

type Options = { allowNameChange?: boolean; allowKindChange?: boolean };

/** Where a patch came from, for problems. */
interface Origin {
  /** Kustomization file and entry line. */
  entry: { file: RepoPath; line: number };
  /** Patch file, when the patch is not inline. */
  path?: RepoPath;
  /** How the entry is named in messages, e.g. `patches[2] of a/kustomization.yaml`. */
  label: string;
}

function report(ctx: TransformContext, p: Omit<Problem, 'cluster'>): void {
  ctx.sink.report(p);
}

/** kustomize's ResId string, e.g. `Deployment.v1.apps/web.prod` (`[noGrp]`, `[noNs]` when unset). */
export function formatResId(id: ResId): string {
  return `${id.kind}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${
    id.name
  }.${id.namespace || '[noNs]'}`;
}

/** As kustomize Resource.ApplySmPatch: merge, then restore name, namespace and (unless allowed) kind. */
function applySmp(
  res: Resource,
  patch: KObject,
  options: Options,
): Resource | null {
  const before = resIdOf(res);
  const merged = strategicMerge(res.object, patch);
  if (merged === null) return null;
  if (!options.allowKindChange) merged.kind = before.kind;
  const metadata = (merged.metadata ??= {});
  if (!options.allowNameChange) metadata.name = before.name;
  if (before.namespace) metadata.namespace = before.namespace;
  else delete metadata.namespace;
  return withObject(res, merged, before);
}

/** A copy of `res` holding `object`, recording the old id when the id changed. */
function withObject(res: Resource, object: KObject, before: ResId): Resource {
  const changed = !sameId(before, resIdOf({ ...res, object }));
  return {
    ...res,
    object,
    prevIds: changed ? [...res.prevIds, before] : res.prevIds,
  };
}

/** Applies one SMP document to resources[i] in place in the list (deleted → removed). */
function patchAt(
  list: Resource[],
  index: number,
  patch: KObject,
  options: Options,
  ctx: TransformContext,
  where: { file: RepoPath; line: number; label: string },
): void {
  try {
    const out = applySmp(list[index], patch, options);
    if (out) list[index] = out;
    else list.splice(index, 1);
  } catch (e) {
    if (!isStrategicMergeError(e)) throw e;
    report(ctx, {
      severity: 'error',
      rule: 'patch-failed',
      file: where.file,
      line: where.line,
      message: `${where.label} does not apply to ${formatResId(
        resIdOf(list[index]),
      )}: ${e.message}.`,
    });
  }
}

function docWhere(origin: Origin, doc: SmpDoc) {
  return origin.path
    ? {
        file: origin.path,
        line: doc.line,
        label: `the patch ${origin.path}:${doc.line}`,
      }
    : { ...origin.entry, label: origin.label };
}

function warnDirectives(
  docs: SmpDoc[],
  origin: Origin,
  ctx: TransformContext,
): void {
  for (const doc of docs) {
    const key = unsupportedDirective(doc.object);
    if (!key) continue;
    const w = docWhere(origin, doc);
    report(ctx, {
      severity: 'warning',
      rule: 'smp-directive-unsupported',
      file: w.file,
      line: w.line,
      message: `${w.label} uses ${key}, which kustomize does not implement: it is copied into the output as a field.`,
    });
  }
}

/** SMP without target: each document patches the one resource with its own (or a previous) id. */
function patchById(
  list: Resource[],
  docs: SmpDoc[],
  options: Options,
  origin: Origin,
  ctx: TransformContext,
): Resource[] {
  const out = [...list];
  for (const doc of docs) {
    const { group, version } = splitApiVersion(doc.object.apiVersion);
    const id: ResId = {
      group,
      version,
      kind: doc.object.kind ?? '',
      name: doc.object.metadata?.name ?? '',
      namespace: doc.object.metadata?.namespace ?? '',
    };
    const matches = resourcesByAnyId(out, id);
    const w = docWhere(origin, doc);
    if (matches.length !== 1) {
      const why =
        matches.length === 0
          ? 'no resource has this id'
          : `${matches.length} resources have this id`;
      report(ctx, {
        severity: 'error',
        rule: 'patch-no-target',
        file: w.file,
        line: w.line,
        message: `${w.label} patches ${formatResId(
          id,
        )}, but ${why} (as kustomize: "failed to find unique target for patch"); the patch was not applied.`,
      });
      continue;
    }
    patchAt(out, out.indexOf(matches[0]), doc.object, options, ctx, w);
  }
  return out;
}

/** SMP with a target: the document patches every selected resource, taking its apiVersion. */
function patchSelected(
  list: Resource[],
  doc: SmpDoc,
  target: PatchTarget,
  options: Options,
  origin: Origin,
  ctx: TransformContext,
): Resource[] {
  const selected = select(list, target, origin, ctx);
  const out = [...list];
  for (const res of selected) {
    const patch = { ...doc.object, apiVersion: res.object.apiVersion };
    patchAt(out, out.indexOf(res), patch, options, ctx, docWhere(origin, doc));
  }
  return out;
}

function select(
  list: Resource[],
  target: PatchTarget,
  origin: Origin,
  ctx: TransformContext,
): Resource[] {
  const selected = selectTargets(list, target);
  if (!Array.isArray(selected)) {
    report(ctx, {
      severity: 'error',
      rule: 'patch-target-invalid',
      ...origin.entry,
      message: `${origin.label}: ${selected.error}.`,
    });
    return [];
  }
  return selected;
}

/** JSON 6902 operations applied to every selected resource; a failing patch leaves the resource as it was. */
function patchJson(
  list: Resource[],
  ops: Json6902Op[],
  target: PatchTarget,
  origin: Origin,
  ctx: TransformContext,
): Resource[] {
  const selected = new Set(select(list, target, origin, ctx));
  return list.map(res => {
    if (!selected.has(res)) return res;
    const result = applyJson6902(res.object, ops);
    if (
      'object' in result &&
      typeof result.object === 'object' &&
      !Array.isArray(result.object)
    ) {
      return withObject(res, result.object, resIdOf(res));
    }
    const w = origin.path ? { file: origin.path, line: 1 } : origin.entry;
    const why =
      'error' in result ? result.error : 'the result is not an object';
    report(ctx, {
      severity: 'error',
      rule: 'patch-failed',
      ...w,
      message: `${origin.label} does not apply to ${formatResId(
        resIdOf(res),
      )}: ${why}; the resource was left unpatched.`,
    });
    return res;
  });
}

/** Reads a patch from a file or inline text; reports and returns undefined when it cannot be read. */
function readPatch(
  text: string | undefined,
  path: RepoPath | undefined,
  origin: Origin,
  ctx: TransformContext,
) {
  const entryProblem = (rule: string, message: string) => {
    report(ctx, { severity: 'error', rule, ...origin.entry, message });
    return undefined;
  };
  if (path !== undefined && text !== undefined && text.trim() !== '') {
    return entryProblem(
      'patch-invalid',
      `${origin.label} sets both patch and path (as kustomize: "patch and path can't be set at the same time").`,
    );
  }
  if (path !== undefined) {
    const content = ctx.readFile(path);
    if (content === undefined)
      return entryProblem(
        'missing-path',
        `${origin.label} names the patch file ${path}, which does not exist.`,
      );
    return parsePatch(content, path);
  }
  if (text === undefined || text.trim() === '') {
    return entryProblem(
      'patch-invalid',
      `${origin.label} has neither patch nor path (as kustomize: "must specify one of patch and path").`,
    );
  }
  return parsePatch(text, origin.entry.file, origin.entry.line);
}

function originOf(
  field: string,
  i: number,
  path: RepoPath | undefined,
  ctx: TransformContext,
): Origin {
  return {
    entry: { file: ctx.kustFile, line: ctx.lineOf(`${field}.${i}`) },
    path,
    label: `${field}[${i}] of ${ctx.kustFile}`,
  };
}

function reportAll(
  problems: Omit<Problem, 'cluster'>[],
  ctx: TransformContext,
): void {
  problems.forEach(p => report(ctx, p));
}

/**
 * kustomize `patches:` (PatchTransformer), in order. A strategic merge patch
 * without target patches the resource with its own id (current or previous,
 * so a name from before a base's prefix still works); with a target it
 * patches every selected resource, keeping their names, namespaces and kinds
 * unless `options.allowNameChange` / `allowKindChange`. A JSON 6902 patch
 * needs a target. Returns the new resource list (inputs are not modified;
 * resources deleted by `$patch: delete` are dropped).
 */
export function applyPatches(
  resources: Resource[],
  patches: PatchSpec[],
  ctx: TransformContext,
): Resource[] {
  let list = resources;
  patches.forEach((spec, i) => {
    const origin = originOf('patches', i, spec.path, ctx);
    // as kustomize's PatchTransformer.Config: an inline patch is strings.TrimSpace'd (patchesJson6902 and patchesStrategicMerge are not)
    const parsed = readPatch(spec.patch?.trim(), spec.path, origin, ctx);
    if (!parsed) return;
    if (parsed.type === 'invalid') {
      reportAll(parsed.problems, ctx);
      return;
    }
    const options = spec.options ?? {};
    if (parsed.type === 'json6902') {
      if (!spec.target) {
        report(ctx, {
          severity: 'error',
          rule: 'patch-target-required',
          ...origin.entry,
          message: `${origin.label} is a JSON 6902 patch without a target (as kustomize: "must specify a target for patch").`,
        });
        return;
      }
      list = patchJson(list, parsed.ops, spec.target, origin, ctx);
      return;
    }
    warnDirectives(parsed.docs, origin, ctx);
    if (!spec.target) {
      list = patchById(list, parsed.docs, options, origin, ctx);
    } else if (parsed.docs.length > 1) {
      report(ctx, {
        severity: 'error',
        rule: 'patch-invalid',
        ...origin.entry,
        message: `${origin.label} holds ${parsed.docs.length} strategic merge patches and a target (as kustomize: "Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field").`,
      });
    } else if (parsed.docs.length === 1) {
      list = patchSelected(
        list,
        parsed.docs[0],
        spec.target,
        options,
        origin,
        ctx,
      );
    }
  });
  return list;
}

/**
 * kustomize `patchesStrategicMerge:` (deprecated): every document of every
 * entry (a file, or inline YAML) patches the one resource with its id.
 */
export function applyStrategicMergePatches(
  resources: Resource[],
  entries: StrategicMergeEntry[],
  ctx: TransformContext,
): Resource[] {
  let list = resources;
  entries.forEach((entry, i) => {
    const origin = originOf('patchesStrategicMerge', i, entry.path, ctx);
    const parsed = readPatch(entry.inline, entry.path, origin, ctx);
    if (!parsed) return;
    if (parsed.type !== 'smp') {
      if (parsed.type === 'invalid') reportAll(parsed.problems, ctx);
      else
        report(ctx, {
          severity: 'error',
          rule: 'patch-invalid',
          ...origin.entry,
          message: `${origin.label} is a JSON 6902 patch, which patchesStrategicMerge cannot hold.`,
        });
      return;
    }
    warnDirectives(parsed.docs, origin, ctx);
    list = patchById(list, parsed.docs, {}, origin, ctx);
  });
  return list;
}

/**
 * kustomize `patchesJson6902:` (deprecated): each entry's operations (a file
 * or inline, JSON or YAML) applied to the resources its target selects.
 */
export function applyJson6902Patches(
  resources: Resource[],
  entries: Json6902Entry[],
  ctx: TransformContext,
): Resource[] {
  let list = resources;
  entries.forEach((entry, i) => {
    const origin = originOf('patchesJson6902', i, entry.path, ctx);
    if (!entry.target?.name) {
      report(ctx, {
        severity: 'error',
        rule: 'patch-target-required',
        ...origin.entry,
        message: `${origin.label} has no target name (as kustomize: "must specify the target name").`,
      });
      return;
    }
    const parsed = readPatch(entry.patch, entry.path, origin, ctx);
    if (!parsed) return;
    if (parsed.type !== 'json6902') {
      if (parsed.type === 'invalid') reportAll(parsed.problems, ctx);
      else
        report(ctx, {
          severity: 'error',
          rule: 'patch-invalid',
          ...origin.entry,
          message: `${origin.label} is not a list of JSON 6902 operations.`,
        });
      return;
    }
    list = patchJson(list, parsed.ops, entry.target, origin, ctx);
  });
  return list;
}
