/*
 * Hostile YAML in every file the engine reads while building a directory:
 * resource files, the kustomization file, patch files (strategic merge and
 * JSON 6902), replacement files and transformer configurations. Each case
 * asserts the problem (rule, file, line), that the healthy resource beside
 * it is still built, and that no parser internals ("Maximum call stack")
 * reach the message. The engine must never throw.
 */
import { BuildCache } from '../kustomize/BuildCache';
import { buildKustomization } from '../kustomize/buildKustomization';
import { snapshotOf } from '../testing/snapshots';

const GOOD =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  k: v\n';
const KUST = 'resources:\n- good.yaml\n- a.yaml\n';

/** Builds the root of `files` (plus good.yaml); returns [rule, file, line] of every problem and the built names. */
function build(files: Record<string, string>) {
  const result = buildKustomization(
    snapshotOf({ 'kustomization.yaml': KUST, 'good.yaml': GOOD, ...files }),
    '',
  );
  for (const p of result.problems)
    expect(p.message).not.toMatch(/Maximum call stack|RangeError|\n\s+at /);
  return {
    problems: result.problems.map(p => [p.rule, p.file, p.line]),
    messages: result.problems.map(p => p.message),
    built: result.resources.map(
      r => `${r.object.kind}/${r.object.metadata?.name}`,
    ),
  };
}

const laughs = [
  'l0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefgh'
    .split('')
    .map(
      (c, i) =>
        `l${i + 1}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`,
    ),
].join('\n');

