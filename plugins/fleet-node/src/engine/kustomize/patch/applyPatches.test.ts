import { parseAllDocuments, stringify } from 'yaml';
import type { KObject, Problem } from '../../core/types';
import type { PatchSpec } from '../types';
import { snapshotOf, yamlText } from '../../testing/snapshots';
import type { TransformContext } from '../types';
import type { Resource } from '../types';
import {
  applyJson6902Patches,
  applyPatches,
  applyStrategicMergePatches,
} from './applyPatches';
import { kubectlBuildFiles } from '../../testing/kubectl';

const objects = (text: string): KObject[] =>
  parseAllDocuments(yamlText(text)).map(d => d.toJS() as KObject);

const resources = (text: string): Resource[] =>
  objects(text).map((object, i) => ({
    object,
    source: { file: 'app/r.yaml', line: i + 1 },
    via: [],
    prevIds: [],
  }));

function context(files: Record<string, string> = {}) {
  const snapshot = snapshotOf(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, yamlText(v)])),
  );
  const problems: Omit<Problem, 'cluster'>[] = [];
  const ctx: TransformContext = {
    dir: 'app',
    kustFile: 'app/kustomization.yaml',
    snapshot,
    sink: { report: p => problems.push(p) },
    lineOf: field =>
      field.startsWith('patches.') ? 10 + Number(field.split('.')[1]) : 5,
    readFile: p => snapshot.files.get(p),
  };
  return { ctx, problems };
}

const WORKLOADS = `
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: prod, labels: {tier: front}}
  spec: {replicas: 1, template: {spec: {containers: [{name: web, image: web:1}]}}}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: prod, labels: {tier: back}}
  spec: {replicas: 1, template: {spec: {containers: [{name: api, image: api:1}]}}}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings, namespace: prod}
  data: {a: "1"}
`;

const REPLICAS_3 = `
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: prod}
  spec: {replicas: 3}
`;

const run = (
  patches: PatchSpec[],
  files: Record<string, string> = {},
  input = resources(WORKLOADS),
) => {
  const { ctx, problems } = context(files);
  const out = applyPatches(input, patches, ctx);
  return { objects: out.map(r => r.object), out, problems };
};

