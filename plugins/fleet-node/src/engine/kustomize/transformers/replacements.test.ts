import { applyReplacements, resolvePlainScalar } from './replacements';
import {
  contextOf,
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';
import type { ReplacementEntry } from '../types';

const RESOURCES = `
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: src, labels: {app: a}}
  data: {num: "5", host: "a.b.c", flag: "true"}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: d, labels: {app: a}}
  spec:
    replicas: 1
    template:
      spec:
        containers:
        - {name: app, image: "nginx:1", env: [{name: X, value: "old"}]}
        - {name: side, image: "busy:1"}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: e}
  spec:
    replicas: 1
    template:
      spec:
        containers:
        - {name: app, image: "nginx:1"}
`;

const REPLACEMENTS_YAML = `
  - source: {kind: ConfigMap, name: src, fieldPath: data.num}
    targets:
    - select: {kind: Deployment}
      reject: [{name: e}]
      fieldPaths: [spec.replicas, "spec.template.spec.containers.[name=app].env.[name=X].value", metadata.annotations.new]
      options: {create: true}
    - select: {kind: Deployment, name: e}
      fieldPaths: ["spec.template.spec.containers.[name=new].image", "spec.template.metadata.labels.[x.y/z]"]
      options: {create: true}
  - source: {kind: ConfigMap, name: src, fieldPath: data.host, options: {delimiter: ".", index: 1}}
    targets:
    - select: {kind: Deployment}
      fieldPaths: [spec.template.spec.containers.*.image]
      options: {delimiter: ":", index: 1}
  - source: {kind: ConfigMap, name: src, fieldPath: data.flag}
    targets:
    - select: {kind: Deployment, labelSelector: app=a}
      fieldPaths: [metadata.labels.app, spec.template.spec.containers.0.name]
`;

const INLINE: ReplacementEntry[] = [
  {
    source: { kind: 'ConfigMap', name: 'src', fieldPath: 'data.num' },
    targets: [
      {
        select: { kind: 'Deployment' },
        reject: [{ name: 'e' }],
        fieldPaths: [
          'spec.replicas',
          'spec.template.spec.containers.[name=app].env.[name=X].value',
          'metadata.annotations.new',
        ],
        options: { create: true },
      },
      {
        select: { kind: 'Deployment', name: 'e' },
        fieldPaths: [
          'spec.template.spec.containers.[name=new].image',
          'spec.template.metadata.labels.[x.y/z]',
        ],
        options: { create: true },
      },
    ],
  },
];

describe('applyReplacements', () => {
  it('matches kubectl for selectors, rejects, creation, delimiters, wildcards and indexes', () => {
    const { ctx, problems } = contextOf({ 'app/repl.yaml': REPLACEMENTS_YAML });
    const got = applyReplacements(
      resourcesOf(RESOURCES),
      kust({ replacements: [{ path: 'app/repl.yaml' }] }),
      ctx,
    );
    const want = kubectlSorted({
      'app/r.yaml': RESOURCES,
      'app/repl.yaml': REPLACEMENTS_YAML,
      'app/kustomization.yaml':
        'resources: [r.yaml]\nreplacements: [{path: repl.yaml}]\n',
    });
    expect(problems).toEqual([]);
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });

  it('applies inline entries like the same entries from a file', () => {
    const { ctx } = contextOf();
    const got = applyReplacements(
      resourcesOf(RESOURCES),
      kust({ replacements: INLINE }),
      ctx,
    );
    expect(objectsOf(got)[1]).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { app: 'a' }, annotations: { new: '5' } },
      spec: {
        replicas: 5,
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                image: 'nginx:1',
                env: [{ name: 'X', value: '5' }],
              },
              { name: 'side', image: 'busy:1' },
            ],
          },
        },
      },
    });
  });

  it('reports a missing source, an ambiguous source and a missing target field', () => {
    const { ctx, problems } = contextOf();
    applyReplacements(
      resourcesOf(RESOURCES),
      kust({
        replacements: [
          {
            source: { kind: 'Secret' },
            targets: [{ select: { kind: 'Deployment' } }],
          },
          {
            source: { kind: 'Deployment' },
            targets: [{ select: { kind: 'Deployment' } }],
          },
          {
            source: { kind: 'ConfigMap' },
            targets: [
              { select: { kind: 'Deployment' }, fieldPaths: ['spec.nope'] },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(problems.map(p => p.message)).toEqual([
      'replacements.0: nothing selected by source selector {"kind":"Secret"}',
      'replacements.1: multiple matches for source selector {"kind":"Deployment"}',
      'replacements.2: unable to find field "spec.nope" in replacement target',
    ]);
  });

  it('reports the unsupported encoding option', () => {
    const { ctx, problems } = contextOf();
    applyReplacements(
      resourcesOf(RESOURCES),
      kust({
        replacements: [
          {
            source: { kind: 'ConfigMap', options: { encoding: 'json' } },
            targets: [{ select: { kind: 'Deployment' } }],
          },
        ],
      }),
      ctx,
    );
    expect(problems.map(p => p.rule)).toEqual(['unsupported-field']);
  });
});

describe('resolvePlainScalar', () => {
  it('resolves 1.1-style octals, 0o and 0x as go-yaml v3 does', () => {
    expect(['0755', '0o10', '0x1F', '-010'].map(resolvePlainScalar)).toEqual([
      493, 8, 31, -8,
    ]);
  });

  it('resolves ints, floats, booleans and null as YAML core schema, else keeps the text', () => {
    expect(
      ['5', '-1.5e3', 'true', 'null', '', 'abc', '1.2.3'].map(
        resolvePlainScalar,
      ),
    ).toEqual([5, -1500, true, null, null, 'abc', '1.2.3']);
  });
});

describe('applyReplacements on typed and renamed targets', () => {
  const RENAMED = `
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: p-src}
    data: {v: "abc", n: "7"}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: p-web}
    spec: {replicas: 1, template: {metadata: {labels: {x: "1"}}}}
  `;

  function renamed() {
    const rs = resourcesOf(RENAMED);
    rs[0].prevIds = [
      {
        group: '',
        version: 'v1',
        kind: 'ConfigMap',
        name: 'src',
        namespace: '',
      },
    ];
    rs[1].prevIds = [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        name: 'web',
        namespace: '',
      },
    ];
    return rs;
  }

  it('selects sources and targets by previous names and re-resolves created scalars', () => {
    const { ctx, problems } = contextOf();
    const got = applyReplacements(
      renamed(),
      kust({
        replacements: [
          {
            source: { kind: 'ConfigMap', name: 'src', fieldPath: 'data.v' },
            targets: [
              {
                select: { name: 'web' },
                fieldPaths: ['spec.template.metadata.labels.x'],
              },
            ],
          },
          {
            source: { kind: 'ConfigMap', name: 'p-src', fieldPath: 'data.n' },
            targets: [
              {
                select: { name: 'p-web' },
                fieldPaths: ['spec.template.metadata.labels.y'],
                options: { create: true },
              },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(problems).toEqual([]);
    expect(got[1].object.spec).toEqual({
      replicas: 1,
      template: { metadata: { labels: { x: 'abc', y: 7 } } },
    });
  });

  it('reports text that an int field cannot hold, as kustomize fails to decode it', () => {
    const { ctx, problems } = contextOf();
    applyReplacements(
      renamed(),
      kust({
        replacements: [
          {
            source: { kind: 'ConfigMap', fieldPath: 'data.v' },
            targets: [
              { select: { kind: 'Deployment' }, fieldPaths: ['spec.replicas'] },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(problems.map(p => p.message)).toEqual([
      'replacements.0: cannot decode `abc` as the number of the target field',
    ]);
  });
});
