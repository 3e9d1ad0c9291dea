import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, isMap, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { fastParseAll } from './fastYaml';
import { goCustomTags } from './goScalars';

/** Lines of keys and items by dotted path, as kustFile's slow path collects them. */
function collectLines(
  node: unknown,
  p: string,
  lc: LineCounter,
  out: Record<string, number>,
  depth: number,
): void {
  if (depth > 19) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown }).value;
      if (typeof key !== 'string') continue;
      const kp = p === '' ? key : `${p}.${key}`;
      out[kp] = lc.linePos((pair.key as YamlNode).range![0]).line;
      collectLines(pair.value, kp, lc, out, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      out[`${p}.${i}`] = lc.linePos((item as YamlNode).range![0]).line;
      collectLines(item, `${p}.${i}`, lc, out, depth + 1);
    });
  }
}

/** What the full parser says: non-empty documents with content lines and List item lines, plus key lines of the first; or 'error'. */
function slow(text: string) {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter: lc,
    uniqueKeys: true,
    merge: true,
    customTags: goCustomTags,
  });
  if (!Array.isArray(docs) || docs.some(d => d.errors.length > 0))
    return 'error';
  try {
    const out = docs
      .map(d => ({ d, value: d.toJS({ maxAliasCount: 100 }) as unknown }))
      .filter(({ value }) => value !== null)
      .map(({ d, value }) => {
        const items = isMap(d.contents)
          ? d.contents.get('items', true)
          : undefined;
        const listed =
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Array.isArray((value as { items?: unknown }).items);
        return {
          value,
          line: lc.linePos(d.contents!.range![0]).line,
          itemLines:
            listed && isSeq(items)
              ? items.items.map(n => lc.linePos((n as YamlNode).range![0]).line)
              : [],
        };
      });
    const lines: Record<string, number> = {};
    const first = docs.find(d => d.toJS({ maxAliasCount: 100 }) !== null);
    if (first) collectLines(first.contents, '', lc, lines, 0);
    return { docs: out, lines };
  } catch {
    return 'error';
  }
}

function fast(text: string) {
  const lines = new Map<string, number>();
  const docs = fastParseAll(text, { maxDepth: 100, lines });
  return (
    docs && {
      docs: docs.filter(d => d.value !== null),
      lines: Object.fromEntries(lines),
    }
  );
}

/** YAML files of the repository's fixtures, as a corpus of real-world input. */
function corpus(): string[] {
  const roots = [
    path.join(__dirname, '../__differential__'),
    path.join(__dirname, '../../../../../examples'),
  ];
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$|^Kustomization$/.test(e.name))
        out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  roots.forEach(walk);
  return out;
}

/** A deterministic pseudo-random generator, so failures reproduce. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('fastParseAll', () => {
  it('agrees with the full parser on every fixture file it accepts', () => {
    const files = corpus();
    let accepted = 0;
    for (const text of files) {
      const f = fast(text);
      if (f === undefined) continue;
      accepted++;
      expect({ text, result: f }).toEqual({ text, result: slow(text) });
    }
    expect(accepted).toBeGreaterThan(files.length * 0.8);
  });

  it('never accepts what the full parser rejects or reads differently, on mutated input', () => {
    const r = rng(42);
    const pieces = [
      '0755',
      '2024-01-01',
      '1_0',
      '-.inf',
      '<<: ',
      '0b1',
      '\n ',
      '\n   ',
      '  - ',
      'x:\n',
      ' -',
      '-',
      '\\',
      '...\n',
      'a:',
      ' :',
      '\n-\n',
      ': |\n  x\n',
      '|-\n',
      '>+\n',
      '1: 2',
      'null: 1',
      '"a": 1',
      ' ',
      '  ',
      ':',
      ': ',
      '- ',
      '\n',
      '#',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '|',
      '>',
      '&a ',
      '*a',
      '!t ',
      '? ',
      '---\n',
      'a: b: c',
      '\n  ',
      '0x1F',
      '~',
      '1e3',
      'yes',
      '.inf',
    ];
    const base = [
      ...corpus(),
      'a: 1\nb:\n  - x\n  - {y: [1, 2]}\n',
      'k: |\n  line\n  two\nz: "q\\n"\n',
    ];
    const mismatches: unknown[] = [];
    for (let n = 0; n < 3000; n++) {
      const text = base[Math.floor(r() * base.length)];
      let t = text;
      const edits = 1 + Math.floor(r() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * (t.length + 1));
        t =
          r() < 0.5
            ? t.slice(0, at) +
              pieces[Math.floor(r() * pieces.length)] +
              t.slice(at)
            : t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 3));
      }
      const f = fast(t);
      const s = f === undefined ? undefined : slow(t);
      if (f !== undefined && !isDeepStrictEqual(f, s))
        mismatches.push({ t, fast: f, slow: s });
    }
    expect(mismatches).toEqual([]);
  });

  it('records lines of keys and items by dotted path', () => {
    const lines = new Map<string, number>();
    fastParseAll('a: 1\nb:\n  - x\n  - {c: 2}\nd: [e]\n', {
      maxDepth: 100,
      lines,
    });
    expect(Object.fromEntries(lines)).toEqual({
      a: 1,
      b: 2,
      'b.0': 3,
      'b.1': 4,
      'b.1.c': 4,
      d: 5,
      'd.0': 5,
    });
  });

  it('gives up on anchors, tags, folded scalars, multi-line flow collections and explicit keys', () => {
    expect(
      [
        'a: &x 1\nb: *x\n',
        'a: !!str 1\n',
        'a: >\n  x\n',
        'a: [1,\n  2]\n',
        '? a\n: b\n',
      ].map(t => fastParseAll(t, { maxDepth: 100 })),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('gives up on lines indented with white space other than spaces, which YAML reads as content', () => {
    expect(
      [
        'a:\n\u00a0b: 1\n',
        '\u00a0a: 1\n',
        'a: |\n  x\n \u2003y\n',
        'a:\n\vb: 1\n',
      ].map(t => fastParseAll(t, { maxDepth: 100 })),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads plain keys with letters, digits and _./- as the general key reader does', () => {
    expect(fast('a.b/c-d_1: x\nk:v: 1\nn: ~\n')).toEqual({
      docs: [
        {
          value: { 'a.b/c-d_1': 'x', 'k:v': 1, n: null },
          line: 1,
          itemLines: [],
        },
      ],
      lines: { 'a.b/c-d_1': 1, 'k:v': 2, n: 3 },
    });
  });

  it('reads literal block scalars with their chomping, as YAML', () => {
    expect(fast('a: |\n  x\n\n  y\n\nb: |-\n  z\nc: |+\n  w\n\n')).toEqual({
      docs: [
        {
          value: { a: 'x\n\ny\n', b: 'z', c: 'w\n\n' },
          line: 1,
          itemLines: [],
        },
      ],
      lines: { a: 1, b: 6, c: 8 },
    });
  });
});
