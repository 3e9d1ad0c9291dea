/*
 * More of go-yaml's lexical rules (yaml/goLexical.ts), each compared with
 * the oracle (`kubectl kustomize --load-restrictor LoadRestrictionsNone`):
 * raw U+2028 (LS) and U+2029 (PS), line breaks to go-yaml and ordinary
 * characters to YAML 1.2, in double-quoted, single-quoted, plain and block
 * scalars, keys and comments; and a tab after a `:` in the middle of a
 * line, in block and flow maps, before every kind of value. What kubectl
 * builds, the engine builds object for object (kubectl's output read as a
 * go-yaml consumer reads it); what kubectl refuses, the engine refuses
 * with a `yaml-parse` problem at the file and line.
 */
import { buildKustomization } from '../kustomize/buildKustomization';
import { kubectlBuildFiles } from '../testing/kubectl';
import { buildAsKubectl } from './buildAsKubectl';
import { snapshotOf } from '../testing/snapshots';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
const KUST = 'resources:\n- a.yaml\n';
const T = '\t';

const resource = (body: string) => ({
  'kustomization.yaml': KUST,
  'a.yaml': `${CM}${body}`,
});
const kustomization = (extra: string) => ({
  'kustomization.yaml': `${KUST}${extra}`,
  'a.yaml': CM,
});

const separators = [
  ['LS', '\u2028'],
  ['PS', '\u2029'],
] as const;

const built: [string, Record<string, string>][] = separators.flatMap(
  ([n, c]): [string, Record<string, string>][] => [
    [
      `${n} in double- and single-quoted scalars of a resource`,
      resource(`data:\n  a: "x${c}y"\n  b: 'x${c}y'\n`),
    ],
    [
      `${n} with white space, twice, beside escapes and quotes`,
      resource(
        `data:\n  a: "x  ${c}  y"\n  b: "a${c}${c}b"\n  c: 'it''s${c}x\\y'\n  d: "q\\"${c}\\tz"\n`,
      ),
    ],
    [
      `${n} in a multi-line single-quoted scalar`,
      resource(`data:\n  a: 'x\n    y${c}z\n    w'\n`),
    ],
    [`${n} at the end of a plain scalar`, resource(`data:\n  a: x${c}\n`)],
    [
      `${n} inside a key (the key ends there)`,
      resource(`data:\n  k${c}k: v\n`),
    ],
    [
      `${n} in quoted values of the kustomization file`,
      kustomization(`commonAnnotations:\n  a: "x${c}y"\n  b: 'x${c}y'\n`),
    ],
  ],
);

const tabs: [string, Record<string, string>][] = [
  [
    'key:<tab>value in the middle of a line',
    resource(`data:\n  a:${T}b\n  c: d\n`),
  ],
  [
    'key:<tab>value in a sequence item',
    resource(`data:\n  a: b\nspec:\n- a:${T}b\n  c:${T}d\n`),
  ],
  [
    '{a:<tab>b} and {"a":<tab>b} flow maps',
    resource(`data: {a:${T}b, c: d}\nspec: {"a":${T}b}\n`),
  ],
  ['[a:<tab>b], a pair in a flow sequence', resource(`spec: [a:${T}b]\n`)],
  [
    'a tab before a flow map, a flow sequence, a quoted value, an anchor',
    resource(
      `data:${T}{a: b}\nspec:\n  l:${T}[a, b]\n  q:${T}"b"\n  r:${T}&x b\n  s: *x\n`,
    ),
  ],
  [
    'a tab before a block scalar, a comment, a nested map',
    resource(
      `data:\n  a:${T}|\n    b\n  c:${T}# note\n    d\nspec:${T}\n  e: f\n`,
    ),
  ],
  ['a tab and a space either way', resource(`data:\n  a:${T} b\n  c: ${T}d\n`)],
  [
    'key:<tab>value in the kustomization file',
    kustomization(`namePrefix:${T}p-\ncommonLabels:\n  a:${T}b\n`),
  ],
  [
    '{a:<tab>b} in the kustomization file',
    kustomization(`commonLabels: {a:${T}b}\n`),
  ],
  [
    'a tab before a flow sequence and a nested map in the kustomization file',
    {
      'kustomization.yaml': `resources:${T}[a.yaml]\ncommonLabels:${T}\n  a: b\nimages:\n- name:${T}x\n  newTag:${T}"1"\n`,
      'a.yaml': CM,
    },
  ],
];

describe('go-yaml line separators and tabs after ":", as kubectl reads them', () => {
  it.each([...built, ...tabs])('builds %s as kubectl does', (_n, files) =>
    expect(buildAsKubectl(files)).toEqual({ errors: [], differences: '' }),
  );

  const refused: [string, string, Record<string, string>, number][] = [
    ...separators.flatMap(
      ([n, c]): [string, string, Record<string, string>, number][] => [
        [
          `${n} inside a plain scalar of a resource`,
          'a.yaml',
          resource(`data:\n  a: x${c}y\n`),
          0,
        ],
        [
          `${n} inside a comment of a resource`,
          'a.yaml',
          resource(`data:\n  a: b # c${c}d\n  e: f\n`),
          0,
        ],
        [
          `${n} inside a block scalar of a resource`,
          'a.yaml',
          resource(`data:\n  a: |\n    x${c}y\n`),
          0,
        ],
        // go-yaml v2 (sigs.k8s.io/yaml) names the line after the broken key;
        // the engine names the line of the text that breaks it
        [
          `${n} inside a plain scalar of the kustomization file`,
          'kustomization.yaml',
          kustomization(`commonAnnotations:\n  a: x${c}y\n`),
          -1,
        ],
        [
          `${n} inside comments of the kustomization file`,
          'kustomization.yaml',
          {
            'kustomization.yaml': `# c${c}namePrefix: p-\n${KUST}commonAnnotations:\n  a: b # c${c}d\n`,
            'a.yaml': CM,
          },
          -1,
        ],
        [
          `${n} in a quoted value of an inline patch`,
          'kustomization.yaml',
          kustomization(
            `patches:\n- patch: |\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: cm\n    data:\n      p: "x${c}y"\n`,
          ),
          -1,
        ],
      ],
    ),
    [
      'a tab after an explicit ":" in a resource',
      'a.yaml',
      resource(`data:\n  ? k\n  :${T}v\n`),
      0,
    ],
    [
      'a tab after an explicit ":" at the top of a resource',
      'a.yaml',
      resource(`? k\n:${T}v\n`),
      0,
    ],
    [
      'a tab after an explicit ":" in the kustomization file',
      'kustomization.yaml',
      kustomization(`commonLabels:\n  ? k\n  :${T}v\n`),
      0,
    ],
  ];

  it.each(refused)(
    'refuses %s at the line kubectl names',
    (_n, file, files, shift) => {
      let kubectlError = '';
      try {
        kubectlBuildFiles(files);
      } catch (e) {
        kubectlError = String(e);
      }
      expect(kubectlError).toMatch(/yaml: line \d+/);
      const kubectlLine = Number(/yaml: line (\d+)/.exec(kubectlError)![1]);
      const result = buildKustomization(snapshotOf(files), '');
      expect(result.resources).toEqual([]);
      expect(result.problems.map(p => [p.rule, p.file, p.line])).toEqual([
        ['yaml-parse', file, kubectlLine + shift],
      ]);
    },
  );
});