describe('applyPatches', () => {
  it('patches the resource named by a strategic merge patch without target', () => {
    const { objects: out, problems } = run([{ patch: yamlText(REPLICAS_3) }]);
    expect(out).toEqual(
      objects(
        WORKLOADS.replace(
          'spec: {replicas: 1, template: {spec: {containers: [{name: web',
          'spec: {replicas: 3, template: {spec: {containers: [{name: web',
        ),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('finds the target of a patch by a previous name, as after a base prefix', () => {
    const input = resources(WORKLOADS.replace('name: web,', 'name: p-web,'));
    input[0] = {
      ...input[0],
      prevIds: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          name: 'web',
          namespace: 'prod',
        },
      ],
    };
    const { objects: out } = run([{ patch: yamlText(REPLICAS_3) }], {}, input);
    expect(out[0]).toEqual({
      ...input[0].object,
      spec: { ...(input[0].object.spec as object), replicas: 3 },
    });
  });

  it('reports patch-no-target on the entry when no resource has the patch id', () => {
    const { objects: out, problems } = run([
      {
        patch: yamlText(
          REPLICAS_3.replace('namespace: prod', 'namespace: dev'),
        ),
      },
    ]);
    expect(out).toEqual(objects(WORKLOADS));
    expect(problems).toEqual([
      {
        severity: 'error',
        rule: 'patch-no-target',
        file: 'app/kustomization.yaml',
        line: 10,
        message:
          'patches[0] of app/kustomization.yaml patches Deployment.v1.apps/web.dev, but no resource has this id (as kustomize: "failed to find unique target for patch"); the patch was not applied.',
      },
    ]);
  });

  it('applies a targeted patch to every selected resource, keeping their names', () => {
    const patch =
      'kind: Deployment\nmetadata: {name: ignored}\nspec: {replicas: 5}';
    const { objects: out } = run([{ patch, target: { kind: 'Deployment' } }]);
    expect(out).toEqual(
      objects(WORKLOADS.replace(/replicas: 1/g, 'replicas: 5')),
    );
  });

  it('renames the target with allowNameChange and records its previous id', () => {
    const patch = 'kind: Deployment\nmetadata: {name: web2}';
    const { out } = run([
      { patch, target: { name: 'web' }, options: { allowNameChange: true } },
    ]);
    expect([out[0].object.metadata?.name, out[0].prevIds]).toEqual([
      'web2',
      [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          name: 'web',
          namespace: 'prod',
        },
      ],
    ]);
  });

  it('keeps the kind unless allowKindChange', () => {
    const patch = 'kind: StatefulSet\nmetadata: {name: web}';
    const kept = run([{ patch, target: { name: 'web' } }]).objects[0].kind;
    const changed = run([
      { patch, target: { name: 'web' }, options: { allowKindChange: true } },
    ]).objects[0].kind;
    expect([kept, changed]).toEqual(['Deployment', 'StatefulSet']);
  });

  it('drops a resource deleted with $patch: delete', () => {
    const patch =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: prod}\n$patch: delete';
    expect(run([{ patch }]).objects).toEqual(objects(WORKLOADS).slice(0, 2));
  });

  it('applies every document of a multi-document patch file', () => {
    const files = {
      'app/p.yaml': `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: prod}
        spec: {replicas: 3}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: prod}
        data: {b: "2"}`,
    };
    const out = run([{ path: 'app/p.yaml' }], files).objects;
    expect([out[0].spec, out[2].data]).toEqual([
      {
        replicas: 3,
        template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } },
      },
      { a: '1', b: '2' },
    ]);
  });

  it('rejects several strategic merge documents with a target', () => {
    const patch = `${yamlText(REPLICAS_3)}\n---\n${yamlText(REPLICAS_3)}`;
    const { objects: out, problems } = run([
      { patch, target: { kind: 'Deployment' } },
    ]);
    expect([out, problems.map(p => [p.rule, p.line])]).toEqual([
      objects(WORKLOADS),
      [['patch-invalid', 10]],
    ]);
  });

  it('applies YAML JSON 6902 operations to the selected resources', () => {
    const patch = '- op: replace\n  path: /spec/replicas\n  value: 2';
    const out = run([
      { patch, target: { labelSelector: 'tier in (front,back)' } },
    ]).objects;
    expect(out).toEqual(
      objects(WORKLOADS.replace(/replicas: 1/g, 'replicas: 2')),
    );
  });

  it('applies JSON 6902 operations from a JSON file', () => {
    const files = {
      'app/ops.json': '[{"op": "add", "path": "/data/b", "value": "2"}]',
    };
    const out = run(
      [{ path: 'app/ops.json', target: { kind: 'ConfigMap' } }],
      files,
    ).objects;
    expect(out[2].data).toEqual({ a: '1', b: '2' });
  });

  it('reports a JSON 6902 patch without target', () => {
    const { problems } = run([
      { patch: '[{"op": "remove", "path": "/spec"}]' },
    ]);
    expect(problems.map(p => [p.rule, p.file, p.line])).toEqual([
      ['patch-target-required', 'app/kustomization.yaml', 10],
    ]);
  });

  it('leaves a resource unpatched when a JSON 6902 operation fails', () => {
    const patch = '[{"op": "remove", "path": "/spec/paused"}]';
    const { objects: out, problems } = run([
      { patch, target: { name: 'api' } },
    ]);
    expect([out, problems]).toEqual([
      objects(WORKLOADS),
      [
        {
          severity: 'error',
          rule: 'patch-failed',
          file: 'app/kustomization.yaml',
          line: 10,
          message:
            'patches[0] of app/kustomization.yaml does not apply to Deployment.v1.apps/api.prod: operation 1 (remove): Unable to remove nonexistent key: paused: missing value; the resource was left unpatched.',
        },
      ],
    ]);
  });

  it('reports a missing patch file', () => {
    const { problems } = run([{ patch: undefined, path: 'app/nope.yaml' }]);
    expect(problems.map(p => [p.rule, p.line, p.message])).toEqual([
      [
        'missing-path',
        10,
        'patches[0] of app/kustomization.yaml names the patch file app/nope.yaml, which does not exist.',
      ],
    ]);
  });

  it('reports a patch that is neither kind of patch with the document line of its file', () => {
    const files = {
      'app/p.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}',
    };
    const { problems } = run([{ path: 'app/p.yaml' }], files);
    expect(problems.map(p => [p.rule, p.file, p.line])).toEqual([
      ['patch-invalid', 'app/p.yaml', 1],
    ]);
  });

  it('reports a strategic merge patch whose value types differ from the target', () => {
    const patch =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: prod}\ndata: [a]';
    const { objects: out, problems } = run([{ patch }]);
    expect([out, problems.map(p => p.rule)]).toEqual([
      objects(WORKLOADS),
      ['patch-failed'],
    ]);
  });

  it('reports an invalid target regular expression', () => {
    const { problems } = run([
      { patch: yamlText(REPLICAS_3), target: { name: '(' } },
    ]);
    expect(problems.map(p => [p.rule, p.line])).toEqual([
      ['patch-target-invalid', 10],
    ]);
  });

  it('warns about strategic merge directives kustomize copies literally', () => {
    const patch =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  $retainKeys: [replicas]';
    expect(run([{ patch }]).problems.map(p => [p.severity, p.rule])).toEqual([
      ['warning', 'smp-directive-unsupported'],
    ]);
  });
});

