/*
 * Reading Flux objects (Kustomization, GitRepository, ArtifactGenerator,
 * HelmRelease) out of rendered KObjects. Only the fields the resolver follows
 * are read; anything malformed reads as absent.
 */
import { stringify } from 'yaml';
import type {
  FluxOverrides,
  ImageSpec,
  PatchSpec,
  PatchTarget,
} from '../kustomize/types';
import type { KObject, SourceRef } from '../core/types';
import { isRecord } from '../core/records';

/** Flux's kustomize.toolkit.fluxcd.io group. */
export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
/** Flux's source.toolkit.fluxcd.io group. */
export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
/** source-watcher's group (ArtifactGenerator, Flux 2.7+). */
export const FLUX_SOURCE_EXT_GROUP = 'source.extensions.fluxcd.io';

/** A namespaced reference to a Flux source. */
export interface FluxSourceRef {
  kind: string;
  name: string;
  namespace: string;
}

/** The `spec.postBuild.substituteFrom` entry. */
export interface SubstituteFromRef {
  kind: string;
  name: string;
  optional: boolean;
}

/** The parts of a Flux Kustomization the resolver follows. */
export interface FluxKustomizationSpec {
  /** `<namespace>/<name>` */
  id: string;
  namespace: string;
  name: string;
  /** spec.path as written ('' when unset, which Flux reads as the source root). */
  path: string;
  sourceRef: FluxSourceRef | null;
  targetNamespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  patches: PatchSpec[];
  images: ImageSpec[];
  /** spec.components as written (relative to spec.path). */
  components: string[];
  commonMetadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  substitute: Record<string, string>;
  substituteFrom: SubstituteFromRef[];
  hasPostBuild: boolean;
  /** `<namespace>/<name>` of each dependsOn entry (namespace defaulting to the Kustomization's). */
  dependsOn: string[];
  suspend: boolean;
  /** spec.kubeConfig is set: the objects go to another cluster. */
  remoteCluster: boolean;
}

/** The group of an apiVersion ('' for core). */
export function groupOf(obj: KObject): string {
  const av = obj.apiVersion ?? '';
  const i = av.lastIndexOf('/');
  return i < 0 ? '' : av.slice(0, i);
}

/** True when `obj` is a `kind` of the given API group. */
export function isKind(obj: KObject, group: string, kind: string): boolean {
  return obj.kind === kind && groupOf(obj) === group;
}

/** True for a Flux Kustomization (kustomize.toolkit.fluxcd.io/*). */
export function isFluxKustomization(obj: KObject): boolean {
  return isKind(obj, FLUX_KUSTOMIZE_GROUP, 'Kustomization');
}

/** `<namespace>/<name>` of an object ('default' namespace when unset, as the API server). */
export function namespacedName(obj: KObject): string {
  return `${obj.metadata?.namespace || 'default'}/${obj.metadata?.name ?? ''}`;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const stringMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (isRecord(v))
    for (const [k, x] of Object.entries(v))
      if (x !== null && x !== undefined) out[k] = String(x);
  return out;
};

/** The spec of a Flux Kustomization object, normalised. */
export function readFluxKustomization(obj: KObject): FluxKustomizationSpec {
  const namespace = obj.metadata?.namespace || 'default';
  const name = obj.metadata?.name ?? '';
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const src = isRecord(spec.sourceRef) ? spec.sourceRef : undefined;
  const postBuild = isRecord(spec.postBuild) ? spec.postBuild : undefined;
  return {
    id: `${namespace}/${name}`,
    namespace,
    name,
    path: str(spec.path) ?? '',
    sourceRef: src
      ? {
          kind: str(src.kind) ?? '',
          name: str(src.name) ?? '',
          namespace: str(src.namespace) || namespace,
        }
      : null,
    targetNamespace: str(spec.targetNamespace) || undefined,
    namePrefix: str(spec.namePrefix) || undefined,
    nameSuffix: str(spec.nameSuffix) || undefined,
    patches: readPatches(spec),
    images: list(spec.images)
      .filter(isRecord)
      .map(i => ({
        name: str(i.name) ?? '',
        ...(str(i.newName) ? { newName: str(i.newName) } : {}),
        ...(i.newTag !== undefined ? { newTag: String(i.newTag) } : {}),
        ...(str(i.digest) ? { digest: str(i.digest) } : {}),
      })),
    components: list(spec.components).filter(
      (c): c is string => typeof c === 'string',
    ),
    commonMetadata: isRecord(spec.commonMetadata)
      ? {
          labels: stringMap(spec.commonMetadata.labels),
          annotations: stringMap(spec.commonMetadata.annotations),
        }
      : undefined,
    substitute: stringMap(postBuild?.substitute),
    substituteFrom: list(postBuild?.substituteFrom)
      .filter(isRecord)
      .map(s => ({
        kind: str(s.kind) ?? '',
        name: str(s.name) ?? '',
        optional: s.optional === true,
      })),
    hasPostBuild: postBuild !== undefined,
    dependsOn: list(spec.dependsOn)
      .filter(isRecord)
      .map(d => `${str(d.namespace) || namespace}/${str(d.name) ?? ''}`),
    suspend: spec.suspend === true,
    remoteCluster: isRecord(spec.kubeConfig),
  };
}

