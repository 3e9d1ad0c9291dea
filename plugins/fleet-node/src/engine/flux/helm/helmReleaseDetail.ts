/*
 * What a HelmRelease would install, as far as Git says without rendering
 * the chart (no Helm binary here): the chart and its version (a chartRef's
 * OCIRepository `ref.tag` / `ref.semver` when the OCIRepository is in the
 * cluster's tree), the effective values merged as helm-controller does
 * (every `valuesFrom` in order, then the inline `values` on top; Secret
 * values redacted), and the post-renderers recorded as declared.
 */
import { isRecord } from '../../core/records';
import type { KObject } from '../../core/types';
import { mergeValues, setAtPath } from './mergeValues';

/** Shown instead of a value that came from a Secret. */
export const REDACTED = '<redacted>';

/** One `valuesFrom` entry and what the repository holds for it. */
export interface ValuesSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  valuesKey: string;
  targetPath?: string;
  optional: boolean;
  /** `found` when the object and key are in the cluster's tree; else the values are unknown here. */
  status: 'found' | 'missing-object' | 'missing-key' | 'invalid';
}

/** A HelmRelease as Git declares it for one cluster. */
export interface HelmReleaseDetail {
  chart: string | null;
  /** The chart version, or null when neither the HelmRelease nor an OCIRepository in Git pins one. */
  version: string | null;
  /** Where the version comes from. */
  versionFrom:
    | 'chart'
    | 'ocirepository-tag'
    | 'ocirepository-semver'
    | 'ocirepository-digest'
    | null;
  values: Record<string, unknown>;
  valuesFrom: ValuesSource[];
  /** `spec.postRenderers` as declared (kustomize patches and images). */
  postRenderers: unknown[];
  /** Always false: charts are modelled, not rendered. */
  rendered: false;
}

type Lookup = (
  kind: string,
  namespace: string,
  name: string,
) => KObject | undefined;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function decode(secret: KObject, key: string): string | undefined {
  const data = isRecord(secret.data) ? str(secret.data[key]) : undefined;
  if (data !== undefined) return Buffer.from(data, 'base64').toString('utf8');
  return isRecord(secret.stringData) ? str(secret.stringData[key]) : undefined;
}

/** The text under `key` of a ConfigMap's data or a Secret's (decoded) data or stringData. */
function valuesText(
  obj: KObject,
  kind: 'ConfigMap' | 'Secret',
  key: string,
): string | undefined {
  if (kind === 'Secret') return decode(obj, key);
  return isRecord(obj.data) ? str(obj.data[key]) : undefined;
}

/** Every leaf of `v` replaced by {@link REDACTED}. */
function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (isRecord(v))
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, redact(x)]),
    );
  return REDACTED;
}

function chartOf(hr: KObject, lookup: Lookup, namespace: string) {
  const spec = isRecord(hr.spec) ? hr.spec : {};
  const chart =
    isRecord(spec.chart) && isRecord(spec.chart.spec)
      ? spec.chart.spec
      : undefined;
  if (chart) {
    const version = chart.version === undefined ? null : String(chart.version);
    return {
      chart: str(chart.chart) ?? null,
      version,
      versionFrom: version ? ('chart' as const) : null,
    };
  }
  const ref = isRecord(spec.chartRef) ? spec.chartRef : undefined;
  if (!ref || !str(ref.name))
    return { chart: null, version: null, versionFrom: null };
  const kind = str(ref.kind) ?? 'OCIRepository';
  const repo = lookup(kind, str(ref.namespace) ?? namespace, str(ref.name)!);
  const r =
    repo && isRecord(repo.spec) && isRecord(repo.spec.ref)
      ? repo.spec.ref
      : undefined;
  const url = repo && isRecord(repo.spec) ? str(repo.spec.url) : undefined;
  const name = url
    ? url.replace(/\/+$/, '').split('/').pop()!
    : `${kind}/${str(ref.name)}`;
  // as source-controller: digest wins over semver, semver over tag
  if (r && str(r.digest))
    return {
      chart: name,
      version: str(r.digest)!,
      versionFrom: 'ocirepository-digest' as const,
    };
  if (r && str(r.semver))
    return {
      chart: name,
      version: str(r.semver)!,
      versionFrom: 'ocirepository-semver' as const,
    };
  if (r && str(r.tag))
    return {
      chart: name,
      version: str(r.tag)!,
      versionFrom: 'ocirepository-tag' as const,
    };
  return { chart: name, version: null, versionFrom: null };
}

/**
 * The detail of HelmRelease `hr` in a cluster whose objects `lookup` finds.
 * Values from Secrets are redacted leaf by leaf: the keys show, the values do not.
 */
export function helmReleaseDetail(
  hr: KObject,
  lookup: Lookup,
): HelmReleaseDetail {
  const namespace = hr.metadata?.namespace || 'default';
  const spec = isRecord(hr.spec) ? hr.spec : {};
  let values: Record<string, unknown> = {};
  const sources: ValuesSource[] = [];
  for (const entry of Array.isArray(spec.valuesFrom)
    ? spec.valuesFrom.filter(isRecord)
    : []) {
    const kind = entry.kind === 'Secret' ? 'Secret' : 'ConfigMap';
    const source: ValuesSource = {
      kind,
      name: str(entry.name) ?? '',
      valuesKey: str(entry.valuesKey) ?? 'values.yaml',
      ...(str(entry.targetPath) ? { targetPath: str(entry.targetPath) } : {}),
      optional: entry.optional === true,
      status: 'found',
    };
    sources.push(source);
    const obj = lookup(kind, namespace, source.name);
    if (!obj) {
      source.status = 'missing-object';
      continue;
    }
    const text = valuesText(obj, kind, source.valuesKey);
    if (text === undefined) {
      source.status = 'missing-key';
      continue;
    }
    const merged = source.targetPath
      ? setAtPath(
          values,
          source.targetPath,
          kind === 'Secret' ? REDACTED : text,
        )
      : mergeValues(values, text, kind === 'Secret' ? redact : undefined);
    if (merged === undefined) source.status = 'invalid';
    else values = merged;
  }
  // as helm-controller: the inline values are merged last and win
  if (isRecord(spec.values))
    values = mergeValues(values, spec.values) ?? values;
  return {
    ...chartOf(hr, lookup, namespace),
    values,
    valuesFrom: sources,
    postRenderers: Array.isArray(spec.postRenderers) ? spec.postRenderers : [],
    rendered: false,
  };
}

/** Finds objects by kind, namespace and name among `objects`. */
export function lookupIn(
  objects: Iterable<KObject>,
): (kind: string, namespace: string, name: string) => KObject | undefined {
  const byId = new Map<string, KObject>();
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.namespace || 'default'}/${
      o.metadata?.name
    }`;
    if (!byId.has(id)) byId.set(id, o);
  }
  return (kind, namespace, name) => byId.get(`${kind}/${namespace}/${name}`);
}
