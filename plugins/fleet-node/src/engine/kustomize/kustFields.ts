/*
 * Field-by-field reading of a kustomization mapping into {@link Kustomization},
 * mirroring kustomize's strict unmarshalling (unknown field → error) and
 * FixKustomization (bases → resources, imageTags → images, env → envs).
 * File paths are resolved against the kustomization directory here.
 */
import type { ImageSpec, PatchSpec, PatchTarget, RepoPath } from '../types';
import { basenameOf, isRemoteRef, resolveRef } from '../paths';
import type {
  GeneratorArgs,
  GeneratorOptions,
  Json6902Entry,
  Kustomization,
  LabelEntry,
  ReplacementEntry,
  ReplicaEntry,
  SortOptions,
  StrategicMergeEntry,
} from './kustomization';
import type { ProblemSink } from './resource';

/** Where the fields come from. */
export interface FieldContext {
  file: RepoPath;
  dir: RepoPath;
  sink: ProblemSink;
  lineOf(field: string): number;
}

/** kustomize fields the engine does not render: reported, never silently ignored. */
const UNSUPPORTED = [
  'openapi', 'vars', 'crds', 'configurations', 'generators', 'transformers', 'validators',
  'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'buildMetadata',
];
const KNOWN = new Set([
  ...UNSUPPORTED, 'apiVersion', 'kind', 'metadata', 'namespace', 'namePrefix', 'nameSuffix',
  'commonLabels', 'labels', 'commonAnnotations', 'resources', 'bases', 'components', 'patches',
  'patchesStrategicMerge', 'patchesJson6902', 'images', 'imageTags', 'replicas', 'replacements',
  'configMapGenerator', 'secretGenerator', 'generatorOptions', 'sortOptions',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads every field of `obj`; bad fields are reported (`invalid-field`, `unknown-field`, `unsupported-field`, `path-escape`) and dropped. */
export function readKustomizationFields(obj: Obj, ctx: FieldContext): Kustomization {
  const report = (rule: string, field: string, message: string, severity: 'error' | 'warning' = 'error') =>
    ctx.sink.report({ severity, rule, file: ctx.file, line: ctx.lineOf(field), message: `${ctx.file}: ${message}` });
  const invalid = (field: string, expected: string) => {
    report('invalid-field', field, `${field} must be ${expected}; it was ignored.`);
    return undefined;
  };
  const str = (v: unknown, field: string) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : invalid(field, 'a string'));
  const bool = (v: unknown, field: string) => (v === undefined || v === null ? undefined : typeof v === 'boolean' ? v : invalid(field, 'true or false'));
  const strList = (v: unknown, field: string): string[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some(x => typeof x !== 'string')) return invalid(field, 'a list of strings');
    return v as string[];
  };
  const strMap = (v: unknown, field: string): Record<string, string> | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v) || Object.values(v).some(x => typeof x !== 'string')) return invalid(field, 'a map of strings (quote numbers and booleans)');
    return v as Record<string, string>;
  };
  const list = (v: unknown, field: string): Obj[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some(x => !isObj(x))) return invalid(field, 'a list of mappings') ?? [];
    return v as Obj[];
  };
  const file = (ref: unknown, field: string): RepoPath | undefined => {
    if (typeof ref !== 'string' || ref === '') return invalid(field, 'a file path');
    if (isRemoteRef(ref)) {
      report('remote-base', field, `${field} refers to the remote file ${ref}, which the engine does not fetch.`);
      return undefined;
    }
    const r = resolveRef(ctx.dir, ref);
    if ('escape' in r) {
      report('path-escape', field, `${field} ${ref} is ${r.reason === 'absolute' ? 'an absolute path' : 'outside the repository'}; it was skipped.`);
      return undefined;
    }
    return r.path;
  };
  const target = (v: unknown, field: string): PatchTarget | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) return invalid(field, 'a mapping');
    const t: PatchTarget = {};
    for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
      const s = str(v[k], `${field}.${k}`);
      if (s !== undefined) t[k] = s;
    }
    return t;
  };
  const genOptions = (v: unknown, field: string): GeneratorOptions | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isObj(v)) return invalid(field, 'a mapping');
    return clean({
      labels: strMap(v.labels, `${field}.labels`),
      annotations: strMap(v.annotations, `${field}.annotations`),
      disableNameSuffixHash: bool(v.disableNameSuffixHash, `${field}.disableNameSuffixHash`),
      immutable: bool(v.immutable, `${field}.immutable`),
    });
  };
  const generator = (g: Obj, field: string, secret: boolean): GeneratorArgs => {
    const behavior = str(g.behavior, `${field}.behavior`);
    if (behavior && !['create', 'merge', 'replace'].includes(behavior)) invalid(`${field}.behavior`, 'create, merge or replace');
    const files = (strList(g.files, `${field}.files`) ?? []).flatMap((src, i) => {
      // as kustomize ParseFileSource: `[key=]path`, key defaults to the base name
      const parts = src.split('=');
      if (parts.length > 2 || parts.some(p => p === '')) return invalid(`${field}.files.${i}`, '[key=]path with no "=" in the key or path') ?? [];
      const path = file(parts[parts.length - 1], `${field}.files.${i}`);
      return path === undefined ? [] : [{ key: parts.length === 2 ? parts[0] : basenameOf(path), path }];
    });
    const envRefs = [...(strList(g.envs, `${field}.envs`) ?? [])];
    const env = str(g.env, `${field}.env`);
    if (env) envRefs.push(env);
    const envs = envRefs.flatMap((e, i) => file(e, `${field}.envs.${i}`) ?? []);
    return clean({
      name: str(g.name, `${field}.name`),
      namespace: str(g.namespace, `${field}.namespace`),
      behavior: behavior as GeneratorArgs['behavior'],
      literals: strList(g.literals, `${field}.literals`),
      files: files.length > 0 ? files : undefined,
      envs: envs.length > 0 ? envs : undefined,
      options: genOptions(g.options, `${field}.options`),
      type: secret ? str(g.type, `${field}.type`) : undefined,
    });
  };

  for (const key of Object.keys(obj)) {
    if (!KNOWN.has(key)) report('unknown-field', key, `unknown field "${key}" (as kustomize: invalid Kustomization); it was ignored.`);
    else if (UNSUPPORTED.includes(key) && !isEmpty(obj[key])) {
      report('unsupported-field', key, `the field "${key}" is not supported by the engine; its effect is not rendered.`);
    }
  }
  const k: Kustomization = { apiVersion: '', kind: 'Kustomization', resources: [], components: [] };
  k.namespace = str(obj.namespace, 'namespace');
  k.namePrefix = str(obj.namePrefix, 'namePrefix');
  k.nameSuffix = str(obj.nameSuffix, 'nameSuffix');
  k.commonLabels = strMap(obj.commonLabels, 'commonLabels');
  k.commonAnnotations = strMap(obj.commonAnnotations, 'commonAnnotations');
  k.labels = list(obj.labels, 'labels').map((l, i): LabelEntry => clean({
    pairs: strMap(l.pairs, `labels.${i}.pairs`) ?? {},
    includeSelectors: bool(l.includeSelectors, `labels.${i}.includeSelectors`),
    includeTemplates: bool(l.includeTemplates, `labels.${i}.includeTemplates`),
    fields: Array.isArray(l.fields) ? (l.fields as LabelEntry['fields']) : undefined,
  }));
  // as kustomize FixKustomization: bases are appended to resources
  k.resources = [...(strList(obj.resources, 'resources') ?? []), ...(strList(obj.bases, 'bases') ?? [])];
  k.components = strList(obj.components, 'components') ?? [];
  k.patches = list(obj.patches, 'patches').flatMap((p, i): PatchSpec[] => {
    const path = p.path === undefined ? undefined : file(p.path, `patches.${i}.path`);
    if (p.path !== undefined && path === undefined) return [];
    return [clean({
      patch: str(p.patch, `patches.${i}.patch`),
      path,
      target: target(p.target, `patches.${i}.target`),
      options: isObj(p.options) ? (p.options as PatchSpec['options']) : undefined,
    })];
  });
  k.patchesStrategicMerge = (strList(obj.patchesStrategicMerge, 'patchesStrategicMerge') ?? []).flatMap((p, i): StrategicMergeEntry[] => {
    // as kustomize PatchStrategicMergeTransformer: an entry that parses as an object is an inline patch
    if (p.includes('\n') || /^\s*[{[]/.test(p) || /^\s*[\w.-]+\s*:\s/.test(p)) return [{ inline: p }];
    const path = file(p, `patchesStrategicMerge.${i}`);
    return path === undefined ? [] : [{ path }];
  });
  k.patchesJson6902 = list(obj.patchesJson6902, 'patchesJson6902').flatMap((p, i): Json6902Entry[] => {
    const t = target(p.target, `patchesJson6902.${i}.target`);
    if (!t?.name) return invalid(`patchesJson6902.${i}.target`, 'a target with a name') ?? [];
    const path = p.path === undefined ? undefined : file(p.path, `patchesJson6902.${i}.path`);
    if (p.path !== undefined && path === undefined) return [];
    return [clean({ target: t as PatchTarget & { name: string }, path, patch: str(p.patch, `patchesJson6902.${i}.patch`) })];
  });
  // as kustomize FixKustomization: imageTags are appended to images
  k.images = [...list(obj.images, 'images'), ...list(obj.imageTags, 'imageTags')].map((im, i): ImageSpec => clean({
    name: str(im.name, `images.${i}.name`) ?? '',
    newName: str(im.newName, `images.${i}.newName`),
    newTag: str(im.newTag, `images.${i}.newTag`),
    digest: str(im.digest, `images.${i}.digest`),
  }));
  k.replicas = list(obj.replicas, 'replicas').flatMap((r, i): ReplicaEntry[] =>
    typeof r.name === 'string' && typeof r.count === 'number' ? [{ name: r.name, count: r.count }] : invalid(`replicas.${i}`, 'a name and a numeric count') ?? []);
  k.replacements = list(obj.replacements, 'replacements').flatMap((r, i): ReplacementEntry[] => {
    if (r.path === undefined) return [r as ReplacementEntry];
    const path = file(r.path, `replacements.${i}.path`);
    return path === undefined ? [] : [{ path }];
  });
  k.configMapGenerator = list(obj.configMapGenerator, 'configMapGenerator').map((g, i) => generator(g, `configMapGenerator.${i}`, false));
  k.secretGenerator = list(obj.secretGenerator, 'secretGenerator').map((g, i) => generator(g, `secretGenerator.${i}`, true));
  k.generatorOptions = genOptions(obj.generatorOptions, 'generatorOptions');
  k.buildMetadata = strList(obj.buildMetadata, 'buildMetadata');
  k.sortOptions = sortOptions(obj.sortOptions, invalid);
  return clean(k);
}

function sortOptions(v: unknown, invalid: (field: string, expected: string) => undefined): SortOptions | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v) || (v.order !== 'legacy' && v.order !== 'fifo')) return invalid('sortOptions.order', 'legacy or fifo');
  if (v.order === 'fifo' && v.legacySortOptions !== undefined) return invalid('sortOptions.legacySortOptions', 'unset when the order is fifo');
  const l = v.legacySortOptions;
  if (l === undefined || l === null) return { order: v.order };
  if (!isObj(l)) return invalid('sortOptions.legacySortOptions', 'a mapping');
  const strs = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return { order: 'legacy', legacySortOptions: { orderFirst: strs(l.orderFirst), orderLast: strs(l.orderLast) } };
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

/**
 * Drops undefined fields and empty lists so whole-object assertions stay
 * readable; copies rather than deletes, which would put objects in V8's slow mode.
 */
function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    const value = (o as Record<string, unknown>)[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0 && key !== 'resources' && key !== 'components')) continue;
    out[key] = value;
  }
  return out as T;
}