/** spec.patches plus the v1beta2 patchesStrategicMerge / patchesJson6902, as kustomize patches. */
function readPatches(spec: Record<string, unknown>): PatchSpec[] {
  const patches: PatchSpec[] = list(spec.patches)
    .filter(isRecord)
    .map(p => ({
      ...(str(p.patch) !== undefined ? { patch: str(p.patch) } : {}),
      ...(isRecord(p.target) ? { target: p.target as PatchTarget } : {}),
    }));
  for (const smp of list(spec.patchesStrategicMerge).filter(isRecord)) {
    patches.push({ patch: stringify(smp) });
  }
  for (const j of list(spec.patchesJson6902).filter(isRecord)) {
    patches.push({
      patch: JSON.stringify(list(j.patch)),
      ...(isRecord(j.target) ? { target: j.target as PatchTarget } : {}),
    });
  }
  return patches;
}

/**
 * The overrides kustomize-controller writes into the kustomization it builds
 * (targetNamespace, namePrefix/Suffix, patches, images, components, commonMetadata).
 * `components` are resolved by the caller (they are relative to spec.path).
 */
export function fluxOverridesOf(
  spec: FluxKustomizationSpec,
  components: string[],
  declaredAt: SourceRef,
): FluxOverrides {
  const o: FluxOverrides = { declaredAt };
  if (spec.targetNamespace) o.namespace = spec.targetNamespace;
  if (spec.namePrefix) o.namePrefix = spec.namePrefix;
  if (spec.nameSuffix) o.nameSuffix = spec.nameSuffix;
  if (spec.patches.length) o.patches = spec.patches;
  if (spec.images.length) o.images = spec.images;
  if (components.length) o.components = components;
  if (spec.commonMetadata) o.commonMetadata = spec.commonMetadata;
  return o;
}

/** A GitRepository's URL, normalised so ssh/https spellings of one repository compare equal. */
export function normalizeGitUrl(url: string): string {
  let u = url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  u = u.replace(/^[a-z+]+:\/\//i, '').replace(/^[^@/]+@/, '');
  // scp-like `host:owner/repo`
  u = u.replace(/^([^/:]+):(?!\d+\/)/, '$1/');
  u = u.replace(/^([^/:]+):\d+\//, '$1/');
  return u.toLowerCase();
}

/** spec.url of a GitRepository, or undefined. */
export function gitRepositoryUrl(obj: KObject): string | undefined {
  return isRecord(obj.spec) ? str(obj.spec.url) : undefined;
}

/** A GitRepository's `spec.ignore` (gitignore lines), when it has one. */
export function ignoreOf(obj: KObject): string | undefined {
  return isRecord(obj.spec) ? str(obj.spec.ignore) : undefined;
}

/** Chart name and version of a HelmRelease (spec.chart.spec, or spec.chartRef's name). */
export function helmChartOf(obj: KObject): {
  chart?: string;
  version?: string;
} {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const chart =
    isRecord(spec.chart) && isRecord(spec.chart.spec)
      ? spec.chart.spec
      : undefined;
  if (chart) {
    return {
      ...(str(chart.chart) ? { chart: str(chart.chart) } : {}),
      ...(chart.version !== undefined
        ? { version: String(chart.version) }
        : {}),
    };
  }
  const ref = isRecord(spec.chartRef) ? spec.chartRef : undefined;
  if (ref && str(ref.name))
    return { chart: `${str(ref.kind) ?? 'OCIRepository'}/${str(ref.name)}` };
  return {};
}
