import { kubectlBuildFiles } from '../testing/kubectl';
import { snapshotOf, yamlText } from '../testing/snapshots';
import { BuildCache } from './BuildCache';
import { buildKustomization } from './buildKustomization';
import { freezeSharedObjects } from './sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

const objects = (files: Record<string, string>, dir: string) =>
  buildKustomization(snapshotOf(files), dir).resources.map(r => r.object);

const deploy = yamlText(`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    template:
      spec:
        containers:
          - name: web
            image: nginx:1.0
            envFrom: [{configMapRef: {name: cfg}}]
`);

describe('buildKustomization', () => {
  it('orders output as kubectl kustomize v5.5 (legacy order by default)', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [all.yaml]\n',
      'k/all.yaml': [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: b}\n',
        'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\n',
        'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: v}\n',
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n',
      ].join('---\n'),
    };
    expect(objects(files, 'k')).toEqual(kubectlBuildFiles(files, 'k'));
  });

  it('keeps accumulation order with sortOptions fifo', () => {
    const files = {
      'k/kustomization.yaml':
        'sortOptions: {order: fifo}\nresources: [a.yaml]\n',
      'k/a.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
    };
    expect(objects(files, 'k')).toEqual(kubectlBuildFiles(files, 'k'));
  });

  it('runs components after generators, so a component can merge into a generated ConfigMap', () => {
    const files = {
      'k/kustomization.yaml':
        'resources: [d.yaml]\ncomponents: [../comp]\nconfigMapGenerator:\n- name: cfg\n  literals: [b=2]\n',
      'k/d.yaml': deploy,
      'comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigMapGenerator:\n- name: cfg\n  behavior: merge\n  literals: [a=1]\n',
    };
    expect(objects(files, 'k')).toEqual(kubectlBuildFiles(files, 'k'));
  });

  it('hashes generated names and fixes references once at the top, through overlays', () => {
    const files = {
      'overlay/kustomization.yaml':
        'namePrefix: prod-\nresources: [../base]\nconfigMapGenerator:\n- name: cfg\n  behavior: merge\n  literals: [env=prod]\n',
      'base/kustomization.yaml':
        'resources: [d.yaml]\nconfigMapGenerator:\n- name: cfg\n  literals: [env=dev, x=1]\n',
      'base/d.yaml': deploy,
    };
    expect(objects(files, 'overlay')).toEqual(
      kubectlBuildFiles(files, 'overlay'),
    );
  });

  it('records source and via of every resource', () => {
    const files = {
      'clusters/prod/kustomization.yaml': 'resources:\n  - ../../apps/web\n',
      'apps/web/kustomization.yaml': '# web\nresources:\n  - d.yaml\n',
      'apps/web/d.yaml': `# comment\n${deploy}`,
    };
    const result = buildKustomization(snapshotOf(files), 'clusters/prod');
    expect(result.resources.map(r => [r.source, r.via])).toEqual([
      [
        { file: 'apps/web/d.yaml', line: 2 },
        [
          { file: 'clusters/prod/kustomization.yaml', line: 2 },
          { file: 'apps/web/kustomization.yaml', line: 3 },
        ],
      ],
    ]);
    expect(result.filesRead).toEqual([
      'clusters/prod/kustomization.yaml',
      'apps/web/kustomization.yaml',
      'apps/web/d.yaml',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('strips kustomize build annotations and an emptied annotations map, as kubectl', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [a.yaml]\n',
      'k/a.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    config.kubernetes.io/index: "3"\n    keep: "yes"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations: {}\n  labels: {}\n',
    };
    expect(objects(files, 'k')).toEqual(kubectlBuildFiles(files, 'k'));
  });

  it('builds a Component directly, as kustomize', () => {
    const files = {
      'c/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [cm.yaml]\n',
      'c/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
    };
    expect(objects(files, 'c')).toEqual(kubectlBuildFiles(files, 'c'));
  });

  it('merges Flux overrides into the top kustomization as kustomize-controller does', () => {
    const files = {
      'apps/web/kustomization.yaml':
        'namespace: dev\nresources: [d.yaml]\nimages: [{name: nginx, newTag: "1.1"}]\nconfigMapGenerator:\n- name: cfg\n  literals: [a=1]\n',
      'apps/web/d.yaml': deploy,
      'components/ha/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- patch: |\n    - {op: add, path: /spec/replicas, value: 3}\n  target: {kind: Deployment}\n',
    };
    const result = buildKustomization(snapshotOf(files), 'apps/web', {
      overrides: {
        namespace: 'prod',
        namePrefix: 'p-',
        images: [{ name: 'nginx', newName: 'registry/nginx', newTag: '2.0' }],
        components: ['components/ha'],
        patches: [
          {
            patch:
              'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {paused: true}\n',
          },
        ],
        commonMetadata: { labels: { team: 'a' }, annotations: { owner: 'me' } },
        declaredAt: { file: 'clusters/prod/apps.yaml', line: 1 },
      },
    });
    const expected = kubectlBuildFiles(
      {
        ...files,
        'apps/web/kustomization.yaml':
          'namespace: prod\nnamePrefix: p-\nresources: [d.yaml]\nimages: [{name: nginx, newName: registry/nginx, newTag: "2.0"}]\nconfigMapGenerator:\n- name: cfg\n  literals: [a=1]\ncomponents: [../../components/ha]\npatches:\n- patch: |\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web}\n    spec: {paused: true}\n',
      },
      'apps/web',
    ).map(o => ({
      ...o,
      metadata: {
        ...o.metadata,
        labels: { ...o.metadata?.labels, team: 'a' },
        annotations: { ...o.metadata?.annotations, owner: 'me' },
      },
    }));
    expect(result.problems).toEqual([]);
    expect(result.resources.map(r => r.object)).toEqual(expected);
    expect(result.resources.map(r => r.via)).toEqual([
      [],
      [{ file: 'apps/web/kustomization.yaml', line: 2 }],
    ]);
  });

  it('generates a kustomization for a plain directory when asked, as Flux', () => {
    const files = {
      'clusters/prod/apps.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      'clusters/prod/infra/kustomization.yaml': 'resources: [ns.yaml]\n',
      'clusters/prod/infra/ns.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata: {name: infra}\n',
      'clusters/prod/notes/values.yaml': 'replicas: 2\n',
    };
    const result = buildKustomization(snapshotOf(files), 'clusters/prod', {
      generateIfMissing: true,
    });
    expect(
      result.resources.map(r => [r.object.metadata?.name, r.source.file]),
    ).toEqual([
      ['infra', 'clusters/prod/infra/ns.yaml'],
      ['a', 'clusters/prod/apps.yaml'],
    ]);
    expect(result.problems.map(p => [p.rule, p.file, p.cluster])).toEqual([
      ['not-k8s-object', 'clusters/prod/notes/values.yaml', null],
    ]);
  });

  it('reports a missing kustomization at the top unless generation is asked for', () => {
    const files = {
      'plain/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    };
    expect(
      buildKustomization(snapshotOf(files), 'plain').problems.map(p => p.rule),
    ).toEqual(['missing-kustomization']);
    expect(
      buildKustomization(snapshotOf(files), 'gone').problems.map(p => p.rule),
    ).toEqual(['missing-path']);
  });

  it('reuses a cached top-level build for the same overrides and rebuilds for others', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [a.yaml]\n',
      'k/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    };
    const cache = new BuildCache();
    const snapshot = snapshotOf(files);
    const first = buildKustomization(snapshot, 'k', {
      cache,
      overrides: { namePrefix: 'x-' },
    });
    const second = buildKustomization(snapshot, 'k', {
      cache,
      overrides: { namePrefix: 'x-' },
    });
    const third = buildKustomization(snapshot, 'k', {
      cache,
      overrides: { namePrefix: 'y-' },
    });
    expect([
      first.resources[0].object.metadata?.name,
      second.resources[0].object.metadata?.name,
      third.resources[0].object.metadata?.name,
    ]).toEqual(['x-a', 'x-a', 'y-a']);
    expect(second).toEqual(first);
    expect(cache.stats).toMatchObject({ hits: 1 });
  });
});
