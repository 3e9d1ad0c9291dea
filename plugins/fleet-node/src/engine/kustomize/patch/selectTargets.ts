/*
 * kustomize's patch target selection (api/types/selector.go and
 * resWrangler.Select): group, version, kind, name and namespace are regular
 * expressions anchored at both ends; name and namespace match the original
 * id (before prefixes, suffixes and namespace changes) or the current one;
 * labelSelector / annotationSelector use Kubernetes selector syntax.
 */
import type { PatchTarget } from '../types';
import { type ResId } from '../../core/types';
import { type Resource } from '../types';
import { resIdOf } from '../../core/resId';
import { type LabelMatcher, parseLabelSelector } from './labelSelector';

/** Cluster-scoped kinds by group (kustomize's v1.21.2 schema); all other kinds, CRDs included, are namespaced. */
const CLUSTER_SCOPED: Record<string, string[]> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'authentication.k8s.io': ['TokenReview'],
  'authorization.k8s.io': [
    'SelfSubjectAccessReview',
    'SelfSubjectRulesReview',
    'SubjectAccessReview',
  ],
  'certificates.k8s.io': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'internal.apiserver.k8s.io': ['StorageVersion'],
  'networking.k8s.io': ['IngressClass'],
  'node.k8s.io': ['RuntimeClass'],
  policy: ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': [
    'CSIDriver',
    'CSINode',
    'StorageClass',
    'VolumeAttachment',
  ],
};

/** As kustomize ResId.EffectiveNamespace: `default` for unset, a marker for cluster-scoped kinds. */
export function effectiveNamespace(id: ResId): string {
  if (CLUSTER_SCOPED[id.group]?.includes(id.kind)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

/**
 * kustomize's original id of a resource (OrgId): its first previous id, with
 * the current group and version as kustomize records only name, kind and
 * namespace; else its current id.
 */
export function originalId(r: Pick<Resource, 'object' | 'prevIds'>): ResId {
  const cur = resIdOf(r as Resource);
  const first = r.prevIds[0];
  return first ? { ...first, group: cur.group, version: cur.version } : cur;
}

/** A compiled target: tests resources, or says why the target is invalid. */
export type TargetMatcher = (
  r: Pick<Resource, 'object' | 'prevIds'>,
) => boolean;

function anchored(pattern: string | undefined): RegExp | undefined {
  return pattern ? new RegExp(`^(?:${pattern})$`) : undefined;
}

const compiled = new Map<string, TargetMatcher | { error: string }>();

/**
 * Compiles a patch target (memoized). Returns an error message for an invalid
 * regular expression or selector (kustomize fails the build on those).
 */
export function compileTarget(
  target: PatchTarget,
): TargetMatcher | { error: string } {
  const key = JSON.stringify(target);
  let m = compiled.get(key);
  if (!m) {
    if (compiled.size >= 5000) compiled.clear();
    m = compileUncached(target);
    compiled.set(key, m);
  }
  return m;
}

function compileUncached(
  target: PatchTarget,
): TargetMatcher | { error: string } {
  let re: Record<
    'group' | 'version' | 'kind' | 'name' | 'namespace',
    RegExp | undefined
  >;
  try {
    re = {
      group: anchored(target.group),
      version: anchored(target.version),
      kind: anchored(target.kind),
      name: anchored(target.name),
      namespace: anchored(target.namespace),
    };
  } catch (e) {
    return { error: `invalid patch target: ${(e as Error).message}` };
  }
  const labels = parseLabelSelector(target.labelSelector ?? '');
  if ('error' in labels) return labels;
  const annotations = parseLabelSelector(target.annotationSelector ?? '');
  if ('error' in annotations) return annotations;
  return r => {
    const cur = resIdOf(r as Resource);
    const org = originalId(r);
    if (
      re.namespace &&
      !re.namespace.test(effectiveNamespace(org)) &&
      !re.namespace.test(effectiveNamespace(cur))
    ) {
      return false;
    }
    if (re.name && !re.name.test(org.name) && !re.name.test(cur.name))
      return false;
    if (re.group && !re.group.test(cur.group)) return false;
    if (re.version && !re.version.test(cur.version)) return false;
    if (re.kind && !re.kind.test(cur.kind)) return false;
    return (
      (labels as LabelMatcher)(r.object.metadata?.labels) &&
      (annotations as LabelMatcher)(r.object.metadata?.annotations)
    );
  };
}

/**
 * True when kustomize's selector `target` selects the resource. An invalid
 * target selects nothing (use {@link compileTarget} to learn why).
 */
export function matchesTarget(
  resource: Pick<Resource, 'object' | 'prevIds'>,
  target: PatchTarget,
): boolean {
  const m = compileTarget(target);
  return typeof m === 'function' && m(resource);
}

/** The resources a target selects, in order, or the target's error. */
export function selectTargets(
  resources: Resource[],
  target: PatchTarget,
): Resource[] | { error: string } {
  const m = compileTarget(target);
  return typeof m === 'function' ? resources.filter(m) : m;
}

/** As kustomize ResId.Equals: same group, version, kind, name and effective namespace. */
export function sameId(a: ResId, b: ResId): boolean {
  return (
    a.group === b.group &&
    a.version === b.version &&
    a.kind === b.kind &&
    a.name === b.name &&
    effectiveNamespace(a) === effectiveNamespace(b)
  );
}

/** As kustomize GetMatchingResourcesByAnyId: resources whose current or any previous id is `id`. */
export function resourcesByAnyId(resources: Resource[], id: ResId): Resource[] {
  return resources.filter(r => {
    const cur = resIdOf(r);
    return (
      sameId(cur, id) ||
      r.prevIds.some(p =>
        sameId({ ...p, group: cur.group, version: cur.version }, id),
      )
    );
  });
}
