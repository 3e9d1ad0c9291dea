import {
  applyHashSuffixes,
  encodeHash,
  goJsonMarshal,
  hashObject,
} from './hash';
import { resourcesOf } from '../testing/transformFixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');

// Expected hashes were produced by `kubectl kustomize` (kustomize v5.5.0) for the same generators.
describe('hashObject', () => {
  it('hashes a ConfigMap by its data, as kustomize', () => {
    expect(
      hashObject({
        kind: 'ConfigMap',
        metadata: { name: 'cm1' },
        data: { w: 'a=b', x: '1', y: 'two', z: '3' },
      }),
    ).toBe('9c82cfkkh2');
  });

  it('ignores the name, since kustomize looks it up under a key that never exists', () => {
    const a = hashObject({
      kind: 'ConfigMap',
      metadata: { name: 'a' },
      data: { x: '1' },
    });
    const b = hashObject({
      kind: 'ConfigMap',
      metadata: { name: 'b' },
      data: { x: '1' },
    });
    expect(a).toBe(b);
  });

  it('ignores immutable', () => {
    expect(
      hashObject({
        kind: 'ConfigMap',
        metadata: { name: 'cm2' },
        data: { x: '1' },
        immutable: true,
      }),
    ).toBe('hmg6f82fh6');
  });

  it('escapes < > & and U+2028 as Go json.Marshal does', () => {
    const data = { 'f.txt': 'a<b>&\u2028\n', k: 'a<b>&\u2028\n' };
    expect(
      hashObject({ kind: 'ConfigMap', metadata: { name: 'cm4' }, data }),
    ).toBe('b4fmgh2858');
  });

  it('includes binaryData when present', () => {
    expect(
      hashObject({
        kind: 'ConfigMap',
        metadata: { name: 'cm5' },
        binaryData: { 'bin.dat': 'AP/+' },
      }),
    ).toBe('9f9586dkdk');
  });

  it('hashes an empty ConfigMap with data as the empty string', () => {
    expect(hashObject({ kind: 'ConfigMap', metadata: { name: 'empty' } })).toBe(
      '6ct58987ht',
    );
  });

  it('hashes a Secret by type and data', () => {
    expect(
      hashObject({
        kind: 'Secret',
        metadata: { name: 's1' },
        type: 'Opaque',
        data: { x: b64('1') },
      }),
    ).toBe('bf2648c599');
    expect(
      hashObject({
        kind: 'Secret',
        metadata: { name: 's2' },
        type: 'kubernetes.io/tls',
        data: { x: b64('1') },
      }),
    ).toBe('79cg2k2tfk');
    expect(
      hashObject({
        kind: 'Secret',
        metadata: { name: 'se' },
        type: 'Opaque',
        data: {},
      }),
    ).toBe('46f8b28mk5');
  });
});

describe('goJsonMarshal', () => {
  it('sorts keys and escapes HTML characters', () => {
    expect(goJsonMarshal({ b: 1, a: ['<&>'] })).toBe(
      '{"a":["\\u003c\\u0026\\u003e"],"b":1}',
    );
  });
});

describe('encodeHash', () => {
  it('maps 0 1 3 a e of the first ten hex digits', () => {
    expect(encodeHash('{"data":"","kind":"ConfigMap","name":""}')).toBe(
      '6ct58987ht',
    );
  });
});

describe('applyHashSuffixes', () => {
  it('renames generated resources that need a hash and records their previous id', () => {
    const [a, b] = resourcesOf(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: empty}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: fixed}
    `);
    a.generator = { behavior: 'create', needsHash: true };
    b.generator = { behavior: 'create', needsHash: false };
    applyHashSuffixes([a, b]);
    expect([a.object.metadata?.name, b.object.metadata?.name]).toEqual([
      'empty-6ct58987ht',
      'fixed',
    ]);
    expect(a.prevIds).toEqual([
      {
        group: '',
        version: 'v1',
        kind: 'ConfigMap',
        name: 'empty',
        namespace: '',
      },
    ]);
    expect(b.prevIds).toEqual([]);
  });
});
