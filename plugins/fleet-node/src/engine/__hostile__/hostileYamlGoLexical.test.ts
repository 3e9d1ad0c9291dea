/*
 * Where go-yaml's scanner and the `yaml` package read the same text
 * differently (yaml/goLexical.ts): U+0085 (NEL), a tab after a block
 * indicator, a quoted `<<` key. Each case is compared with the oracle
 * (`kubectl kustomize --load-restrictor LoadRestrictionsNone`): what kubectl
 * builds, the engine builds object for object; what kubectl refuses, the
 * engine refuses with a `yaml-parse` problem at the line kubectl names.
 */
import { buildKustomization } from '../kustomize/buildKustomization';
import { kubectlBuildFiles } from '../testing/kubectl';
import { buildAsKubectl } from './buildAsKubectl';
import { snapshotOf } from '../testing/snapshots';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
const KUST = 'resources:\n- a.yaml\n';
const NEL = '\u0085';

function build(files: Record<string, string>) {
  return buildKustomization(snapshotOf(files), '');
}

describe('go-yaml lexical rules, as kubectl reads them', () => {
  it.each([
    [
      'NEL inside double- and single-quoted scalars of a resource (folded to a space)',
      {
        'kustomization.yaml': KUST,
        'a.yaml': `${CM}data:\n  a: "x${NEL}y"\n  b: 'x${NEL}y'\n  c: "x${NEL}"\n  d: "a${NEL}${NEL}b"\n  e: "p ${NEL}   q"\n`,
      },
    ],
    [
      'NEL separating two keys and ending a comment in a resource',
      {
        'kustomization.yaml': KUST,
        'a.yaml': `${CM}data:\n  a: b${NEL}  c: d\n  e: f # note${NEL}  g: h\n`,
      },
    ],
    [
      'NEL inside a quoted value of the kustomization file',
      {
        'kustomization.yaml': `${KUST}commonAnnotations:\n  a: "x${NEL}y"\n  b: 'x${NEL}y'\n`,
        'a.yaml': CM,
      },
    ],
    [
      'quoted and tagged "<<" keys in a resource (the pair is dropped)',
      {
        'kustomization.yaml': KUST,
        'a.yaml': `${CM}x: &d\n  z: y\ndata:\n  "<<": x\n  a: b\nspec:\n  m:\n    "<<": *d\n    k: v\n  n:\n    '<<': {z: y}\n  o:\n    !!str <<: w\n  t:\n  - "<<": 1\n    k: v\n`,
      },
    ],
    [
      'a quoted "<<" key in an inline strategic merge patch',
      {
        'kustomization.yaml': `${KUST}patches:\n- patch: |\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: cm\n    data:\n      "<<": x\n      q: r\n`,
        'a.yaml': CM,
      },
    ],
    [
      'tabs after "-" inside flow collections and after a simple key',
      {
        'kustomization.yaml': `resources: [\ta.yaml]\nnamePrefix:\tp-\n`,
        'a.yaml': `${CM}data:\n  a:\tb\nspec:\n  l: [x,\t-1]\n`,
      },
    ],
  ])('builds %s as kubectl does', (_n, files) =>
    expect(buildAsKubectl(files)).toEqual({ errors: [], differences: '' }),
  );

  it.each([
    [
      'a tab after "-" in the kustomization file',
      'kustomization.yaml',
      { 'kustomization.yaml': 'resources:\n-\ta.yaml\n', 'a.yaml': CM },
    ],
    [
      'a space and a tab after "-" in the kustomization file',
      'kustomization.yaml',
      { 'kustomization.yaml': 'resources:\n- \ta.yaml\n', 'a.yaml': CM },
    ],
    [
      'a tab after "-" in a nested list of the kustomization file',
      'kustomization.yaml',
      {
        'kustomization.yaml': `${KUST}images:\n-\tname: x\n  newTag: "1"\n`,
        'a.yaml': CM,
      },
    ],
    [
      'a tab after "?" in the kustomization file',
      'kustomization.yaml',
      {
        'kustomization.yaml': `${KUST}commonLabels:\n  ?\tk\n  : v\n`,
        'a.yaml': CM,
      },
    ],
    [
      'a tab after "-" in a resource',
      'a.yaml',
      {
        'kustomization.yaml': KUST,
        'a.yaml': `${CM}data:\n  a: b\nspec:\n  l:\n  -\tx\n`,
      },
    ],
    [
      'a tab after "-" before a List item',
      'a.yaml',
      {
        'kustomization.yaml': KUST,
        'a.yaml':
          'apiVersion: v1\nkind: List\nitems:\n-\tapiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n',
      },
    ],
    [
      'NEL inside a plain scalar of a resource',
      'a.yaml',
      { 'kustomization.yaml': KUST, 'a.yaml': `${CM}data:\n  a: x${NEL}y\n` },
    ],
    [
      'NEL inside a block scalar of a resource',
      'a.yaml',
      {
        'kustomization.yaml': KUST,
        'a.yaml': `${CM}data:\n  d: |\n    x${NEL}y\n`,
      },
    ],
  ])('refuses %s at the line kubectl names', (_n, file, files) => {
    let kubectlError = '';
    expect(() => {
      try {
        kubectlBuildFiles(files);
      } catch (e) {
        kubectlError = String(e);
        throw e;
      }
    }).toThrow(/yaml: line \d+/);
    const kubectlLine = Number(/yaml: line (\d+)/.exec(kubectlError)![1]);
    const result = build(files);
    expect(result.resources).toEqual([]);
    expect(result.problems.map(p => [p.rule, p.file, p.line])).toEqual([
      ['yaml-parse', file, kubectlLine],
    ]);
  });

  it('refuses NEL inside a plain scalar of the kustomization file at the key it breaks', () => {
    const files = {
      'kustomization.yaml': `${KUST}commonAnnotations:\n  a: b\n  c: x${NEL}y\n`,
      'a.yaml': CM,
    };
    // go-yaml v2 (sigs.k8s.io/yaml) reports "could not find expected ':'"
    // on the line after the broken key `y` (line 6); the engine names line 6
    expect(() => kubectlBuildFiles(files)).toThrow(
      /yaml: line 7: could not find expected ':'/,
    );
    const result = build(files);
    expect(result.resources).toEqual([]);
    expect(result.problems.map(p => [p.rule, p.file, p.line])).toEqual([
      ['yaml-parse', 'kustomization.yaml', 6],
    ]);
  });

  it.each([
    [
      'in commonAnnotations',
      `${KUST}commonAnnotations:\n  "<<": x\n  a: b\n`,
      4,
    ],
    ['in labels pairs', `${KUST}labels:\n- pairs:\n    '<<': x\n    a: b\n`, 5],
    ['at the top level', `${KUST}"<<": x\nnamePrefix: p-\n`, 3],
    ['with a map value', `${KUST}commonAnnotations:\n  "<<": {z: y}\n`, 4],
  ])(
    'refuses a quoted "<<" key in the kustomization file %s, as kubectl does',
    (_n, kust, line) => {
      const files = { 'kustomization.yaml': kust, 'a.yaml': CM };
      expect(() => kubectlBuildFiles(files)).toThrow(
        /kubectl kustomize failed/,
      );
      const result = build(files);
      expect(result.resources).toEqual([]);
      expect(result.problems.map(p => [p.rule, p.file, p.line])).toEqual([
        ['yaml-parse', 'kustomization.yaml', line],
      ]);
      expect(result.problems[0].message).toMatch(/quoted "<<" key/);
    },
  );
});
