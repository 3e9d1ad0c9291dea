import {
  encodeBase64,
  mergeGeneratorOptions,
  runGenerators,
} from './generators';
import { applyHashSuffixes } from './hash';
import { parseEnvFile } from './generatorSources';
import {
  buildLevel,
  contextOf,
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../testing/transformFixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('runGenerators', () => {
  it('generates a ConfigMap from literals, envs and files with sorted data, then hashes it as kubectl', () => {
    const files = {
      'app/e.env': 'A=1\n# c\n  B = 2 \nC\nD="q"\r\nE=x=y\n',
      'app/f.txt': 'a<b>&\n',
    };
    const { ctx, problems } = contextOf(files);
    const k = kust({
      configMapGenerator: [
        {
          name: 'cm',
          literals: ["y='two'", 'w=a=b'],
          envs: ['app/e.env'],
          files: [{ key: 'k', path: 'app/f.txt' }],
        },
      ],
    });
    const got = applyHashSuffixes(runGenerators([], k, ctx));
    const want = kubectlSorted({
      ...files,
      'app/kustomization.yaml': `
        configMapGenerator:
        - name: cm
          literals: ["y='two'", "w=a=b"]
          envs: [e.env]
          files: [k=f.txt]
      `,
    });
    expect(problems).toEqual([]);
    expect(objectsOf(got)).toEqual(want);
  });

  it('generates Secrets with base64 data and the Opaque type by default', () => {
    const { ctx } = contextOf();
    const got = runGenerators(
      [],
      kust({
        secretGenerator: [
          { name: 's', literals: ['x=1'] },
          { name: 't', type: 'kubernetes.io/tls' },
        ],
      }),
      ctx,
    );
    expect(objectsOf(got)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { x: b64('1') },
        type: 'Opaque',
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 't' },
        data: {},
        type: 'kubernetes.io/tls',
      },
    ]);
  });

  it('applies generatorOptions under the entry options and marks the hash need', () => {
    const { ctx } = contextOf();
    const got = runGenerators(
      [],
      kust({
        generatorOptions: { labels: { g: 'h', x: 'global' }, immutable: true },
        configMapGenerator: [
          {
            name: 'cm',
            namespace: 'ns',
            options: { labels: { x: 'local' }, disableNameSuffixHash: true },
          },
        ],
      }),
      ctx,
    );
    expect(got).toEqual([
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {
            name: 'cm',
            namespace: 'ns',
            labels: { g: 'h', x: 'local' },
          },
          immutable: true,
        },
        source: { file: 'app/kustomization.yaml', line: 1 },
        via: [],
        prevIds: [],
        generator: { behavior: 'create', needsHash: false },
      },
    ]);
  });

  it('merges into an existing resource matched by a previous name, keeping its name and hash need', () => {
    const { ctx } = contextOf();
    const [plain] = resourcesOf(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: p-plain, labels: {x: plain, y: plain}}
      data: {a: "1", b: "2"}
    `);
    plain.prevIds = [
      {
        group: '',
        version: 'v1',
        kind: 'ConfigMap',
        name: 'plain',
        namespace: '',
      },
    ];
    const got = runGenerators(
      [plain],
      kust({
        configMapGenerator: [
          {
            name: 'plain',
            behavior: 'merge',
            literals: ['b=3'],
            options: { labels: { x: 'ov' } },
          },
        ],
      }),
      ctx,
    );
    expect(got.map(r => [r.object, r.generator, r.prevIds.length])).toEqual([
      [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'p-plain', labels: { x: 'ov', y: 'plain' } },
          data: { a: '1', b: '3' },
        },
        { behavior: 'merge', needsHash: false },
        1,
      ],
    ]);
  });

  it('replaces the data of an existing generated resource and keeps its metadata', () => {
    const { ctx } = contextOf();
    const base = runGenerators(
      [],
      kust({
        configMapGenerator: [
          {
            name: 'gen',
            literals: ['a=1'],
            options: { labels: { x: 'base' } },
          },
        ],
      }),
      ctx,
    );
    const got = runGenerators(
      base,
      kust({
        configMapGenerator: [
          { name: 'gen', behavior: 'replace', literals: ['c=3'] },
        ],
      }),
      ctx,
    );
    expect(got.map(r => [r.object, r.generator])).toEqual([
      [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'gen', labels: { x: 'base' } },
          data: { c: '3' },
        },
        { behavior: 'replace', needsHash: true },
      ],
    ]);
  });

  it('reports merge without a target, create over an existing id, a missing name and repeated keys', () => {
    const { ctx, problems } = contextOf();
    const existing = runGenerators(
      [],
      kust({ configMapGenerator: [{ name: 'a' }] }),
      ctx,
    );
    runGenerators(
      existing,
      kust({
        configMapGenerator: [
          { name: 'nope', behavior: 'merge' },
          { name: 'a' },
          {},
          { name: 'r', literals: ['k=1', 'k=2'] },
        ],
      }),
      ctx,
    );
    expect(problems.map(p => p.message)).toEqual([
      'configMapGenerator.0: id ConfigMap.v1/nope does not exist; cannot merge or replace',
      'configMapGenerator.1: id ConfigMap.v1/a exists; behavior must be merge or replace',
      'configMapGenerator.2: a configmap must have a name',
      'configMapGenerator.3: configmap r illegally repeats the key `k`',
    ]);
  });

  it('reports a missing generator file', () => {
    const { ctx, problems } = contextOf();
    runGenerators(
      [],
      kust({
        configMapGenerator: [
          { name: 'a', files: [{ key: 'f', path: 'app/none.txt' }] },
        ],
      }),
      ctx,
    );
    expect(problems).toEqual([
      {
        severity: 'error',
        rule: 'missing-path',
        file: 'app/kustomization.yaml',
        line: 1,
        message: "configMapGenerator.0: file 'app/none.txt' does not exist",
      },
    ]);
  });

  it('matches kubectl for generated names referenced by a Deployment after a prefix', () => {
    const files = {
      'app/r.yaml': `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers:
              - name: c
                image: nginx
                envFrom: [{configMapRef: {name: cm}}, {secretRef: {name: s}}]
              volumes: [{name: v, configMap: {name: cm}}]
      `,
    };
    const { ctx } = contextOf(files);
    const k = kust({
      namePrefix: 'p-',
      configMapGenerator: [{ name: 'cm', literals: ['a=1'] }],
      secretGenerator: [{ name: 's', literals: ['b=2'] }],
    });
    const got = buildLevel(resourcesOf(files['app/r.yaml']), k, ctx);
    const want = kubectlSorted({
      ...files,
      'app/kustomization.yaml': `
        namePrefix: p-
        resources: [r.yaml]
        configMapGenerator: [{name: cm, literals: [a=1]}]
        secretGenerator: [{name: s, literals: [b=2]}]
      `,
    });
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });
});

describe('parseEnvFile', () => {
  it('keeps values verbatim, trims only leading space and gives keys without = an empty value', () => {
    expect(parseEnvFile('\uFEFFA=1\n# c\n\n  B = 2 \nC\nD="q"\r\n')).toEqual([
      { key: 'A', value: '1' },
      { key: 'B ', value: ' 2 ' },
      { key: 'C', value: '' },
      { key: 'D', value: '"q"' },
    ]);
  });
});

describe('mergeGeneratorOptions', () => {
  it('lets entry labels win and ors the flags', () => {
    expect(
      mergeGeneratorOptions(
        { labels: { a: 'local' } },
        { labels: { a: 'g', b: 'g' }, disableNameSuffixHash: true },
      ),
    ).toEqual({
      labels: { a: 'local', b: 'g' },
      disableNameSuffixHash: true,
    });
  });
});

describe('encodeBase64', () => {
  it('leaves encodings under 70 characters on one line', () => {
    expect(encodeBase64('x'.repeat(51))).toBe(
      Buffer.from('x'.repeat(51)).toString('base64'),
    );
  });

  it('cuts longer encodings into 70-character lines, each ending with a newline, as kyaml', () => {
    const enc = Buffer.from('y'.repeat(60)).toString('base64');
    expect(encodeBase64('y'.repeat(60))).toBe(
      `${enc.slice(0, 70)}\n${enc.slice(70)}\n`,
    );
  });
});
