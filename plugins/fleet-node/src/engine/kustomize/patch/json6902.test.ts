import type { KObject } from '../../core/types';
import { applyJson6902 } from './json6902';

const target = (): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', annotations: { 'a/b': 'x', 'c~d': 'y' } },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
  },
});

const withSpec = (
  spec: Record<string, unknown>,
  metadata?: Record<string, unknown>,
): KObject => ({
  ...target(),
  ...(metadata ? { metadata: metadata as KObject['metadata'] } : {}),
  spec,
});

describe('applyJson6902', () => {
  it('adds a field to a map', () => {
    expect(
      applyJson6902(target(), [
        { op: 'add', path: '/spec/paused', value: true },
      ]),
    ).toEqual({
      object: withSpec({ ...(target().spec as object), paused: true }),
    });
  });

  it('inserts into an array at an index and appends with -', () => {
    const out = applyJson6902(target(), [
      {
        op: 'add',
        path: '/spec/template/spec/containers/0',
        value: { name: 'z' },
      },
      {
        op: 'add',
        path: '/spec/template/spec/containers/-',
        value: { name: 'y' },
      },
    ]);
    expect(out).toEqual({
      object: withSpec({
        replicas: 1,
        template: {
          spec: {
            containers: [
              { name: 'z' },
              { name: 'a' },
              { name: 'b' },
              { name: 'y' },
            ],
          },
        },
      }),
    });
  });

  it('unescapes ~1 and ~0 in pointers', () => {
    const out = applyJson6902(target(), [
      { op: 'replace', path: '/metadata/annotations/a~1b', value: '1' },
      { op: 'remove', path: '/metadata/annotations/c~0d' },
    ]);
    expect(out).toEqual({
      object: {
        ...target(),
        metadata: { name: 'web', annotations: { 'a/b': '1' } },
      },
    });
  });

  it('moves and copies values', () => {
    const out = applyJson6902(target(), [
      { op: 'copy', from: '/spec/replicas', path: '/spec/minReadySeconds' },
      {
        op: 'move',
        from: '/spec/template/spec/containers/1',
        path: '/spec/template/spec/containers/0',
      },
    ]);
    expect(out).toEqual({
      object: withSpec({
        replicas: 1,
        minReadySeconds: 1,
        template: { spec: { containers: [{ name: 'b' }, { name: 'a' }] } },
      }),
    });
  });

  it('accepts a negative index as counted from the end', () => {
    const out = applyJson6902(target(), [
      { op: 'remove', path: '/spec/template/spec/containers/-1' },
    ]);
    expect(out).toEqual({
      object: withSpec({
        replicas: 1,
        template: { spec: { containers: [{ name: 'a' }] } },
      }),
    });
  });

  it('passes a test of an equal value', () => {
    const out = applyJson6902(target(), [
      {
        op: 'test',
        path: '/spec/template/spec/containers/0',
        value: { name: 'a' },
      },
    ]);
    expect(out).toEqual({ object: target() });
  });

  it('fails the whole patch on a failed test', () => {
    expect(
      applyJson6902(target(), [
        { op: 'replace', path: '/spec/replicas', value: 3 },
        { op: 'test', path: '/spec/replicas', value: 2 },
      ]),
    ).toEqual({
      error:
        'operation 2 (test): testing value /spec/replicas failed: test failed',
    });
  });

  it('adds a missing map key on replace, as json-patch v5 does', () => {
    expect(
      applyJson6902(target(), [
        { op: 'replace', path: '/spec/paused', value: true },
      ]),
    ).toEqual({
      object: withSpec({ ...(target().spec as object), paused: true }),
    });
  });

  it('fails to replace past the end of an array', () => {
    expect(
      applyJson6902(target(), [
        { op: 'replace', path: '/spec/template/spec/containers/2', value: {} },
      ]),
    ).toEqual({
      error: 'operation 1 (replace): Unable to access invalid index: 2',
    });
  });

  it('fails when the result lost its metadata.name', () => {
    expect(
      applyJson6902(target(), [{ op: 'remove', path: '/metadata' }]),
    ).toEqual({
      error:
        'the patched object has no metadata.name (as kustomize: "missing metadata.name in object")',
    });
  });

  it('fails to add below a missing parent', () => {
    expect(
      applyJson6902(target(), [
        { op: 'add', path: '/spec/strategy/type', value: 'Recreate' },
      ]),
    ).toEqual({
      error:
        'operation 1 (add): add operation does not apply: doc is missing path: "/spec/strategy/type"',
    });
  });

  it('fails to remove a missing key', () => {
    expect(
      applyJson6902(target(), [{ op: 'remove', path: '/spec/paused' }]),
    ).toEqual({
      error:
        'operation 1 (remove): Unable to remove nonexistent key: paused: missing value',
    });
  });

  it('rejects an unknown operation', () => {
    expect(applyJson6902(target(), [{ op: 'merge', path: '/spec' }])).toEqual({
      error: 'operation 1 (merge): Unexpected kind: merge',
    });
  });

  it('leaves the input untouched', () => {
    const t = target();
    applyJson6902(t, [{ op: 'remove', path: '/spec/template' }]);
    expect(t).toEqual(target());
  });
});