describe('applyStrategicMergePatches', () => {
  it('applies file and inline entries by id', () => {
    const { ctx, problems } = context({ 'app/replicas.yaml': REPLICAS_3 });
    const inline =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: prod}\ndata: {a: "2"}';
    const out = applyStrategicMergePatches(
      resources(WORKLOADS),
      [{ path: 'app/replicas.yaml' }, { inline }],
      ctx,
    );
    expect([out.map(r => r.object), problems]).toEqual([
      objects(
        WORKLOADS.replace('replicas: 1', 'replicas: 3').replace(
          'data: {a: "1"}',
          'data: {a: "2"}',
        ),
      ),
      [],
    ]);
  });
});

describe('applyJson6902Patches', () => {
  it('applies the operations to the named target', () => {
    const { ctx } = context({
      'app/ops.yaml': '- {op: add, path: /metadata/labels/x, value: z}',
    });
    const out = applyJson6902Patches(
      resources(WORKLOADS),
      [
        {
          target: {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            name: 'api',
          },
          path: 'app/ops.yaml',
        },
      ],
      ctx,
    );
    expect(out.map(r => r.object)).toEqual(
      objects(WORKLOADS.replace('{tier: back}', '{tier: back, x: z}')),
    );
  });
});

describe('applyPatches against kubectl kustomize', () => {
  const cases: Array<[string, PatchSpec[]]> = [
    [
      'name regex and kind',
      [
        {
          patch: 'kind: Deployment\nmetadata: {name: x}\nspec: {replicas: 4}',
          target: { kind: 'Deploy.*', name: 'w.b|api' },
        },
      ],
    ],
    [
      'namespace and annotation selector',
      [
        {
          patch: '- {op: add, path: /metadata/annotations, value: {x: z}}',
          target: { namespace: 'prod', labelSelector: '!missing,tier!=back' },
        },
      ],
    ],
    [
      'patch order',
      [
        { patch: yamlText(REPLICAS_3) },
        {
          patch: '[{"op": "replace", "path": "/spec/replicas", "value": 7}]',
          target: { name: 'web' },
        },
      ],
    ],
  ];
  it.each(cases)('matches kustomize: %s', (_name, patches) => {
    const expected = kubectlBuildFiles({
      'kustomization.yaml': stringify({ resources: ['r.yaml'], patches }),
      'r.yaml': yamlText(WORKLOADS),
    });
    const sortKey = (o: KObject) => `${o.kind}/${o.metadata?.name}`;
    const sorted = (l: KObject[]) =>
      [...l].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    expect(sorted(run(patches).objects)).toEqual(sorted(expected as KObject[]));
  });
});