describe('hostile YAML in resource files', () => {
  it('refuses billion laughs (9^8 strings) with yaml-alias-limit at the document', () => {
    const r = build({
      'a.yaml': `kind: ConfigMap\nmetadata: {name: bomb}\n${laughs}\n`,
    });
    expect(r.problems).toEqual([['yaml-alias-limit', 'a.yaml', 1]]);
    expect(r.built).toEqual(['ConfigMap/good']);
  });

  it('refuses quadratic expansion: one 2 000-item anchor aliased 99 times', () => {
    const items = Array(2000).fill('a').join(',');
    const r = build({
      'a.yaml': `kind: ConfigMap\nmetadata: {name: quad}\nx: &x [${items}]\ny: [${Array(
        99,
      )
        .fill('*x')
        .join(',')}]\n`,
    });
    expect(r.problems).toEqual([['yaml-alias-limit', 'a.yaml', 1]]);
    expect(r.messages[0]).toContain('quadratic alias expansion');
    expect(r.built).toEqual(['ConfigMap/good']);
  });

  it('keeps a small anchor aliased a few times (no false positive)', () => {
    const r = build({
      'a.yaml':
        'kind: ConfigMap\nmetadata: {name: ok}\nx: &x {a: "1"}\ndata: *x\n',
    });
    expect(r.problems).toEqual([]);
    expect(r.built).toEqual(['ConfigMap/good', 'ConfigMap/ok']);
  });

  it.each([
    ['a sequence anchor holding itself', 'x: &a [*a]\n', 3],
    ['a map anchor holding itself', 'x: &a\n  y: *a\n', 4],
    ['a cycle through a nested anchor', 'x: &a\n  y: &b [*a]\n', 4],
  ])('refuses %s (circular anchor) instead of looping', (_n, yaml, line) => {
    const r = build({
      'a.yaml': `kind: ConfigMap\nmetadata: {name: loop}\n${yaml}`,
    });
    expect(r.problems).toEqual([['yaml-alias-limit', 'a.yaml', line]]);
    expect(r.messages[0]).toContain('contains an alias to itself');
    expect(r.built).toEqual(['ConfigMap/good']);
  });

  it('reports an alias to an undefined anchor by its name', () => {
    const r = build({
      'a.yaml': 'kind: ConfigMap\nmetadata: {name: x}\nx: *nope\n',
    });
    expect(r.problems).toEqual([['yaml-alias-limit', 'a.yaml', 1]]);
    expect(r.messages[0]).toContain('Unresolved alias');
    expect(r.messages[0]).toContain('nope');
    expect(r.built).toEqual(['ConfigMap/good']);
  });

  it.each([
    ['100 000 nested [', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    [
      '100 000 nested {',
      `x: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`,
    ],
    ['100 000 unclosed [', `x: ${'['.repeat(100_000)}\n`],
    ['10 000 compact block sequences', `${'- '.repeat(10_000)}x\n`],
  ])(
    'refuses %s with yaml-too-deep, no stack overflow',
    (_n, yaml) => {
      const r = build({ 'a.yaml': yaml });
      expect(r.problems.map(p => [p[0], p[1]])).toEqual([
        ['yaml-too-deep', 'a.yaml'],
      ]);
      expect(r.problems[0][2]).toBe(1);
      expect(r.built).toEqual(['ConfigMap/good']);
    },
    60_000,
  );

  it('refuses 2 000 nested block maps (1 MB of indentation) with yaml-too-deep', () => {
    let yaml = '';
    for (let i = 0; i < 2000; i++) yaml += `${' '.repeat(i)}k:\n`;
    const r = build({ 'a.yaml': yaml });
    expect(r.problems.map(p => [p[0], p[1]])).toEqual([
      ['yaml-too-deep', 'a.yaml'],
    ]);
    expect(r.built).toEqual(['ConfigMap/good']);
  }, 60_000);

  it('refuses a resource with a duplicate key, as kubectl ("mapping key already defined")', () => {
    const r = build({
      'a.yaml':
        'kind: ConfigMap\nmetadata:\n  name: dup\ndata:\n  k: a\n  k: b\n',
    });
    expect(r.problems).toEqual([['yaml-parse', 'a.yaml', 6]]);
    expect(r.built).toEqual(['ConfigMap/good']);
  });

  it('refuses tab indentation at its line', () => {
    const r = build({ 'a.yaml': 'kind: ConfigMap\nmetadata:\n\tname: tab\n' });
    expect(r.problems).toEqual([['yaml-parse', 'a.yaml', 3]]);
    expect(r.built).toEqual(['ConfigMap/good']);
  });

  it.each([
    ['a BOM', '\uFEFFkind: ConfigMap\nmetadata:\n  name: x\n'],
    ['CRLF line ends', 'kind: ConfigMap\r\nmetadata:\r\n  name: x\r\n'],
    [
      'a tab inside a value',
      'kind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: a\tb\n',
    ],
  ])('reads a file with %s as kubectl does', (_n, yaml) => {
    const r = build({ 'a.yaml': yaml });
    expect(r.problems).toEqual([]);
    expect(r.built).toEqual(['ConfigMap/good', 'ConfigMap/x']);
  });

  it.each([
    ['an empty file', ''],
    ['a lone ---', '---\n'],
    ['--- three times', '---\n---\n---\n'],
    ['a lone ...', '...\n'],
    ['only a comment', '# nothing\n'],
  ])(
    'accepts %s as no objects, as kustomize drops empty documents',
    (_n, yaml) => {
      const r = build({ 'a.yaml': yaml });
      expect(r.problems).toEqual([]);
      expect(r.built).toEqual(['ConfigMap/good']);
    },
  );

  it('lists 50 problems of a file of 300 000 bad documents and one line for the rest, without overflowing', () => {
    const r = build({ 'a.yaml': '---\nx\n'.repeat(300_000) });
    expect(r.problems).toHaveLength(51);
    expect(r.problems[0]).toEqual(['not-k8s-object', 'a.yaml', 2]);
    expect(r.messages[50]).toBe(
      'a.yaml has 299950 more problems like the ones above (from line 102); they are not listed one by one.',
    );
    expect(r.built).toEqual(['ConfigMap/good']);
  }, 60_000);

  it('reads a 200 000-item list without overflowing the stack', () => {
    const r = build({
      'a.yaml': `kind: ConfigMap\nmetadata: {name: wide}\nx: [${Array(200_000)
        .fill('1')
        .join(',')}]\n`,
    });
    expect(r.problems).toEqual([]);
    expect(r.built).toEqual(['ConfigMap/good', 'ConfigMap/wide']);
  }, 60_000);

  it('refuses a file over 5 MB unread', () => {
    const r = build({ 'a.yaml': `x: "${'y'.repeat(6 * 1024 * 1024)}"\n` });
    expect(r.problems).toEqual([['file-too-large', 'a.yaml', null]]);
    expect(r.built).toEqual(['ConfigMap/good']);
  });
});

describe('hostile YAML in the kustomization file', () => {
  const kust = (extra: string) => ({
    'kustomization.yaml': `resources:\n- good.yaml\n${extra}`,
  });

  it('refuses billion laughs with yaml-alias-limit and skips the directory', () => {
    const r = build(kust(`${laughs}\n`));
    expect(r.problems.map(p => [p[0], p[1]])).toEqual([
      ['yaml-alias-limit', 'kustomization.yaml'],
    ]);
    expect(r.built).toEqual([]);
  });

  it('refuses a circular anchor at its line', () => {
    const r = build(kust('x: &a [*a]\n'));
    expect(r.problems).toEqual([['yaml-alias-limit', 'kustomization.yaml', 3]]);
  });

  it('refuses 100 000 nested [ with yaml-too-deep', () => {
    const r = build(kust(`x: ${'['.repeat(100_000)}\n`));
    expect(r.problems).toEqual([['yaml-too-deep', 'kustomization.yaml', 3]]);
  }, 60_000);

  it('keeps the last of duplicate keys, as kubectl (sigs.k8s.io/yaml)', () => {
    const r = build(kust('namePrefix: a-\nnamePrefix: b-\n'));
    expect(r.problems).toEqual([]);
    expect(r.built).toEqual(['ConfigMap/b-good']);
  });

  it('refuses a kustomization file over 1 MB unread', () => {
    const r = build(kust(`# ${'x'.repeat(1024 * 1024)}\n`));
    expect(r.problems).toEqual([
      ['file-too-large', 'kustomization.yaml', null],
    ]);
  });

  it('counts the bound of a kustomization file in UTF-8 bytes, as configured', () => {
    const files = (comment: string) =>
      snapshotOf({
        'kustomization.yaml': `resources:\n- good.yaml\n# ${comment}\n`,
        'good.yaml': GOOD,
      });
    const rules = (snapshot: ReturnType<typeof files>, cache?: BuildCache) =>
      buildKustomization(snapshot, '', { cache }).problems.map(p => p.rule);
    const bounded = (comment: string) => ({
      ...files(comment),
      limits: { maxKustomizationBytes: 100 },
    });
    // 26 bytes around the comment: 100 bytes, then 101
    expect(rules(bounded('x'.repeat(74)))).toEqual([]);
    expect(rules(bounded('x'.repeat(75)))).toEqual(['file-too-large']);
    // 64 characters, 102 bytes: over the bound in bytes, not in characters
    expect(rules(bounded('é'.repeat(38)))).toEqual(['file-too-large']);
    // one cache across two bounds: it starts over when the bound changes
    const cache = new BuildCache();
    const comment = 'x'.repeat(200);
    expect(rules(files(comment), cache)).toEqual([]);
    expect(rules(bounded(comment), cache)).toEqual(['file-too-large']);
    expect(rules(files(comment), cache)).toEqual([]);
  });
});

describe('hostile YAML in files a kustomization names', () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const withFile = (entry: string, name: string, text: string) => ({
    'kustomization.yaml': `resources:\n- good.yaml\n${entry}`,
    [name]: text,
  });
  const smp = 'patches:\n- path: p.yaml\n';
  const json = 'patches:\n- path: p.yaml\n  target: {kind: ConfigMap}\n';

  it.each([
    [
      'a strategic merge patch, circular',
      smp,
      'kind: ConfigMap\nmetadata:\n  name: good\ndata: &a\n  x: *a\n',
      'patch-invalid',
      'p.yaml',
    ],
    [
      'a strategic merge patch, too deep',
      smp,
      `kind: ConfigMap\nmetadata:\n  name: good\ndata: ${deep}\n`,
      'patch-invalid',
      'p.yaml',
    ],
    [
      'a JSON 6902 patch, circular',
      json,
      '- op: add\n  path: /data/x\n  value: &a [*a]\n',
      'patch-invalid',
      'p.yaml',
    ],
    [
      'a JSON 6902 patch, too deep',
      json,
      `- op: add\n  path: /data/x\n  value: ${deep}\n`,
      'patch-invalid',
      'p.yaml',
    ],
    [
      'a JSON 6902 patch, billion laughs',
      json,
      `${laughs}\n`,
      'patch-invalid',
      'p.yaml',
    ],
    [
      'a replacement file, circular',
      'replacements:\n- path: p.yaml\n',
      'source: &a {kind: ConfigMap, x: *a}\n',
      'yaml-parse',
      'kustomization.yaml',
    ],
    [
      'a replacement file, too deep',
      'replacements:\n- path: p.yaml\n',
      `source: ${deep}\n`,
      'yaml-parse',
      'kustomization.yaml',
    ],
    [
      'a transformer configuration, circular',
      'configurations:\n- p.yaml\n',
      'nameReference: &a [*a]\n',
      'yaml-parse',
      'kustomization.yaml',
    ],
    [
      'a transformer configuration, too deep',
      'configurations:\n- p.yaml\n',
      `nameReference: ${deep}\n`,
      'yaml-parse',
      'kustomization.yaml',
    ],
  ])(
    'reports %s and leaves the resources unpatched',
    (_n, entry, text, rule, file) => {
      const r = build(withFile(entry, 'p.yaml', text));
      expect(r.problems.map(p => [p[0], p[1]])).toEqual([[rule, file]]);
      expect(r.messages[0]).toMatch(
        /contains an alias to itself|nests too deeply|quadratic alias expansion/,
      );
      expect(r.built).toEqual(['ConfigMap/good']);
    },
    60_000,
  );
});
