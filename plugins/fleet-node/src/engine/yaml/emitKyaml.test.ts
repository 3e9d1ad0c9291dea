/*
 * Whole-output tests of the kustomize-faithful emitter. Each expected text
 * is what `kubectl kustomize` (kustomize v5.5.0) printed for the same
 * object; the differential suite checks the same against kubectl itself.
 */
import {
  emitKyamlDocument,
  emitKyamlStream,
  formatGoNumber,
} from './emitKyaml';
import { goKeyLess, sortKeysLikeGoYaml } from './emitKeyOrder';
import { kyamlQuotes } from './emitResolve';

describe('emitKyamlDocument', () => {
  it('quotes what a YAML 1.1 reader would not read as a string (issue 11 ConfigMap)', () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x' },
      data: {
        a: 'yes',
        b: 'on',
        d: '2024-04-01',
        h: '12:30',
        i: 'Y',
        j: 'NO',
        m: '=',
        n: 'x',
        name: 'y',
      },
    };
    expect(emitKyamlDocument(cm)).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  a: "yes"',
        '  b: "on"',
        '  d: "2024-04-01"',
        '  h: "12:30"',
        '  i: "Y"',
        '  j: "NO"',
        '  m: =',
        '  "n": x',
        '  name: "y"',
        'kind: ConfigMap',
        'metadata:',
        '  name: x',
        '',
      ].join('\n'),
    );
  });

  it('writes multi-line strings as literal blocks with indentation and chomping hints', () => {
    expect(
      emitKyamlDocument({ a: 'x\ny\n', b: 'x', c: '\n x', d: 'end\n\n' }),
    ).toBe('a: |\n  x\n  y\nb: x\nc: |2-\n\n   x\nd: |+\n  end\n\n');
  });

  it('does not indent sequences under their key, and writes empty collections in flow style', () => {
    expect(
      emitKyamlDocument({ l: ['a', ['b', 'c'], { k: 'v', e: [] }, {}] }),
    ).toBe('l:\n- a\n- - b\n  - c\n- e: []\n  k: v\n- {}\n');
  });

  it('folds a long plain string at the first space after column 80', () => {
    const long = `${'a'.repeat(85)} b c`;
    expect(emitKyamlDocument({ k: long })).toBe(
      `k: ${'a'.repeat(85)}\n  b c\n`,
    );
  });

  it('falls back to single quotes for indicators and to double quotes for control characters', () => {
    expect(
      emitKyamlDocument({ a: 'a: b', b: ' x', c: 'a\tb', d: "it's" }),
    ).toBe("a: 'a: b'\nb: ' x'\nc: \"a\\tb\"\nd: it's\n");
  });

  it('writes keys over 128 bytes as complex keys', () => {
    const key = 'k'.repeat(129);
    expect(emitKyamlDocument({ [key]: 'v' })).toBe(`? ${key}\n: v\n`);
  });
});

describe('emitKyamlStream', () => {
  it('separates documents with ---, and prints nothing for no objects', () => {
    expect(emitKyamlStream([{ a: 1 }, { b: true }])).toBe(
      'a: 1\n---\nb: true\n',
    );
    expect(emitKyamlStream([])).toBe('');
  });
});

describe('formatGoNumber', () => {
  it('prints numbers as encoding/json and go-yaml v2 do', () => {
    expect(
      [0, -1, 1.5, 123456.5, 1234567.5, 0.0001, 0.00001, 1e20].map(
        formatGoNumber,
      ),
    ).toEqual([
      '0',
      '-1',
      '1.5',
      '123456.5',
      '1.2345675e+06',
      '0.0001',
      '1e-05',
      '1e+20',
    ]);
    expect(formatGoNumber(1e21)).toBe('1e+21');
  });
});

describe('key order and quoting rules', () => {
  it('sorts keys naturally, non-letters first', () => {
    expect(
      sortKeysLikeGoYaml(['a10', 'a2', 'B', 'a', '_x', '10', '9', 'a01']),
    ).toEqual(['_x', '9', '10', 'B', 'a', 'a01', 'a2', 'a10']);
    expect(goKeyLess('x00y', 'x0y')).toBe(true);
  });

  it('quotes YAML 1.1 booleans, numbers, timestamps and sexagesimals only', () => {
    const quoted = ['on', 'Off', 'y', '~', '0o17', '0x1F', '1_000', '1:30'];
    const plain = ['onion', 'yES', '<<', '=', '1e400', '2024-13-01', 'x:1'];
    expect(quoted.filter(kyamlQuotes)).toEqual(quoted);
    expect(plain.filter(kyamlQuotes)).toEqual([]);
  });
});
