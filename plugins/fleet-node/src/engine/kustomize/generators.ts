/*
 * kustomize's ConfigMapGenerator and SecretGenerator (api/internal/generators)
 * and how their output is absorbed into the accumulated resources
 * (resmap.appendReplaceOrMerge): create, merge or replace.
 */
import type { KObject } from '../core/types';
import { resIdOf } from '../core/resId';
import { type ResId } from '../core/types';
import { type Resource } from './types';
import type {
  GeneratorArgs,
  GeneratorOptions,
  Kustomization,
  TransformContext,
} from './types';
import { loadPairs } from './generatorSources';
import {
  idEquals,
  idString,
  type AffixedResource,
} from './transformers/resIds';

/** kustomize's MergeGlobalOptionsIntoLocal: entry labels/annotations win, flags are or-ed. */
export function mergeGeneratorOptions(
  local?: GeneratorOptions,
  global?: GeneratorOptions,
): GeneratorOptions {
  const out: GeneratorOptions = { ...(local ?? {}) };
  if (!global) return out;
  if (global.labels)
    out.labels = { ...global.labels, ...(local?.labels ?? {}) };
  if (global.annotations)
    out.annotations = { ...global.annotations, ...(local?.annotations ?? {}) };
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

const sorted = (m: Record<string, string>) =>
  Object.fromEntries(
    Object.keys(m)
      .sort()
      .map(k => [k, m[k]]),
  );

/**
 * kyaml's encodeBase64 for Secret data and ConfigMap binaryData: standard
 * base64 cut into 70-character lines, each followed by a newline once the
 * encoding reaches 70 characters.
 */
export function encodeBase64(s: string): string {
  const enc = Buffer.from(s, 'utf8').toString('base64');
  const lineLen = 70;
  if (Math.floor(enc.length / lineLen) + 1 <= 1) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += lineLen)
    out += `${enc.slice(i, i + lineLen)}\n`;
  return out;
}

/** Builds one generated object as kustomize's MakeConfigMap / MakeSecret, or undefined after reporting. */
function makeObject(
  kind: 'ConfigMap' | 'Secret',
  args: GeneratorArgs,
  opts: GeneratorOptions,
  ctx: TransformContext,
  field: string,
): KObject | undefined {
  if (!args.name) {
    ctx.sink.report({
      severity: 'error',
      rule: 'generator',
      file: ctx.kustFile,
      line: ctx.lineOf(field),
      message: `${field}: a ${kind.toLowerCase()} must have a name`,
    });
    return undefined;
  }
  const pairs = loadPairs(args, ctx, field, kind);
  const obj: KObject = {
    apiVersion: 'v1',
    kind,
    metadata: { name: args.name },
  };
  if (args.namespace) obj.metadata!.namespace = args.namespace;
  if (kind === 'ConfigMap') {
    const data: Record<string, string> = {};
    const binaryData: Record<string, string> = {};
    for (const p of pairs) {
      if (p.binary) binaryData[p.key] = encodeBase64(p.value);
      else data[p.key] = p.value;
    }
    // as kustomize: no data field at all when there are no text keys
    if (Object.keys(data).length) obj.data = sorted(data);
    if (Object.keys(binaryData).length) obj.binaryData = sorted(binaryData);
  } else {
    obj.data = sorted(
      Object.fromEntries(pairs.map(p => [p.key, encodeBase64(p.value)])),
    );
    obj.type = args.type || 'Opaque';
  }
  if (opts.labels && Object.keys(opts.labels).length)
    obj.metadata!.labels = { ...opts.labels };
  if (opts.annotations && Object.keys(opts.annotations).length)
    obj.metadata!.annotations = { ...opts.annotations };
  if (opts.immutable) obj.immutable = true;
  return obj;
}

