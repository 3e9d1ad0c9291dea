/*
 * The last steps of kustomize's krusty.Kustomizer.Run after
 * makeCustomizedResMap: sort (legacy order unless sortOptions says fifo, as
 * kubectl kustomize v5.5 defaults to legacy), then removal of build
 * annotations. Resources leave as BuiltResource: no internal bookkeeping.
 */
import type { BuiltResource } from './types';
import type { KObject } from '../core/types';
import type { SortOptions } from './types';
import type { Resource } from './types';
import { resIdOf } from '../core/resId';
import { own } from './sharedObjects';
import { resolveSecretCopies } from './transformers/secretCopyValues';

/** A Secret's own data, redacted whole wherever it is shown. */
const ownSecretData = (r: Resource, key: string) =>
  r.object.kind === 'Secret' && (key === 'data' || key === 'stringData');

/** kustomize's defaultOrderFirst (SortOrderTransformer), "DO NOT CHANGE" upstream. */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
/** kustomize's defaultOrderLast. */
const ORDER_LAST = [
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

/** Annotations kustomize removes from its output (RemoveBuildAnnotations, RemoveOriginAnnotations, RemoveTransformerAnnotations). */
const BUILD_ANNOTATIONS = new Set([
  ...[
    'previousKinds',
    'previousNames',
    'prefixes',
    'suffixes',
    'previousNamespaces',
    'refBy',
    'generatorBehavior',
    'needsHashSuffix',
    'allowNameChange',
    'allowKindChange',
    'path',
    'index',
    'seqindent',
    'id',
    'annotations-migration-resource-id',
  ].map(n => `internal.config.kubernetes.io/${n}`),
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
  'config.kubernetes.io/origin',
  'alpha.config.kubernetes.io/transformations',
]);

/**
 * Orders resources as kustomize's SortOrderTransformer: `fifo` keeps
 * accumulation order; `legacy` (the default) ranks kinds by orderFirst /
 * orderLast, then by group_version_kind, then by namespace and name.
 */
export function sortResources<T extends Resource>(
  resources: T[],
  options: SortOptions | undefined,
): T[] {
  const order = options?.order ?? 'legacy';
  if (order === 'fifo') return resources;
  const first = options?.legacySortOptions?.orderFirst ?? ORDER_FIRST;
  const last = options?.legacySortOptions?.orderLast ?? ORDER_LAST;
  const rank = new Map<string, number>();
  first.forEach((k, i) => rank.set(k, -first.length + i));
  last.forEach((k, i) => rank.set(k, 1 + i));
  const keyed = resources.map(r => {
    const id = resIdOf(r);
    const gvk = `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`;
    return {
      r,
      rank: rank.get(id.kind) ?? 0,
      gvk,
      rest: `${id.namespace || '~X'}|${id.name || '~N'}`,
    };
  });
  keyed.sort((a, b) => {
    if (a.gvk !== b.gvk) {
      if (a.rank !== b.rank) return a.rank - b.rank;
      return a.gvk < b.gvk ? -1 : 1;
    }
    if (a.rest === b.rest) return 0;
    return a.rest < b.rest ? -1 : 1;
  });
  return keyed.map(k => k.r);
}

/**
 * Strips kustomize's build annotations (an annotations map left empty is
 * removed, as kyaml does) and the engine's bookkeeping (prevIds, generator);
 * the fields copied from Secret data stay recorded, as paths resolved from
 * the copied texts where they are now.
 */
export function toBuiltResources(resources: Resource[]): BuiltResource[] {
  return resources.map(r => {
    const out: BuiltResource = {
      object: stripBuildAnnotations(r),
      source: r.source,
      via: r.via,
    };
    // where the copies are now, after every list edit since they were made
    const found = resolveSecretCopies(r, out.object, key =>
      ownSecretData(r, key),
    );
    const secretPaths = found ?? r.secretPaths;
    if (secretPaths?.length) out.secretPaths = secretPaths;
    if (r.plainPaths) out.plainPaths = r.plainPaths;
    return out;
  });
}

function stripBuildAnnotations(r: Resource): KObject {
  const found = r.object.metadata?.annotations;
  if (!found || typeof found !== 'object') return r.object;
  // most objects carry none: only those that do (or an empty map) are copied if shared, and written
  const keys = Object.keys(found);
  if (keys.length > 0 && !keys.some(key => BUILD_ANNOTATIONS.has(key)))
    return r.object;
  const object = own(r);
  const annotations = object.metadata!.annotations!;
  for (const key of Object.keys(annotations)) {
    if (BUILD_ANNOTATIONS.has(key)) delete annotations[key];
  }
  if (Object.keys(annotations).length === 0)
    delete object.metadata!.annotations;
  return object;
}

/**
 * Flux kustomize-controller's spec.commonMetadata, applied after the build
 * (ssautil.SetCommonMetadata): labels and annotations merged into every
 * object's metadata only, overriding existing keys.
 */
export function applyCommonMetadata(
  resources: BuiltResource[],
  meta:
    | { labels?: Record<string, string>; annotations?: Record<string, string> }
    | undefined,
): void {
  if (!meta) return;
  for (const r of resources) {
    const metadata = (own(r).metadata ??= {});
    if (meta.labels && Object.keys(meta.labels).length > 0)
      metadata.labels = { ...metadata.labels, ...meta.labels };
    if (meta.annotations && Object.keys(meta.annotations).length > 0)
      metadata.annotations = { ...metadata.annotations, ...meta.annotations };
  }
}
