/*
 * kustomize's transformer configurations (api/internal/plugins/builtinconfig):
 * the files listed under `configurations:` hold field specs that are merged
 * with the builtin ones (TransformerConfig.Merge, FsSlice.MergeAll: a spec
 * of the same group/version/kind and path is kept once; nbrSlice.mergeAll:
 * the referrers of a nameReference of the same group/version/kind join the
 * existing entry). The engine keeps only the custom part; each transformer
 * merges it behind its builtin specs, as kustomize puts the defaults first.
 */
import { parseBounded } from '../../yaml';
import type { FieldSpec, NameBackReference, TransformerConfig } from '../types';
import { isRecord } from '../../core/records';

type FsKey = Exclude<keyof TransformerConfig, 'nameReference'>;

const FS_KEYS: FsKey[] = [
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'templateLabels',
  'commonAnnotations',
  'images',
  'replicas',
  'varReference',
];

/** A configuration that adds nothing. */
export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    templateLabels: [],
    commonAnnotations: [],
    images: [],
    replicas: [],
    varReference: [],
    nameReference: [],
  };
}

/** kustomize's FieldSpec.effectivelyEquals: same path, and `existing` is selected by the other's gvk (its set fields). */
function effectivelyEquals(existing: FieldSpec, other: FieldSpec): boolean {
  return (
    existing.path === other.path &&
    (!other.group || existing.group === other.group) &&
    (!other.version || existing.version === other.version) &&
    (!other.kind || existing.kind === other.kind)
  );
}

/**
 * Appends each `extra` spec unless one already there is effectively equal
 * to it (kustomize's FsSlice.MergeAll / MergeOne). A match that differs in
 * `create` is kustomize's "conflicting fieldspecs" error: `onConflict` is
 * told and the spec is not added.
 */
export function mergeFieldSpecs(
  base: FieldSpec[],
  extra: FieldSpec[],
  onConflict?: (spec: FieldSpec) => void,
): FieldSpec[] {
  if (extra.length === 0) return base;
  const out = [...base];
  for (const f of extra) {
    const same = out.find(x => effectivelyEquals(x, f));
    if (!same) out.push(f);
    else if (!!same.create !== !!f.create) onConflict?.(f);
  }
  return out;
}

const gvkEquals = (a: NameBackReference, b: NameBackReference) =>
  (a.group ?? '') === (b.group ?? '') &&
  (a.version ?? '') === (b.version ?? '') &&
  a.kind === b.kind;

/** kustomize's nbrSlice.mergeAll: referrers join an entry of the same gvk, else the entry is appended. */
export function mergeNameReferences(
  base: NameBackReference[],
  extra: NameBackReference[],
): NameBackReference[] {
  if (extra.length === 0) return base;
  const out = base.map(b => ({ ...b }));
  for (const e of extra) {
    const same = out.find(b => gvkEquals(b, e));
    if (same) same.referrers = mergeFieldSpecs(same.referrers, e.referrers);
    else out.push({ ...e });
  }
  return out;
}

/** `a` merged with `b` (TransformerConfig.Merge); neither is changed. */
export function mergeConfig(
  a: TransformerConfig,
  b: TransformerConfig,
): TransformerConfig {
  const out = { ...a };
  for (const key of FS_KEYS) out[key] = mergeFieldSpecs(a[key], b[key]);
  out.nameReference = mergeNameReferences(a.nameReference, b.nameReference);
  return out;
}

function fieldSpecs(v: unknown): FieldSpec[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map(f => {
    const s = (x: unknown) => (typeof x === 'string' && x ? x : undefined);
    const spec: FieldSpec = { path: typeof f.path === 'string' ? f.path : '' };
    if (s(f.group)) spec.group = s(f.group);
    if (s(f.version)) spec.version = s(f.version);
    if (s(f.kind)) spec.kind = s(f.kind);
    if (f.create === true) spec.create = true;
    return spec;
  });
}

/**
 * Reads one configuration file as kustomize's loadDefaultConfig
 * (sigs.k8s.io/yaml, not strict: unknown keys are ignored). Returns an error
 * message when the text is not YAML or not a mapping.
 */
export function readConfigurationFile(
  text: string,
): TransformerConfig | { error: string } {
  let doc: unknown;
  try {
    doc = parseBounded(text);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (doc === null || doc === undefined) return emptyConfig();
  if (!isRecord(doc)) return { error: 'not a mapping' };
  const config = emptyConfig();
  for (const key of FS_KEYS) config[key] = fieldSpecs(doc[key]);
  config.nameReference = (
    Array.isArray(doc.nameReference) ? doc.nameReference : []
  )
    .filter(isRecord)
    .map(n => {
      const ref: NameBackReference = {
        kind: typeof n.kind === 'string' ? n.kind : '',
        referrers: fieldSpecs(n.fieldSpecs),
      };
      if (typeof n.group === 'string' && n.group) ref.group = n.group;
      if (typeof n.version === 'string' && n.version) ref.version = n.version;
      return ref;
    });
  return config;
}
