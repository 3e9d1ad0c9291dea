import { fixNameReferences } from './nameReference';
import {
  buildLevel,
  contextOf,
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';

const RESOURCES = `
  apiVersion: v1
  kind: ServiceAccount
  metadata: {name: sa}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata: {name: reader}
  rules:
  - {apiGroups: [""], resources: [configmaps], resourceNames: [cm, other]}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: reader}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata: {name: rb}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
  subjects:
  - {kind: ServiceAccount, name: sa}
  - {kind: ServiceAccount, name: sa, namespace: elsewhere}
  - {kind: User, name: sa}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRoleBinding
  metadata: {name: crb}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
  subjects:
  - {kind: ServiceAccount, name: sa, namespace: default}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db}
  spec:
    serviceName: web
    template:
      spec:
        serviceAccountName: sa
        containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cm}}]}]
        volumes: [{name: v, persistentVolumeClaim: {claimName: data}}]
  ---
  apiVersion: v1
  kind: PersistentVolumeClaim
  metadata: {name: data}
  spec: {storageClassName: fast}
  ---
  apiVersion: storage.k8s.io/v1
  kind: StorageClass
  metadata: {name: fast}
  ---
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: hpa}
  spec: {scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}}
  ---
  apiVersion: networking.k8s.io/v1
  kind: IngressClass
  metadata: {name: nginx}
  ---
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: ing
    annotations: {nginx.ingress.kubernetes.io/auth-secret: s}
  spec:
    ingressClassName: nginx
    tls: [{secretName: s}]
    defaultBackend: {service: {name: web}}
    rules: [{http: {paths: [{path: /, backend: {service: {name: web}}}]}}]
  ---
  apiVersion: admissionregistration.k8s.io/v1
  kind: ValidatingWebhookConfiguration
  metadata: {name: vw}
  webhooks:
  - name: a
    clientConfig: {service: {name: web, namespace: default}}
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: {name: route}
  spec:
    rules: [{backendRefs: [{name: web}]}]
`;

const KUSTOMIZATION = `
  namespace: team
  namePrefix: p-
  nameSuffix: -s
  resources: [r.yaml]
  configMapGenerator: [{name: cm, literals: [a=1]}]
  secretGenerator: [{name: s, literals: [b=2]}]
`;

describe('fixNameReferences', () => {
  it('matches kubectl for references of every builtin kind after namespace, prefix, suffix and hash', () => {
    const { ctx, problems } = contextOf();
    const k = kust({
      namespace: 'team',
      namePrefix: 'p-',
      nameSuffix: '-s',
      configMapGenerator: [{ name: 'cm', literals: ['a=1'] }],
      secretGenerator: [{ name: 's', literals: ['b=2'] }],
    });
    const got = buildLevel(resourcesOf(RESOURCES), k, ctx);
    const want = kubectlSorted({
      'app/r.yaml': RESOURCES,
      'app/kustomization.yaml': KUSTOMIZATION,
    });
    expect(problems).toEqual([]);
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });

  it('leaves references alone when no resource was renamed', () => {
    const { ctx } = contextOf();
    const rs = resourcesOf(RESOURCES);
    const before = JSON.parse(JSON.stringify(objectsOf(rs)));
    expect(objectsOf(fixNameReferences(rs, ctx))).toEqual(before);
  });

  it('reports a reference that two different resources could satisfy', () => {
    const { ctx, problems } = contextOf();
    const rs = resourcesOf(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a-cm}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: b-cm}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec: {volumes: [{name: v, configMap: {name: cm}}]}
    `);
    rs[0].prevIds = [
      {
        group: '',
        version: 'v1',
        kind: 'ConfigMap',
        name: 'cm',
        namespace: '',
      },
    ];
    rs[1].prevIds = [
      {
        group: '',
        version: 'v1',
        kind: 'ConfigMap',
        name: 'cm',
        namespace: '',
      },
    ];
    fixNameReferences(rs, ctx);
    expect(problems.map(p => [p.rule, p.message])).toEqual([
      [
        'name-reference',
        "updating name reference in 'spec/volumes/configMap/name' field of Pod.v1/p: found multiple possible referrals for 'cm': ConfigMap.v1/a-cm, ConfigMap.v1/b-cm",
      ],
    ]);
  });
});
