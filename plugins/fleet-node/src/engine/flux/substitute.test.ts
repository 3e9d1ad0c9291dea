import type { BuiltResource } from '../kustomize/types';
import type { KObject } from '../core/types';
import { readFluxKustomization } from './fluxObjects';
import { collectVars, substituteResources } from './substitute';

const ks = (postBuild: unknown): ReturnType<typeof readFluxKustomization> =>
  readFluxKustomization({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system' },
    spec: { path: './apps', postBuild },
  });

const objects: Record<string, KObject> = {
  'ConfigMap/flux-system/vars': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'vars' },
    data: { cluster: 'dev', region: 'eu\n' },
  },
  'Secret/flux-system/secret-vars': {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'secret-vars' },
    data: {
      token: Buffer.from('s3cr3t').toString('base64'),
      cluster: Buffer.from('from-secret').toString('base64'),
    },
    stringData: { plain: 'as-is' },
  },
};
const lookup = (kind: string, ns: string, name: string) =>
  objects[`${kind}/${ns}/${name}`];

const resource = (object: KObject): BuiltResource => ({
  object,
  source: { file: 'apps/cm.yaml', line: 1 },
  via: [],
});
const at = { file: 'clusters/dev/apps.yaml', line: 1 };

describe('collectVars', () => {
  it('reads substituteFrom in order, later entries overriding, and lets substitute win', () => {
    const { vars, missing } = collectVars(
      ks({
        substitute: { region: 'us' },
        substituteFrom: [
          { kind: 'ConfigMap', name: 'vars' },
          { kind: 'Secret', name: 'secret-vars' },
        ],
      }),
      lookup,
    );
    expect(missing).toEqual([]);
    expect(Object.fromEntries(vars)).toEqual({
      cluster: 'from-secret',
      region: 'us',
      token: 's3cr3t',
      plain: 'as-is',
    });
  });

  it('removes newlines from values, as Flux', () => {
    const { vars } = collectVars(
      ks({ substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }] }),
      lookup,
    );
    expect(vars.get('region')).toBe('eu');
  });

  it('skips a missing optional source', () => {
    const { vars, missing } = collectVars(
      ks({
        substituteFrom: [{ kind: 'ConfigMap', name: 'nope', optional: true }],
      }),
      lookup,
    );
    expect(missing).toEqual([]);
    expect(vars.size).toBe(0);
  });

  it('reports a missing required source', () => {
    const { missing } = collectVars(
      ks({ substituteFrom: [{ kind: 'Secret', name: 'nope' }] }),
      lookup,
    );
    expect(missing).toEqual(['Secret/nope']);
  });
});

describe('substituteResources', () => {
  it('substitutes into the YAML of each resource and parses it back, so numbers become numbers', () => {
    const r = resource({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web-${cluster}' },
      spec: { replicas: '${replicas}' },
    });
    const out = substituteResources(
      [r],
      new Map([
        ['cluster', 'dev'],
        ['replicas', '3'],
      ]),
      at,
      'flux-system/apps',
    );
    expect(out.ok).toBe(true);
    expect(out.resources.map(x => x.object)).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web-dev' },
        spec: { replicas: 3 },
      },
    ]);
  });

  it('skips resources annotated or labelled kustomize.toolkit.fluxcd.io/substitute: disabled', () => {
    const annotated = resource({
      kind: 'ConfigMap',
      metadata: {
        name: 'a',
        annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' },
      },
      data: { x: '${cluster}' },
    });
    const labelled = resource({
      kind: 'ConfigMap',
      metadata: {
        name: 'b',
        labels: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' },
      },
      data: { x: '${cluster}' },
    });
    const out = substituteResources(
      [annotated, labelled],
      new Map([['cluster', 'dev']]),
      at,
      'flux-system/apps',
    );
    expect(out.resources.map(x => x.object.data)).toEqual([
      { x: '${cluster}' },
      { x: '${cluster}' },
    ]);
  });

  it('substitutes nothing when there are no variables at all, as Flux', () => {
    const r = resource({
      kind: 'ConfigMap',
      metadata: { name: 'a' },
      data: { x: '${cluster:=dev}' },
    });
    expect(
      substituteResources([r], new Map(), at, 'flux-system/apps').resources[0]
        .object.data,
    ).toEqual({ x: '${cluster:=dev}' });
  });

  it('fails the Kustomization on an invalid variable name', () => {
    const r = resource({ kind: 'ConfigMap', metadata: { name: 'a' } });
    expect(
      substituteResources(
        [r],
        new Map([['bad-name', 'x']]),
        at,
        'flux-system/apps',
      ),
    ).toEqual({
      resources: [],
      ok: false,
      problems: [
        {
          severity: 'error',
          rule: 'substitution-failed',
          file: 'clusters/dev/apps.yaml',
          line: 1,
          message:
            "Flux Kustomization flux-system/apps: variable name 'bad-name' is invalid (must match ^[_a-zA-Z][_a-zA-Z0-9]*$); Flux does not apply it.",
        },
      ],
    });
  });

  it('fails the Kustomization on a malformed expression', () => {
    const r = resource({
      kind: 'ConfigMap',
      metadata: { name: 'a' },
      data: { x: '${cluster' },
    });
    const out = substituteResources(
      [r],
      new Map([['cluster', 'dev']]),
      at,
      'flux-system/apps',
    );
    expect(out.ok).toBe(false);
    expect(out.problems.map(p => [p.rule, p.file])).toEqual([
      ['substitution-failed', 'apps/cm.yaml'],
    ]);
  });
});

describe('variables of a Secret', () => {
  it('are known by name, unless a later ConfigMap or substitute sets them', () => {
    const { secretVars } = collectVars(
      ks({
        substitute: { plain: 'inline' },
        substituteFrom: [
          { kind: 'Secret', name: 'secret-vars' },
          { kind: 'ConfigMap', name: 'vars' },
        ],
      }),
      lookup,
    );
    expect([...secretVars].sort()).toEqual(['token']);
  });

  it('mark every field that reads one, whatever the expression, and no other', () => {
    const vars = new Map([
      ['pw', 'abc'],
      ['region', 'eu'],
    ]);
    const sub = substituteResources(
      [
        resource({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'cm-${region}' },
          data: {
            a: 'user:${pw}@db',
            b: '${pw:0:2}',
            c: '${#pw}',
            d: '${region}',
            e: '$${pw}',
          },
          list: ['x', '${pw}'],
        }),
      ],
      vars,
      at,
      'flux-system/apps',
      undefined,
      new Set(['pw']),
    );
    expect(sub.ok).toBe(true);
    expect(sub.resources[0].object).toMatchObject({
      metadata: { name: 'cm-eu' },
      data: { a: 'user:abc@db', b: 'ab', c: 3, d: 'eu', e: '${pw}' },
      list: ['x', 'abc'],
    });
    expect(sub.resources[0].secretPaths).toEqual([
      ['data', 'a'],
      ['data', 'b'],
      ['data', 'c'],
      ['list', 1],
    ]);
  });
});
