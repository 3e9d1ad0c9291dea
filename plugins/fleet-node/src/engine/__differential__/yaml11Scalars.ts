/*
 * The generated set of YAML 1.1-sensitive scalars of the differential suite:
 * strings that a YAML 1.1 reader (kubectl's, PyYAML) takes for booleans,
 * nulls, numbers, timestamps or value tags unless they are quoted, their
 * near misses (which must stay plain), strings whose style depends on
 * indicators, whitespace and line breaks, keys in go-yaml's natural order,
 * and numbers in every format go-yaml prints. Each becomes part of a
 * resource that kubectl builds, so the engine's output is compared byte
 * for byte with kustomize's.
 */

const cases = (...words: string[]) => words.flatMap(w => w.split(' '));

/** Booleans in every YAML 1.1 spelling, and spellings that are not booleans. */
export const BOOLEANS = cases(
  'y Y yes Yes YES n N no No NO true True TRUE false False FALSE',
  'on On ON off Off OFF yES tRUE oN Of yess nO',
);
/** Nulls, infinities, not-a-numbers and the merge key. */
export const SPECIAL_WORDS = cases(
  '~ null Null NULL nil NuLL .inf .Inf .INF +.inf -.inf -.Inf .nan .NaN .NAN',
  '.NAn << <<< = == ~~',
);
/** Integers, floats and what only looks like them. */
export const NUMERIC_STRINGS = cases(
  '0 00 017 018 0o17 0O17 0x1F 0X1f 0xZZ 0b101 0B11 0b2 -0b1 0b+1 +0x1F',
  '18446744073709551615 18446744073709551616 9223372036854775808',
  '-9223372036854775809 1_2 _12 12_ 1__2 0x_1F 1e3 1E3 1e+3 1.5 -1.5 +1',
  '1e400 1. 01.5 .5 .5e3 ._5 .5_0 685.230_15e+03 1.2.3 1e 0x 0o 0b - + -- ++',
);
/** YAML 1.1 sexagesimal numbers and near misses. */
export const SEXAGESIMAL = cases(
  '12:30 1:20:30 190:20:30.15 -12:30 +1:30 12:60 12:30:45.5 1:2 12:3a',
  '12:30: 1_2:30 12::30',
);
/** Dates and timestamps as go-yaml resolves them, and near misses. */
export const TIMESTAMPS = [
  ...cases(
    '2024-04-01 2024-4-1 2024-02-29 2023-02-29 2024-13-01 2024-04-31',
    '2001-12-14t21:59:43.10-05:00 2001-12-14T21:59:43.10Z',
    '2001-12-14T21:59:43 2024-01-01T00:00:00Z 2024-01-01T00:00:00+02:00',
    '2024-01-01T00:00:00.123456789Z 2024-01-01T24:00:00Z 2024-01-01T00:00:00,5Z',
    '20240401 2024-04-01x 24-04-01 02024-04-01 2024-04-01T10:00:00+25:00',
  ),
  '2001-12-14 21:59:43.10',
  '2001-12-14 21:59:43.10 -5',
  '2024-04-01   10:00:00',
];
/** Strings whose style depends on indicators. */
export const INDICATORS = cases(
  '- -- --- ---a ... ...a ? ?a :a : a:b a: #a a#b &a *a !a |a >a',
  '\'a "a %a @a `a [a] {a} a,b a[b a{b -a a-',
).concat(['a: b', 'a #b', '- a', '? a', 'a :b', "it's", 'say "hi"']);
/** Whitespace, line breaks and folding at 80 columns. */
export const WHITESPACE = [
  ' a',
  'a ',
  'a  b',
  'a\tb',
  '\ta',
  'a\nb',
  'a\n',
  'a\n\n',
  '\na',
  ' a\nb',
  'a \nb',
  'a\n b',
  '\n',
  'a\r\nb',
  'line one\nline two\n',
  `${'word '.repeat(30)}end`,
  `${'x'.repeat(90)} tail after the fold`,
  `${'x'.repeat(90)}  two spaces at the fold`,
  `${'q'.repeat(85)}: colon keeps it quoted and folded`,
  `${'t'.repeat(85)}\ttab makes it double quoted and folded`,
  `${'w '.repeat(50)}`,
];
/** Characters outside printable ASCII. */
export const UNICODE = [
  'é',
  'naïve café',
  'a😀b',
  'a\u00a0b',
  'a\u2028b',
  '\ufeffx y',
  'a\ufeffb',
  '日本語',
];
/**
 * Keys whose order shows go-yaml's natural sort. Keys such as `1a`, `9`
 * and `10` are left out: go-yaml's comparison is not transitive for them
 * (`1a` < `9` < `10` < `1a`), so kustomize itself prints them in a
 * different order from run to run.
 */
export const ORDERED_KEYS = cases(
  'a1 a2 a10 a01 a001 A B _a -a .a a_b a-b 10 9 09 0 00 x0y x00y b Z z1 z10',
  'z2 Ä ä émile',
);
/** Numbers in each form go-yaml prints. */
export const NUMBERS = [
  0,
  1,
  -1,
  42,
  1.5,
  -1.5,
  0.1,
  1234567.5,
  123456.5,
  0.0001,
  0.00001,
  1e-7,
  1e20,
  1e21,
  2 ** 53,
  9007199254740993,
  3.14159,
];

/** Every sensitive string of the set. */
export const YAML11_STRINGS: string[] = [
  ...BOOLEANS,
  ...SPECIAL_WORDS,
  ...NUMERIC_STRINGS,
  ...SEXAGESIMAL,
  ...TIMESTAMPS,
  ...INDICATORS,
  ...WHITESPACE,
  ...UNICODE,
];

const pad = (i: number) => String(i).padStart(3, '0');

/**
 * The set as resources: one ConfigMap per string (as a value, in a list and
 * as a key), one with the ordered keys, one with the numbers, and one with
 * the collection shapes (empty, nested, null, long and multi-line keys).
 */
export function yaml11Resources(): Array<Record<string, unknown>> {
  const cm = (name: string, body: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name },
    ...body,
  });
  // kustomize drops a `<<` key (it reads it as a YAML merge key), so `<<`
  // is only used as a value
  const perString = YAML11_STRINGS.map((s, i) =>
    cm(`s${pad(i)}`, {
      data: { value: s, ...(s === '<<' ? {} : { [s]: 'as key' }) },
      list: [s, [s]],
    }),
  );
  return [
    ...perString,
    cm('z-keys', { data: Object.fromEntries(ORDERED_KEYS.map(k => [k, k])) }),
    cm('z-numbers', { numbers: NUMBERS, byKey: { ...NUMBERS } }),
    cm('z-shapes', {
      shapes: {
        emptyMap: {},
        emptyList: [],
        nothing: null,
        yes: true,
        no: false,
        nested: [[['deep']], [{ a: [] }, {}], [{ k: 'v', l: ['x'] }]],
        [`${'k'.repeat(130)}`]: 'long key',
        'two\nlines': 'multi-line key',
      },
    }),
  ];
}
