import { snapshotOf, yamlText } from '../testing/snapshots';
import type { RepoPath } from '../core/types';
import { resolveFleet } from './resolveFleet';
import { freezeSharedObjects } from '../kustomize/sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

const ns = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }\n`;
const deployment = (name: string, namespace: string, replicas: number) =>
  yamlText(`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: ${name}, namespace: ${namespace} }
  spec:
    replicas: ${replicas}
    template: { spec: { containers: [{ name: app, image: "nginx:1.27" }] } }
`);
const overlay = (replicas: number) =>
  yamlText(`
  resources: [../../base]
  patches:
    - target: { kind: Deployment, name: web }
      patch: |-
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec: { replicas: ${replicas} }
`);

/** Two clusters without bootstrap files: each is built from clusters/<name>. */
const fleet = (extra: Record<RepoPath, string> = {}) =>
  snapshotOf(
    {
      'clusters/dev/kustomization.yaml':
        'resources: [../../infrastructure/namespaces/team-x, ../../apps/web/overlays/dev]\n',
      'clusters/prod/kustomization.yaml':
        'resources: [../../infrastructure/namespaces/team-x, ../../apps/web/overlays/prod]\n',
      'infrastructure/namespaces/team-x/kustomization.yaml':
        'resources: [ns.yaml]\n',
      'infrastructure/namespaces/team-x/ns.yaml': ns('team-x'),
      'apps/web/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'apps/web/base/deployment.yaml': deployment('web', 'team-x', 1),
      'apps/web/overlays/dev/kustomization.yaml': overlay(1),
      'apps/web/overlays/prod/kustomization.yaml': overlay(3),
      ...extra,
    },
    'cafe',
  );

const rules = (model: ReturnType<typeof resolveFleet>) =>
  model.problems.map(
    p => `${p.severity} ${p.rule} ${p.cluster ?? '-'} ${p.file}:${p.line}`,
  );

describe('resolveFleet', () => {
  it('resolves every cluster with units and the directory each cluster enters them by', () => {
    const model = resolveFleet(fleet());
    expect(model.revision).toBe('cafe');
    expect(model.clusters.map(c => [c.name, c.path, c.entrypoint])).toEqual([
      ['dev', 'clusters/dev', 'clusters/dev'],
      ['prod', 'clusters/prod', 'clusters/prod'],
    ]);
    expect(
      model.objects.map(o => [
        o.cluster,
        o.object.kind,
        o.object.metadata?.name,
        o.unit,
        o.fluxKustomization,
        (o.object.spec as { replicas?: number } | undefined)?.replicas,
      ]),
    ).toEqual([
      [
        'dev',
        'Namespace',
        'team-x',
        'infrastructure/namespaces/team-x',
        'flux-system/flux-system',
        undefined,
      ],
      ['dev', 'Deployment', 'web', 'apps/web', 'flux-system/flux-system', 1],
      [
        'prod',
        'Namespace',
        'team-x',
        'infrastructure/namespaces/team-x',
        'flux-system/flux-system',
        undefined,
      ],
      ['prod', 'Deployment', 'web', 'apps/web', 'flux-system/flux-system', 3],
    ]);
    expect(model.units).toEqual([
      {
        id: 'apps/web',
        kind: 'app',
        name: 'web',
        clusters: {
          dev: { entry: 'apps/web/overlays/dev' },
          prod: { entry: 'apps/web/overlays/prod' },
        },
      },
      {
        id: 'infrastructure/namespaces/team-x',
        kind: 'namespace-set',
        name: 'team-x',
        clusters: {
          dev: { entry: 'infrastructure/namespaces/team-x' },
          prod: { entry: 'infrastructure/namespaces/team-x' },
        },
      },
    ]);
    expect(model.problems).toEqual([]);
  });

  it('keeps healthy clusters intact when one cluster is broken', () => {
    const model = resolveFleet(
      fleet({
        'clusters/prod/kustomization.yaml':
          'resources: [../../apps/missing, ../../apps/web/overlays/prod]\n',
        'apps/web/overlays/prod/kustomization.yaml': 'resources: [../../base\n',
      }),
    );
    expect(
      model.objects
        .filter(o => o.cluster === 'dev')
        .map(o => o.object.metadata?.name),
    ).toEqual(['team-x', 'web']);
    expect(
      model.problems.map(p => [p.severity, p.rule, p.cluster, p.file, p.line]),
    ).toEqual([
      ['error', 'missing-path', 'prod', 'clusters/prod/kustomization.yaml', 1],
      [
        'error',
        'yaml-parse',
        'prod',
        'apps/web/overlays/prod/kustomization.yaml',
        2,
      ],
    ]);
  });

  it('warns about objects in a namespace the cluster does not create', () => {
    const model = resolveFleet(
      fleet({
        'clusters/prod/kustomization.yaml':
          'resources: [../../apps/web/overlays/prod]\n',
      }),
    );
    expect(model.problems).toEqual([
      {
        severity: 'warning',
        rule: 'namespace-missing',
        cluster: 'prod',
        file: 'apps/web/base/deployment.yaml',
        line: 1,
        message:
          "Deployment team-x/web goes to namespace team-x, which cluster prod's tree does not create.",
      },
    ]);
  });

  it('lists definitions no cluster references, outermost directory only', () => {
    const model = resolveFleet(
      fleet({
        'apps/old/base/kustomization.yaml': 'resources: []\n',
        'apps/old/kustomization.yaml': 'resources: [base]\n',
        'apps/web/overlays/staging/kustomization.yaml': overlay(2),
      }),
    );
    expect(rules(model)).toEqual([
      'warning unreferenced-definition - apps/old/kustomization.yaml:1',
      'warning unreferenced-definition - apps/web/overlays/staging/kustomization.yaml:1',
    ]);
  });

  it('flags an overlay that scales to zero or deletes objects', () => {
    const model = resolveFleet(
      fleet({
        'apps/web/overlays/prod/kustomization.yaml': overlay(0),
      }),
    );
    expect(model.problems).toEqual([
      {
        severity: 'warning',
        rule: 'overlay-presence',
        cluster: null,
        file: 'apps/web/overlays/prod/kustomization.yaml',
        line: 3,
        message:
          "apps/web/overlays/prod/kustomization.yaml:3 patch scales a workload to zero replicas: overlays should express differences, not presence; leave the object out of the cluster's list instead.",
      },
    ]);
  });

  it('flags an overlay deleting an object with $patch: delete from a patch file', () => {
    const model = resolveFleet(
      fleet({
        'apps/web/overlays/prod/kustomization.yaml':
          'resources: [../../base]\npatches:\n  - path: drop.yaml\n',
        'apps/web/overlays/prod/drop.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: team-x }\n$patch: delete\n',
      }),
    );
    expect(rules(model)).toEqual([
      'warning overlay-presence - apps/web/overlays/prod/kustomization.yaml:3',
    ]);
  });

  it("warns when a cluster reads another cluster's directory", () => {
    const model = resolveFleet(
      fleet({
        'clusters/dev/kustomization.yaml': 'resources: [../prod]\n',
      }),
    );
    expect(rules(model)).toEqual([
      'warning cross-cluster-reference dev clusters/dev/kustomization.yaml:1',
      'warning unreferenced-definition - apps/web/overlays/dev/kustomization.yaml:1',
    ]);
  });

  it('warns about a Flux Kustomization building the repository root', () => {
    const model = resolveFleet(
      fleet({
        'clusters/dev/kustomization.yaml':
          'resources: [../../infrastructure/namespaces/team-x, ../../apps/web/overlays/dev, all.yaml]\n',
        'clusters/dev/all.yaml': yamlText(`
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: all, namespace: flux-system }
        spec: { path: ./, sourceRef: { kind: GitRepository, name: flux-system } }
      `),
      }),
    );
    expect(rules(model)).toContain(
      'warning implicit-global-layer dev clusters/dev/all.yaml:1',
    );
  });

  it('warns about an object two Flux Kustomizations apply', () => {
    const model = resolveFleet(
      fleet({
        'clusters/dev/kustomization.yaml':
          'resources: [../../infrastructure/namespaces/team-x, ../../apps/web/overlays/dev, ns.yaml]\n',
        'clusters/dev/ns.yaml': yamlText(`
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: namespaces, namespace: flux-system }
        spec: { path: ./infrastructure/namespaces/team-x, sourceRef: { kind: GitRepository, name: flux-system } }
      `),
      }),
    );
    expect(rules(model)).toEqual([
      'warning duplicate-object dev infrastructure/namespaces/team-x/ns.yaml:1',
    ]);
  });
});
