import { applyNamespace } from './namespace';
import {
  contextOf,
  kubectlSorted,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';

const RESOURCES = `
  apiVersion: v1
  kind: Namespace
  metadata: {name: oldns}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata: {name: rb, namespace: oldns}
  subjects:
  - {kind: ServiceAccount, name: default}
  - {kind: ServiceAccount, name: sa2}
  - {kind: ServiceAccount, name: sa3, namespace: other}
  - {kind: User, name: default}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
  ---
  apiVersion: admissionregistration.k8s.io/v1
  kind: ValidatingWebhookConfiguration
  metadata: {name: vw}
  webhooks:
  - name: a
    clientConfig: {service: {name: svc, namespace: oldns}}
  ---
  apiVersion: apiregistration.k8s.io/v1
  kind: APIService
  metadata: {name: v1.x}
  spec: {service: {name: s}}
  ---
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: {name: foos.x.io}
  spec:
    conversion: {webhook: {clientConfig: {service: {name: s, namespace: oldns}}}}
  ---
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: {name: bars.x.io}
  spec:
    conversion: {webhook: {clientConfig: {service: {name: s}}}}
  ---
  apiVersion: x.io/v1
  kind: Foo
  metadata: {name: f}
  ---
  apiVersion: rbac.authorization.k8s.io/v1alpha1
  kind: ClusterRole
  metadata: {name: alpha}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: ga}
`;

describe('applyNamespace', () => {
  it('matches kubectl on namespaced, cluster-scoped and specially handled kinds', () => {
    const { ctx, problems } = contextOf();
    const got = applyNamespace(resourcesOf(RESOURCES), 'newns', ctx);
    const want = kubectlSorted({
      'app/r.yaml': RESOURCES,
      'app/kustomization.yaml': 'namespace: newns\nresources: [r.yaml]\n',
    });
    expect(problems).toEqual([]);
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });

  it('stores every previous id, cluster-scoped ones included', () => {
    const { ctx } = contextOf();
    const got = applyNamespace(
      resourcesOf('apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n'),
      'b',
      ctx,
    );
    expect(got[0].prevIds).toEqual([
      { group: '', version: 'v1', kind: 'Namespace', name: 'a', namespace: '' },
    ]);
  });

  it('reports two resources that end up with the same id', () => {
    const { ctx, problems } = contextOf();
    applyNamespace(
      resourcesOf(`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: x}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a, namespace: y}
      `),
      'z',
      ctx,
    );
    expect(problems.map(p => [p.rule, p.message])).toEqual([
      [
        'duplicate-object',
        'namespace transformation produces ID conflict: ConfigMap.v1/a.z',
      ],
    ]);
  });

  it('does nothing without a namespace', () => {
    const { ctx } = contextOf();
    const rs = resourcesOf(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    );
    expect(objectsOf(applyNamespace(rs, undefined, ctx))).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
    ]);
  });
});