/** Folds a merge/replace result onto the old resource, as kustomize's CopyMergeMetaDataFieldsFrom (+ MergeDataMapFrom). */
function combine(old: Resource, res: Resource, merge: boolean): Resource {
  const o = old.object;
  const n = res.object;
  const meta = n.metadata!;
  const labels = { ...(o.metadata?.labels ?? {}), ...(meta.labels ?? {}) };
  const annotations = {
    ...(o.metadata?.annotations ?? {}),
    ...(meta.annotations ?? {}),
  };
  meta.labels = labels;
  meta.annotations = annotations;
  if (!Object.keys(labels).length) delete meta.labels;
  if (!Object.keys(annotations).length) delete meta.annotations;
  meta.name = o.metadata?.name;
  if (o.metadata?.namespace) meta.namespace = o.metadata.namespace;
  else delete meta.namespace;
  if (merge) {
    for (const f of ['data', 'binaryData'] as const) {
      const m = {
        ...((o[f] as Record<string, string>) ?? {}),
        ...((n[f] as Record<string, string>) ?? {}),
      };
      if (Object.keys(m).length) n[f] = sorted(m);
    }
  }
  const out: AffixedResource = {
    ...res,
    via: old.via,
    prevIds: [...old.prevIds],
    // as kustomize: a hash suffix only when both the old and the new resource want one
    generator: {
      behavior: res.generator!.behavior,
      needsHash: !!old.generator?.needsHash && !!res.generator?.needsHash,
    },
  };
  const affixes = (old as AffixedResource).nameAffixes;
  if (affixes)
    out.nameAffixes = {
      prefixes: [...affixes.prefixes],
      suffixes: [...affixes.suffixes],
    };
  return out;
}

/** Adds one generated resource to the list as kustomize's appendReplaceOrMerge. */
function absorb(
  list: Resource[],
  res: Resource,
  ctx: TransformContext,
  field: string,
): Resource[] {
  const id = resIdOf(res);
  // the name comparison first: ids of other names cannot be equal, and most differ
  const matches = list.filter(
    r =>
      ((r.object.metadata?.name ?? '') === id.name ||
        r.prevIds.some(p => p.name === id.name)) &&
      [...r.prevIds, resIdOf(r)].some((x: ResId) => idEquals(x, id)),
  );
  const behavior = res.generator!.behavior;
  const report = (message: string) =>
    ctx.sink.report({
      severity: 'error',
      rule: 'generator',
      file: ctx.kustFile,
      line: ctx.lineOf(field),
      message,
    });
  if (matches.length === 0) {
    if (behavior !== 'create') {
      report(
        `${field}: id ${idString(id)} does not exist; cannot merge or replace`,
      );
      return list;
    }
    return [...list, res];
  }
  if (matches.length > 1) {
    report(
      `${field}: found multiple objects that could accept merge of ${idString(
        id,
      )}`,
    );
    return list;
  }
  if (behavior === 'create') {
    report(
      `${field}: id ${idString(id)} exists; behavior must be merge or replace`,
    );
    return list;
  }
  const index = list.indexOf(matches[0]);
  const next = [...list];
  next[index] = combine(matches[0], res, behavior === 'merge');
  return next;
}

/**
 * Runs `configMapGenerator` then `secretGenerator` entries in order and
 * absorbs each generated object into `resources` (create appends; merge and
 * replace rewrite the one existing resource with the same current or
 * previous id, in place). Names get no hash here: {@link applyHashSuffixes}
 * adds it at the top level. Returns the new list; problems are reported.
 */
export function runGenerators(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  let list = resources;
  const groups: [
    'ConfigMap' | 'Secret',
    string,
    GeneratorArgs[] | undefined,
  ][] = [
    ['ConfigMap', 'configMapGenerator', k.configMapGenerator],
    ['Secret', 'secretGenerator', k.secretGenerator],
  ];
  for (const [kind, key, entries] of groups) {
    for (const [i, args] of (entries ?? []).entries()) {
      const field = `${key}.${i}`;
      const opts = mergeGeneratorOptions(args.options, k.generatorOptions);
      const object = makeObject(kind, args, opts, ctx, field);
      if (!object) continue;
      const res: Resource = {
        object,
        source: { file: ctx.kustFile, line: ctx.lineOf(field) },
        via: [],
        prevIds: [],
        generator: {
          behavior: args.behavior ?? 'create',
          needsHash: !opts.disableNameSuffixHash,
        },
      };
      list = absorb(list, res, ctx, field);
    }
  }
  return list;
}
