/** One of each workload kind the label and annotation fieldspecs name, as inline YAML. */
export const WORKLOADS = `
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: d}
  spec:
    template:
      spec:
        containers: [{name: c, image: nginx}]
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: ss}
  spec:
    volumeClaimTemplates:
    - metadata: {name: v}
    template:
      spec:
        containers: [{name: c, image: nginx}]
  ---
  apiVersion: batch/v1
  kind: CronJob
  metadata: {name: cj}
  spec:
    jobTemplate:
      spec:
        template:
          spec:
            containers: [{name: c, image: nginx}]
  ---
  apiVersion: batch/v1
  kind: Job
  metadata: {name: j}
  spec:
    template:
      spec:
        containers: [{name: c, image: nginx}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: s}
  spec:
    ports: [{port: 80}]
  ---
  apiVersion: apps/v1
  kind: DaemonSet
  metadata: {name: ds}
  spec:
    template:
      spec:
        containers: [{name: c, image: nginx}]
  ---
  apiVersion: v1
  kind: ReplicationController
  metadata: {name: rc}
  spec:
    template:
      spec:
        containers: [{name: c, image: nginx}]
  ---
  apiVersion: policy/v1
  kind: PodDisruptionBudget
  metadata: {name: pdb}
  spec: {}
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: np}
  spec:
    podSelector: {matchLabels: {x: y}}
    ingress: [{from: [{podSelector: {matchLabels: {x: y}}}]}]
  ---
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers: [{name: c, image: nginx}]
  ---
  apiVersion: v1
  kind: PodTemplate
  metadata: {name: pt}
  template:
    spec:
      containers: [{name: c, image: nginx}]
  ---
  apiVersion: apps/v1
  kind: ReplicaSet
  metadata: {name: rs}
  spec:
    template:
      spec:
        containers: [{name: c, image: nginx}]
`;
