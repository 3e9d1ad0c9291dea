/*
 * kustomize's builtin name reference configuration as data
 * (api/internal/konfig/builtinpluginconsts/namereference.go, v5.5): for each
 * referral kind, the fields of other kinds that hold its name. The long
 * per-workload lists are generated from the same pod spec field lists
 * kustomize spells out, in the same order.
 */
import type { FieldSpec, NameBackReference } from '../types';

/** A kind that can be referred to and the fields that refer to it. */
export type BackReference = NameBackReference;

const WORKLOADS: [string, string][] = [
  ['Deployment', 'spec/template/spec/'],
  ['ReplicaSet', 'spec/template/spec/'],
  ['DaemonSet', 'spec/template/spec/'],
  ['StatefulSet', 'spec/template/spec/'],
  ['Job', 'spec/template/spec/'],
];

/** Pod, PodTemplate, the workloads and CronJob, each with every pod spec suffix (kustomize's ConfigMap/Secret lists). */
function podSpecRefs(suffixes: string[]): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const s of suffixes)
    out.push({ path: `spec/${s}`, version: 'v1', kind: 'Pod' });
  for (const s of suffixes)
    out.push({ path: `template/spec/${s}`, kind: 'PodTemplate' });
  for (const [kind, prefix] of WORKLOADS)
    for (const s of suffixes) out.push({ path: prefix + s, kind });
  for (const s of suffixes)
    out.push({
      path: `spec/jobTemplate/spec/template/spec/${s}`,
      kind: 'CronJob',
    });
  return out;
}

/** The serviceAccountName / claimName / priorityClassName style lists (Pod, workloads incl. ReplicationController, CronJob). */
function podFieldRefs(field: string): FieldSpec[] {
  return [
    { path: `spec/${field}`, kind: 'Pod' },
    { path: `spec/template/spec/${field}`, kind: 'StatefulSet' },
    { path: `spec/template/spec/${field}`, kind: 'Deployment' },
    { path: `spec/template/spec/${field}`, kind: 'ReplicationController' },
    { path: `spec/jobTemplate/spec/template/spec/${field}`, kind: 'CronJob' },
    { path: `spec/template/spec/${field}`, kind: 'Job' },
    { path: `spec/template/spec/${field}`, kind: 'DaemonSet' },
  ];
}

const hpa: FieldSpec[] = [
  { path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' },
];
const RBAC = 'rbac.authorization.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';

/** kustomize's nameReference list, in its order. */
export const NAME_REFERENCE_SPECS: BackReference[] = [
  { kind: 'Deployment', referrers: hpa },
  { kind: 'ReplicationController', referrers: hpa },
  { kind: 'ReplicaSet', referrers: hpa },
  { kind: 'StatefulSet', referrers: hpa },
  {
    kind: 'ConfigMap',
    version: 'v1',
    referrers: [
      ...podSpecRefs([
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
      { path: 'spec/configSource/configMap', kind: 'Node' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      {
        path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap',
        kind: 'Ingress',
      },
    ],
  },
  {
    kind: 'Secret',
    version: 'v1',
    referrers: [
      ...podSpecRefs([
        'volumes/secret/secretName',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      { path: 'spec/tls/secretName', kind: 'Ingress' },
      {
        path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret',
        kind: 'Ingress',
      },
      {
        path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret',
        kind: 'Ingress',
      },
      {
        path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret',
        kind: 'Ingress',
      },
      { path: 'imagePullSecrets/name', kind: 'ServiceAccount' },
      { path: 'parameters/secretName', kind: 'StorageClass' },
      { path: 'parameters/adminSecretName', kind: 'StorageClass' },
      { path: 'parameters/userSecretName', kind: 'StorageClass' },
      { path: 'parameters/secretRef', kind: 'StorageClass' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      {
        path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name',
        kind: 'Service',
        group: 'serving.knative.dev',
        version: 'v1',
      },
      { path: 'spec/azureFile/secretName', kind: 'PersistentVolume' },
    ],
  },
  {
    kind: 'Service',
    version: 'v1',
    referrers: [
      { path: 'spec/serviceName', kind: 'StatefulSet', group: 'apps' },
      { path: 'spec/rules/http/paths/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/rules/http/paths/backend/service/name', kind: 'Ingress' },
      { path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
      {
        path: 'spec/service/name',
        kind: 'APIService',
        group: 'apiregistration.k8s.io',
      },
      {
        path: 'webhooks/clientConfig/service',
        kind: 'ValidatingWebhookConfiguration',
        group: ADMISSION,
      },
      {
        path: 'webhooks/clientConfig/service',
        kind: 'MutatingWebhookConfiguration',
        group: ADMISSION,
      },
    ],
  },
  {
    kind: 'Role',
    group: RBAC,
    referrers: [{ path: 'roleRef/name', kind: 'RoleBinding', group: RBAC }],
  },
  {
    kind: 'ClusterRole',
    group: RBAC,
    referrers: [
      { path: 'roleRef/name', kind: 'RoleBinding', group: RBAC },
      { path: 'roleRef/name', kind: 'ClusterRoleBinding', group: RBAC },
    ],
  },
  {
    kind: 'ServiceAccount',
    version: 'v1',
    referrers: [
      { path: 'subjects', kind: 'RoleBinding', group: RBAC },
      { path: 'subjects', kind: 'ClusterRoleBinding', group: RBAC },
      ...podFieldRefs('serviceAccountName'),
    ],
  },
  {
    kind: 'PersistentVolumeClaim',
    version: 'v1',
    referrers: podFieldRefs('volumes/persistentVolumeClaim/claimName'),
  },
  {
    kind: 'PersistentVolume',
    version: 'v1',
    referrers: [
      { path: 'spec/volumeName', kind: 'PersistentVolumeClaim' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
    ],
  },
  {
    kind: 'StorageClass',
    version: 'v1',
    group: 'storage.k8s.io',
    referrers: [
      { path: 'spec/storageClassName', kind: 'PersistentVolume' },
      { path: 'spec/storageClassName', kind: 'PersistentVolumeClaim' },
      {
        path: 'spec/volumeClaimTemplates/spec/storageClassName',
        kind: 'StatefulSet',
      },
    ],
  },
  {
    kind: 'PriorityClass',
    version: 'v1',
    group: 'scheduling.k8s.io',
    referrers: podFieldRefs('priorityClassName'),
  },
  // as kustomize: the group is spelled with its version, so IngressClass references are never rewritten
  {
    kind: 'IngressClass',
    version: 'v1',
    group: 'networking.k8s.io/v1',
    referrers: [{ path: 'spec/ingressClassName', kind: 'Ingress' }],
  },
];
