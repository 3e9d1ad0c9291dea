import { yamlText } from '../testing/snapshots';
import { parseKustomizationFile } from './kustFile';

function parse(text: string, file = 'apps/web/kustomization.yaml') {
  const problems: unknown[][] = [];
  const kf = parseKustomizationFile(file, yamlText(text), {
    report: p => problems.push([p.rule, p.line, p.message]),
  });
  return { kustomization: kf?.kustomization, problems, kf };
}

describe('parseKustomizationFile', () => {
  it('reads kustomize fields, resolving file paths against the directory', () => {
    const { kustomization, problems } = parse(`
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      namespace: web
      namePrefix: p-
      commonLabels: {app: web}
      labels:
        - pairs: {team: a}
          includeSelectors: true
      resources: [../base, extra.yaml]
      patches:
        - path: patches/replicas.yaml
          target: {kind: Deployment, name: web}
        - patch: |-
            - op: remove
              path: /spec/x
      patchesStrategicMerge:
        - smp.yaml
        - |-
          kind: Deployment
          metadata: {name: web}
      patchesJson6902:
        - target: {version: v1, kind: Service, name: web}
          path: ops.yaml
      images: [{name: nginx, newTag: "1.25"}]
      imageTags: [{name: redis, digest: "sha256:abc"}]
      replicas: [{name: web, count: 3}]
      configMapGenerator:
        - name: cfg
          files: [app.properties, key=conf/other.txt]
          env: old.env
          envs: [a.env]
          literals: [A=1]
          options: {disableNameSuffixHash: true}
      secretGenerator:
        - name: s
          type: kubernetes.io/tls
          files: [tls.crt]
      generatorOptions: {labels: {g: "1"}}
      replacements:
        - path: repl.yaml
        - source: {kind: ConfigMap, name: cfg, fieldPath: data.A}
          targets: [{select: {kind: Deployment}, fieldPaths: [spec.replicas]}]
    `);
    expect(problems).toEqual([]);
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace: 'web',
      namePrefix: 'p-',
      commonLabels: { app: 'web' },
      labels: [{ pairs: { team: 'a' }, includeSelectors: true }],
      resources: ['../base', 'extra.yaml'],
      components: [],
      patches: [
        {
          path: 'apps/web/patches/replicas.yaml',
          target: { kind: 'Deployment', name: 'web' },
        },
        { patch: '- op: remove\n  path: /spec/x' },
      ],
      patchesStrategicMerge: [
        { path: 'apps/web/smp.yaml' },
        { inline: 'kind: Deployment\nmetadata: {name: web}' },
      ],
      patchesJson6902: [
        {
          target: { version: 'v1', kind: 'Service', name: 'web' },
          path: 'apps/web/ops.yaml',
        },
      ],
      images: [
        { name: 'nginx', newTag: '1.25' },
        { name: 'redis', digest: 'sha256:abc' },
      ],
      replicas: [{ name: 'web', count: 3 }],
      configMapGenerator: [
        {
          name: 'cfg',
          literals: ['A=1'],
          files: [
            { key: 'app.properties', path: 'apps/web/app.properties' },
            { key: 'key', path: 'apps/web/conf/other.txt' },
          ],
          envs: ['apps/web/a.env', 'apps/web/old.env'],
          options: { disableNameSuffixHash: true },
        },
      ],
      secretGenerator: [
        {
          name: 's',
          type: 'kubernetes.io/tls',
          files: [{ key: 'tls.crt', path: 'apps/web/tls.crt' }],
        },
      ],
      generatorOptions: { labels: { g: '1' } },
      replacements: [
        { path: 'apps/web/repl.yaml' },
        {
          source: { kind: 'ConfigMap', name: 'cfg', fieldPath: 'data.A' },
          targets: [
            { select: { kind: 'Deployment' }, fieldPaths: ['spec.replicas'] },
          ],
        },
      ],
    });
  });

  it('gives the line of fields and list items by dotted path', () => {
    const { kf } = parse(`
      resources:
        - a.yaml
        - b.yaml
      patches:
        - path: p.yaml
    `);
    expect([
      kf!.lineOf('resources'),
      kf!.lineOf('resources.1'),
      kf!.lineOf('patches.0.path'),
      kf!.lineOf('patches.0.target'),
      kf!.lineOf('nope'),
    ]).toEqual([1, 3, 5, 5, 1]);
  });

  it('reports unknown and unsupported fields', () => {
    expect(
      parse('foo: 1\nhelmCharts:\n- name: x\nvars: []\nresources: []\n')
        .problems,
    ).toEqual([
      [
        'unknown-field',
        1,
        'apps/web/kustomization.yaml: unknown field "foo" (as kustomize: invalid Kustomization); it was ignored.',
      ],
      [
        'unsupported-field',
        2,
        'apps/web/kustomization.yaml: the field "helmCharts" is not supported by the engine; its effect is not rendered.',
      ],
    ]);
  });

  it('reports a wrong kind or apiVersion and returns nothing, as kustomize EnforceFields', () => {
    expect(parse('kind: Deployment\nresources: []\n')).toMatchObject({
      kustomization: undefined,
      problems: [
        [
          'invalid-kustomization',
          1,
          'apps/web/kustomization.yaml: kind should be Kustomization or Component, not Deployment.',
        ],
      ],
    });
    expect(
      parse(
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources: []\n',
      ).problems,
    ).toEqual([
      [
        'invalid-kustomization',
        1,
        'apps/web/kustomization.yaml: apiVersion for Component should be kustomize.config.k8s.io/v1alpha1.',
      ],
    ]);
  });

  it('reports an empty file, as kustomize', () => {
    expect(parse('# nothing\n').problems).toEqual([
      ['invalid-kustomization', 1, 'apps/web/kustomization.yaml is empty.'],
    ]);
  });

  it('reports a kustomization holding only its type or null fields as empty, as kustomize', () => {
    expect([
      parse('kind: Kustomization\n').problems,
      parse('resources:\n').problems,
      parse('resources: []\n').problems,
    ]).toEqual([
      [['invalid-kustomization', 1, 'apps/web/kustomization.yaml is empty.']],
      [['invalid-kustomization', 1, 'apps/web/kustomization.yaml is empty.']],
      [],
    ]);
  });

  it('reports malformed YAML with its line', () => {
    expect(
      parse('resources:\n- a.yaml\npatches: [\n').problems.map(p => p[0]),
    ).toEqual(['yaml-parse']);
  });

  it('reports wrongly typed fields and drops them', () => {
    const { kustomization, problems } = parse(
      'namespace: [a]\ncommonLabels: {a: 1}\nresources: a.yaml\n',
    );
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: [],
      components: [],
    });
    expect(problems.map(p => [p[0], p[1]])).toEqual([
      ['invalid-field', 1],
      ['invalid-field', 2],
      ['invalid-field', 3],
    ]);
  });

  it('reports escaping patch and generator paths and drops the entry', () => {
    const { kustomization, problems } = parse(
      'patches:\n- path: ../../../x.yaml\nconfigMapGenerator:\n- name: c\n  files: [/etc/passwd]\n',
    );
    expect(kustomization?.patches).toBeUndefined();
    expect(kustomization?.configMapGenerator).toEqual([{ name: 'c' }]);
    expect(problems).toEqual([
      [
        'path-escape',
        2,
        'apps/web/kustomization.yaml: patches.0.path ../../../x.yaml is outside the repository; it was skipped.',
      ],
      [
        'path-escape',
        5,
        'apps/web/kustomization.yaml: configMapGenerator.0.files.0 /etc/passwd is an absolute path; it was skipped.',
      ],
    ]);
  });

  it('reads sortOptions', () => {
    expect(
      parse('sortOptions:\n  order: fifo\n').kustomization?.sortOptions,
    ).toEqual({ order: 'fifo' });
  });
});
