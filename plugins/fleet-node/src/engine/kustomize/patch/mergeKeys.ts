/*
 * The slice of the Kubernetes OpenAPI schema that strategic merge needs:
 * which lists merge (`x-kubernetes-patch-strategy: merge`) and by which keys
 * (`x-kubernetes-list-map-keys`, else `x-kubernetes-patch-merge-key`).
 *
 * As kyaml: kustomize v5.5 embeds the Kubernetes v1.21.2 swagger and looks a
 * schema up by exact apiVersion + kind, so served-then-removed versions
 * (extensions/v1beta1 Deployment, apps/v1beta2) and every CRD have no schema:
 * their lists are replaced, never merged. Fields absent from this table have
 * no merge strategy either, which is what kyaml does with them.
 */

/** The part of an OpenAPI schema node that strategic merge reads. */
export interface MergeSchema {
  /** Schemas of map fields by name. */
  fields?: Record<string, MergeSchema>;
  /** Schema of list elements. */
  items?: MergeSchema;
  /** `x-kubernetes-patch-strategy`, e.g. `merge` or `merge,retainKeys`. */
  strategy?: string;
  /** Merge keys: list-map-keys when declared, else the patch merge key; empty for primitive lists. */
  keys?: string[];
}

const merge = (
  keys: string[],
  items: MergeSchema = {},
  strategy = 'merge',
): MergeSchema => ({
  strategy,
  keys,
  items,
});

const conditions = (): MergeSchema => merge(['type']);

const objectMeta: MergeSchema = {
  fields: {
    finalizers: merge([]),
    ownerReferences: merge(['uid']),
  },
};

const container: MergeSchema = {
  fields: {
    ports: merge(['containerPort', 'protocol']),
    env: merge(['name']),
    volumeMounts: merge(['mountPath']),
    volumeDevices: merge(['devicePath']),
  },
};

const podSpec: MergeSchema = {
  fields: {
    containers: merge(['name'], container),
    initContainers: merge(['name'], container),
    ephemeralContainers: merge(['name'], container),
    volumes: merge(['name'], {}, 'merge,retainKeys'),
    imagePullSecrets: merge(['name']),
    hostAliases: merge(['ip']),
    topologySpreadConstraints: merge(['topologyKey', 'whenUnsatisfiable']),
  },
};

const podTemplateSpec: MergeSchema = {
  fields: { metadata: objectMeta, spec: podSpec },
};

const withStatusConditions = (spec: MergeSchema): MergeSchema => ({
  fields: {
    metadata: objectMeta,
    spec,
    status: { fields: { conditions: conditions() } },
  },
});

const metaOnly: MergeSchema = { fields: { metadata: objectMeta } };
const workload = withStatusConditions({
  fields: { template: podTemplateSpec },
});
const cronJob: MergeSchema = {
  fields: {
    metadata: objectMeta,
    spec: {
      fields: {
        jobTemplate: {
          fields: {
            metadata: objectMeta,
            spec: { fields: { template: podTemplateSpec } },
          },
        },
      },
    },
  },
};
const webhookConfiguration: MergeSchema = {
  fields: { metadata: objectMeta, webhooks: merge(['name']) },
};

/** Kinds with a schema beyond ObjectMeta, by `apiVersion` then kind. */
const special: Record<string, Record<string, MergeSchema>> = {
  v1: {
    Pod: {
      fields: {
        metadata: objectMeta,
        spec: podSpec,
        status: { fields: { conditions: conditions() } },
      },
    },
    PodTemplate: {
      fields: { metadata: objectMeta, template: podTemplateSpec },
    },
    ReplicationController: workload,
    Service: withStatusConditions({
      fields: { ports: merge(['port', 'protocol']) },
    }),
    ServiceAccount: {
      fields: { metadata: objectMeta, secrets: merge(['name']) },
    },
    Node: {
      fields: {
        metadata: objectMeta,
        spec: { fields: { podCIDRs: merge([]) } },
        status: {
          fields: { conditions: conditions(), addresses: merge(['type']) },
        },
      },
    },
    Namespace: withStatusConditions({}),
    PersistentVolumeClaim: withStatusConditions({}),
    EphemeralContainers: {
      fields: {
        metadata: objectMeta,
        ephemeralContainers: merge(['name'], container),
      },
    },
  },
  'apps/v1': {
    Deployment: workload,
    ReplicaSet: workload,
    StatefulSet: workload,
    DaemonSet: workload,
  },
  'batch/v1': { Job: workload, CronJob: cronJob },
  'batch/v1beta1': { CronJob: cronJob },
  'policy/v1': { PodDisruptionBudget: withStatusConditions({}) },
  'admissionregistration.k8s.io/v1': {
    MutatingWebhookConfiguration: webhookConfiguration,
    ValidatingWebhookConfiguration: webhookConfiguration,
  },
  'admissionregistration.k8s.io/v1beta1': {
    MutatingWebhookConfiguration: webhookConfiguration,
    ValidatingWebhookConfiguration: webhookConfiguration,
  },
};

/** Other kinds of the v1.21.2 schema: only their ObjectMeta lists merge. */
const plain: Record<string, string[]> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'PersistentVolume',
    'ResourceQuota',
    'Secret',
  ],
  'apps/v1': ['ControllerRevision'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apiregistration.k8s.io/v1beta1': ['APIService'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'events.k8s.io/v1beta1': ['Event'],
  'extensions/v1beta1': ['Ingress'],
  'flowcontrol.apiserver.k8s.io/v1beta1': [
    'FlowSchema',
    'PriorityLevelConfiguration',
  ],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'policy/v1beta1': ['PodDisruptionBudget', 'PodSecurityPolicy', 'Eviction'],
  'rbac.authorization.k8s.io/v1': [
    'ClusterRole',
    'ClusterRoleBinding',
    'Role',
    'RoleBinding',
  ],
  'rbac.authorization.k8s.io/v1beta1': [
    'ClusterRole',
    'ClusterRoleBinding',
    'Role',
    'RoleBinding',
  ],
  'rbac.authorization.k8s.io/v1alpha1': [
    'ClusterRole',
    'ClusterRoleBinding',
    'Role',
    'RoleBinding',
  ],
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
    'CSIStorageCapacity',
  ],
};

/**
 * The merge schema of a resource type, or undefined when kustomize has none
 * (CRDs and versions missing from its embedded v1.21.2 schema).
 */
export function schemaForType(
  apiVersion: unknown,
  kind: unknown,
): MergeSchema | undefined {
  if (
    typeof apiVersion !== 'string' ||
    typeof kind !== 'string' ||
    !apiVersion ||
    !kind
  ) {
    return undefined;
  }
  const s = special[apiVersion]?.[kind];
  if (s) return s;
  return plain[apiVersion]?.includes(kind) ? metaOnly : undefined;
}

/** True when a list with this schema merges element-wise (kyaml's IsAssociative). */
export function isMergeList(schema: MergeSchema | undefined): boolean {
  return !!schema?.strategy?.split(',').includes('merge');
}

const mergeListsBelow = new WeakMap<MergeSchema, boolean>();

/**
 * True when the schema or any schema below it is a merge list: only there can
 * kyaml's walk change a part of the target the patch does not mention.
 */
export function hasMergeLists(schema: MergeSchema | undefined): boolean {
  if (!schema) return false;
  let known = mergeListsBelow.get(schema);
  if (known === undefined) {
    known =
      isMergeList(schema) ||
      hasMergeLists(schema.items) ||
      Object.values(schema.fields ?? {}).some(hasMergeLists);
    mergeListsBelow.set(schema, known);
  }
  return known;
}
