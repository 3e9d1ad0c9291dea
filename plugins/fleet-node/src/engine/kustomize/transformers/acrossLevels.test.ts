/*
 * Generators and transformers across kustomization levels, through the
 * whole build, against kubectl: previous ids, affixes and generator merges
 * must survive from bases to overlays.
 */
import { buildKustomization } from '../buildKustomization';
import { snapshotOf, yamlText } from '../../testing/snapshots';
import { kubectlSorted, sortObjects } from '../../testing/transformFixtures';
import { freezeSharedObjects } from '../sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

function build(files: Record<string, string>, dir: string) {
  const snapshot = snapshotOf(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, yamlText(v)])),
  );
  const result = buildKustomization(snapshot, dir);
  return {
    objects: sortObjects(result.resources.map(r => r.object)),
    problems: result.problems,
  };
}

const DEPLOYMENT = (cm: string) => `
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    template:
      spec:
        containers: [{name: c, image: x, envFrom: [{configMapRef: {name: ${cm}}}]}]
`;

const OVERLAYS: Record<string, Record<string, string>> = {
  rbacAcrossNamespaces: {
    'base/r.yaml': `
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: runner}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: view}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: runner-view}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: ServiceAccount, name: runner, namespace: base-ns}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: rb, namespace: other}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      subjects: [{kind: ServiceAccount, name: runner, namespace: base-ns}]
    `,
    'base/kustomization.yaml':
      'namespace: base-ns\nnamePrefix: b-\nresources: [r.yaml]\n',
    'overlay/kustomization.yaml':
      'namespace: prod\nnameSuffix: -x\nresources: [../base]\ncommonLabels: {env: prod}\n',
  },
  generatorsEverywhere: {
    'base/app.env': 'LOG=debug\nPORT=80\n',
    'base/d.yaml': `
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: app
              image: registry.io/team/web:1.0
              envFrom: [{configMapRef: {name: env}}]
              env: [{name: P, valueFrom: {secretKeyRef: {name: creds, key: p}}}]
            volumes: [{name: c, secret: {secretName: creds}}, {name: d, projected: {sources: [{configMap: {name: env}}]}}]
    `,
    'base/kustomization.yaml': `
      resources: [d.yaml]
      configMapGenerator: [{name: env, envs: [app.env]}]
      secretGenerator: [{name: creds, literals: [p=secret], options: {disableNameSuffixHash: true}}]
      generatorOptions: {labels: {gen: "yes"}}
    `,
    'overlay/kustomization.yaml': `
      namespace: prod
      namePrefix: prod-
      resources: [../base]
      configMapGenerator: [{name: env, behavior: merge, literals: [LOG=info]}]
      secretGenerator: [{name: creds, behavior: replace, literals: [p=other]}]
      images: [{name: registry.io/team/web, newTag: "2.0"}]
      replicas: [{name: web, count: 3}]
      labels: [{pairs: {tier: web}, includeSelectors: true}]
    `,
  },
};

describe('generators and transformers across levels', () => {
  it('merges an overlay generator into a prefixed base generator and fixes references to the hashed name', () => {
    const files = {
      'base/d.yaml': DEPLOYMENT('cm'),
      'base/kustomization.yaml': `
        namePrefix: b-
        resources: [d.yaml]
        configMapGenerator: [{name: cm, literals: [a=1]}]
      `,
      'overlay/kustomization.yaml': `
        namePrefix: o-
        namespace: ns
        resources: [../base]
        configMapGenerator: [{name: cm, behavior: merge, literals: [b=2]}]
      `,
    };
    const got = build(files, 'overlay');
    expect(got.problems).toEqual([]);
    expect(got.objects).toEqual(kubectlSorted(files, 'overlay'));
  });

  it('resolves same-named referrals in two bases by their prefixes', () => {
    const files = {
      'a/d.yaml': DEPLOYMENT('cm'),
      'a/kustomization.yaml':
        'namePrefix: a-\nresources: [d.yaml]\nconfigMapGenerator: [{name: cm, literals: [x=a]}]\n',
      'b/d.yaml': DEPLOYMENT('cm'),
      'b/kustomization.yaml':
        'namePrefix: b-\nresources: [d.yaml]\nconfigMapGenerator: [{name: cm, literals: [x=b]}]\n',
      'top/kustomization.yaml': 'resources: [../a, ../b]\n',
    };
    const got = build(files, 'top');
    expect(got.problems).toEqual([]);
    expect(got.objects).toEqual(kubectlSorted(files, 'top'));
  });

  it('rewrites role binding subjects and role refs after base and overlay namespaces and affixes', () => {
    const files = OVERLAYS.rbacAcrossNamespaces;
    const got = build(files, 'overlay');
    expect(got.problems).toEqual([]);
    expect(got.objects).toEqual(kubectlSorted(files, 'overlay'));
  });

  it('merges and replaces base generators with options, images, replicas and selector labels on top', () => {
    const files = OVERLAYS.generatorsEverywhere;
    const got = build(files, 'overlay');
    expect(got.problems).toEqual([]);
    expect(got.objects).toEqual(kubectlSorted(files, 'overlay'));
  });
});
