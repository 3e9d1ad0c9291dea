/*
 * kustomize's builtin fieldspec configuration as data
 * (api/internal/konfig/builtinpluginconsts, kustomize v5.5): where each
 * builtin transformer writes, by kind. Name references live in
 * nameReferenceSpecs.ts.
 */
import type { FieldSpec } from '../types';

const APPS = 'apps';
const BATCH = 'batch';

/** metadataLabelsFieldSpecs: labels on objects and on the pod templates they carry (`templateLabels`). */
export const TEMPLATE_LABEL_SPECS: FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  {
    path: 'spec/template/metadata/labels',
    create: true,
    version: 'v1',
    kind: 'ReplicationController',
  },
  { path: 'spec/template/metadata/labels', create: true, kind: 'Deployment' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/template/metadata/labels', create: true, kind: 'DaemonSet' },
  {
    path: 'spec/template/metadata/labels',
    create: true,
    group: APPS,
    kind: 'StatefulSet',
  },
  {
    path: 'spec/volumeClaimTemplates[]/metadata/labels',
    create: true,
    group: APPS,
    kind: 'StatefulSet',
  },
  {
    path: 'spec/template/metadata/labels',
    create: true,
    group: BATCH,
    kind: 'Job',
  },
  {
    path: 'spec/jobTemplate/metadata/labels',
    create: true,
    group: BATCH,
    kind: 'CronJob',
  },
  {
    path: 'spec/jobTemplate/spec/template/metadata/labels',
    create: true,
    group: BATCH,
    kind: 'CronJob',
  },
];

const AFFINITY = 'spec/template/spec/affinity';
const podSelectorSpecs = (kind: string): FieldSpec[] =>
  [
    `${AFFINITY}/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
    `${AFFINITY}/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
    `${AFFINITY}/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
    `${AFFINITY}/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
    'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
  ].map(path => ({ path, create: false, group: APPS, kind }));

/** commonLabelFieldSpecs: selectors (created where kustomize creates them) plus {@link TEMPLATE_LABEL_SPECS}. */
export const COMMON_LABEL_SPECS: FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  {
    path: 'spec/selector',
    create: true,
    version: 'v1',
    kind: 'ReplicationController',
  },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...podSelectorSpecs('Deployment'),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  {
    path: 'spec/selector/matchLabels',
    create: true,
    group: APPS,
    kind: 'StatefulSet',
  },
  ...podSelectorSpecs('StatefulSet'),
  {
    path: 'spec/selector/matchLabels',
    create: false,
    group: BATCH,
    kind: 'Job',
  },
  {
    path: 'spec/jobTemplate/spec/selector/matchLabels',
    create: false,
    group: BATCH,
    kind: 'CronJob',
  },
  {
    path: 'spec/selector/matchLabels',
    create: false,
    group: 'policy',
    kind: 'PodDisruptionBudget',
  },
  {
    path: 'spec/podSelector/matchLabels',
    create: false,
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
  },
  {
    path: 'spec/ingress/from/podSelector/matchLabels',
    create: false,
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
  },
  {
    path: 'spec/egress/to/podSelector/matchLabels',
    create: false,
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
  },
  ...TEMPLATE_LABEL_SPECS,
];

/** commonAnnotationFieldSpecs: object annotations and pod template annotations. */
export const COMMON_ANNOTATION_SPECS: FieldSpec[] = TEMPLATE_LABEL_SPECS.filter(
  fs => !fs.path.startsWith('spec/volumeClaimTemplates'),
).map(fs => ({ ...fs, path: fs.path.replace(/labels$/, 'annotations') }));

/**
 * namespaceFieldSpecs other than metadata/namespace and role binding
 * subjects, which the namespace filter handles itself.
 */
export const NAMESPACE_SPECS: FieldSpec[] = [
  { path: 'metadata/name', kind: 'Namespace', create: true },
  {
    path: 'spec/service/namespace',
    group: 'apiregistration.k8s.io',
    kind: 'APIService',
    create: true,
  },
  {
    path: 'spec/conversion/webhook/clientConfig/service/namespace',
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
  },
];

/** replicasFieldSpecs. */
export const REPLICA_SPECS: FieldSpec[] = [
  'Deployment',
  'ReplicationController',
  'ReplicaSet',
  'StatefulSet',
].map(kind => ({ path: 'spec/replicas', create: true, kind }));

/** imagesFieldSpecs (the legacy containers walk covers them; kept to merge configured specs as kustomize). */
export const IMAGE_SPECS: FieldSpec[] = [
  'spec/containers[]/image',
  'spec/initContainers[]/image',
  'spec/template/spec/containers[]/image',
  'spec/template/spec/initContainers[]/image',
].map(path => ({ path, create: true }));

/** namePrefix / nameSuffix fieldspecs: the name only. */
export const NAME_SPECS: FieldSpec[] = [{ path: 'metadata/name' }];

/** Kinds namePrefix / nameSuffix never touch (kustomize's prefixFieldSpecsToSkip). */
export const AFFIX_SKIP: { group?: string; kind: string }[] = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

/*
 * Cluster-scoped apiVersion/kind pairs of the OpenAPI schema kustomize v5.5
 * embeds (Kubernetes 1.21, served versions only). As kustomize, anything not
 * listed, including every custom resource, counts as namespaced.
 */
const CLUSTER_SCOPED: Record<string, string[]> = {
  v1: ['ComponentStatus', 'Namespace', 'Node', 'PersistentVolume'],
  'admissionregistration.k8s.io/v1': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
  ],
  'admissionregistration.k8s.io/v1beta1': [
    'MutatingWebhookConfiguration',
    'ValidatingWebhookConfiguration',
  ],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1beta1': [
    'FlowSchema',
    'PriorityLevelConfiguration',
  ],
  'networking.k8s.io/v1': ['IngressClass'],
  'networking.k8s.io/v1beta1': ['IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1beta1': ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'storage.k8s.io/v1': [
    'CSIDriver',
    'CSINode',
    'StorageClass',
    'VolumeAttachment',
  ],
  'storage.k8s.io/v1beta1': [
    'CSIDriver',
    'CSINode',
    'StorageClass',
    'VolumeAttachment',
  ],
};

const CLUSTER_SCOPED_KEYS = new Set(
  Object.entries(CLUSTER_SCOPED).flatMap(([apiVersion, kinds]) =>
    kinds.map(kind => `${apiVersion} ${kind}`),
  ),
);

/** True for kinds kustomize knows to be cluster-scoped (exact apiVersion and kind, as kyaml's openapi lookup). */
export function isClusterScoped(
  apiVersion: string | undefined,
  kind: string | undefined,
): boolean {
  // one Set lookup: this runs for every resource in several transformers
  return !!kind && CLUSTER_SCOPED_KEYS.has(`${apiVersion ?? ''} ${kind}`);
}
