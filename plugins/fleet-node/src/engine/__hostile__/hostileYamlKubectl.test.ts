/*
 * Odd but valid YAML, compared with the oracle (`kubectl kustomize
 * --load-restrictor LoadRestrictionsNone`) object for object: byte order
 * marks, CRLF line ends, duplicate keys (kept last in a kustomization file,
 * refused in a resource, as kustomize), tabs in values, empty documents,
 * YAML 1.1 scalars and merge keys in resources, kustomization files and
 * JSON 6902 patches. kubectl is a required test tool (testing/kubectl.ts).
 */
import { describeDifferences } from '../__differential__/describeDifferences';
import { buildKustomization } from '../kustomize/buildKustomization';
import { kubectlBuildFiles } from '../testing/kubectl';
import { snapshotOf } from '../testing/snapshots';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
const KUST = 'resources:\n- a.yaml\n';

/** '' when the engine builds `files` (root directory) as kubectl does, without error problems. */
function differences(files: Record<string, string>): string {
  const expected = kubectlBuildFiles(files);
  const result = buildKustomization(snapshotOf(files), '');
  const errors = result.problems
    .filter(p => p.severity === 'error')
    .map(p => `${p.rule} ${p.file}:${p.line} ${p.message}`);
  return [
    ...errors,
    describeDifferences(
      result.resources.map(r => r.object),
      expected,
    ),
  ]
    .filter(Boolean)
    .join('\n');
}

const scalars11 = [
  'data:',
  '  a: yes',
  '  b: "no"',
  '  c: on',
  '  d: off',
  '  e: y',
  '  f: "0755"',
  '  g: "1:20"',
  '  h: =',
  '  i: "2024-04-01"',
  '  j: 2001-12-14t21:59:43.10-05:00',
  '  k: ~',
  '  l: 0x1F',
  '  m: 1_000',
  'spec:',
  '  n: 0755',
  '  o: 1:20',
  '  p: 2024-04-01',
  '  q: .5',
  '  r: 0o17',
  '  s: 1e3',
].join('\n');

describe('odd YAML, as kubectl reads it', () => {
  it.each([
    [
      'a BOM in a resource',
      { 'kustomization.yaml': KUST, 'a.yaml': `\uFEFF${CM}` },
    ],
    [
      'a BOM in the kustomization file',
      { 'kustomization.yaml': `\uFEFF${KUST}`, 'a.yaml': CM },
    ],
    [
      'CRLF line ends in a resource, with block and multi-line scalars',
      {
        'kustomization.yaml': KUST,
        'a.yaml':
          `${CM}data:\n  k: |\n    a\n    b\n  j: "x\n    y"\n  f: >\n    p\n    q\n`.replace(
            /\n/g,
            '\r\n',
          ),
      },
    ],
    [
      'CRLF line ends in the kustomization file',
      {
        'kustomization.yaml': `${KUST}namePrefix: p-\n`.replace(/\n/g, '\r\n'),
        'a.yaml': CM,
      },
    ],
    [
      'a duplicate key in the kustomization file (the last wins)',
      {
        'kustomization.yaml': `${KUST}namePrefix: a-\nnamePrefix: b-\n`,
        'a.yaml': CM,
      },
    ],
    [
      'a duplicate label key in the kustomization file',
      {
        'kustomization.yaml': `${KUST}commonLabels:\n  x: "1"\n  x: "2"\n`,
        'a.yaml': CM,
      },
    ],
    [
      'a tab inside values',
      {
        'kustomization.yaml': `${KUST}namePrefix: "a\\tb-"\n`,
        'a.yaml': `${CM}data:\n  j: a\tb\n  k: "a\\tb"\n`,
      },
    ],
    [
      'empty documents and a lone --- file',
      {
        'kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n',
        'a.yaml': `---\n---\n${CM}---\n\n---\n`,
        'b.yaml': '---\n',
      },
    ],
    [
      'YAML 1.1 look-alike scalars in a resource',
      { 'kustomization.yaml': KUST, 'a.yaml': `${CM}${scalars11}\n` },
    ],
    [
      'merge keys in a resource',
      {
        'kustomization.yaml': KUST,
        'a.yaml': `${CM}defaults: &d\n  x: "1"\n  y: "2"\ndata:\n  <<: *d\n  y: "3"\nspec:\n  <<: [*d, {z: "4"}]\n`,
      },
    ],
    [
      'merge keys in the kustomization file',
      {
        'kustomization.yaml':
          `${KUST}common: &c\n  team: a\ncommonLabels:\n  <<: *c\n  tier: web\n`.replace(
            'common: &c',
            'commonAnnotations: &c',
          ),
        'a.yaml': CM,
      },
    ],
    [
      'YAML 1.1 scalars in a JSON 6902 patch',
      {
        'kustomization.yaml': `${KUST}patches:\n- path: p.yaml\n  target:\n    kind: ConfigMap\n`,
        'a.yaml': CM,
        'p.yaml':
          '- op: add\n  path: /data\n  value:\n    a: yes\n    b: "on"\n    c: 0755\n    d: ~\n',
      },
    ],
  ])('reads %s as kubectl does', (_n, files) => {
    expect(differences(files)).toBe('');
  });

  it('refuses a duplicate key in a resource, as kubectl does', () => {
    const files = {
      'kustomization.yaml': KUST,
      'a.yaml': `${CM}data:\n  k: a\n  k: b\n`,
    };
    expect(() => kubectlBuildFiles(files)).toThrow(/already defined/);
    const problems = buildKustomization(snapshotOf(files), '').problems;
    expect(problems.map(p => [p.rule, p.file, p.line])).toEqual([
      ['yaml-parse', 'a.yaml', 7],
    ]);
  });

  it('refuses .inf in a resource, as kubectl does (json: unsupported value)', () => {
    const files = {
      'kustomization.yaml': KUST,
      'a.yaml': `${CM}spec:\n  q: .inf\n`,
    };
    expect(() => kubectlBuildFiles(files)).toThrow(/unsupported value/);
    const problems = buildKustomization(snapshotOf(files), '').problems;
    expect(problems.map(p => [p.rule, p.file, p.line])).toEqual([
      ['not-k8s-object', 'a.yaml', 1],
    ]);
  });
});
