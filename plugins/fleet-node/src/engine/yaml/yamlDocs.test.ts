import { parseYamlDocuments } from './yamlDocs';
import { yamlText } from '../testing/snapshots';

const problem = (rule: string, line: number | null, message: string) => ({
  severity: 'error',
  rule,
  cluster: null,
  file: 'a.yaml',
  line,
  message,
});

describe('parseYamlDocuments', () => {
  it('returns each document with the line of its first content line, skipping empty documents', () => {
    const text = yamlText(`
      # leading comment
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a}
      ---
      ---
      # only a comment
      ---

      apiVersion: v1
      kind: Secret
      metadata: {name: b}
    `);
    expect(parseYamlDocuments('a.yaml', text)).toEqual({
      docs: [
        {
          object: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'a' },
          },
          line: 2,
        },
        {
          object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' } },
          line: 10,
        },
      ],
      problems: [],
    });
  });

  it('expands List kinds after the other documents, as kustomize inlineAnyEmbeddedLists', () => {
    const text = yamlText(`
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: z}
      - apiVersion: v1
        kind: ConfigMap
        metadata: {name: y}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: s}
    `);
    expect(parseYamlDocuments('a.yaml', text).docs).toEqual([
      {
        object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
        line: 11,
      },
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'z' },
        },
        line: 4,
      },
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'y' },
        },
        line: 7,
      },
    ]);
  });

  it('keeps a *List kind without items as an object', () => {
    const text = 'apiVersion: v1\nkind: PodList\nmetadata: {name: p}\n';
    expect(parseYamlDocuments('a.yaml', text).docs).toEqual([
      {
        object: { apiVersion: 'v1', kind: 'PodList', metadata: { name: 'p' } },
        line: 1,
      },
    ]);
  });

  it('reports malformed YAML with its line and keeps the other documents', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: Secret\nmetadata:\n  name: b: c\n';
    const result = parseYamlDocuments('a.yaml', text);
    expect(result.docs).toEqual([
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'a' },
        },
        line: 1,
      },
    ]);
    expect(result.problems).toEqual([
      problem(
        'yaml-parse',
        7,
        expect.stringMatching(/^a\.yaml:7 is not valid YAML: /),
      ),
    ]);
  });

  it('reports duplicate keys as kustomize does', () => {
    const result = parseYamlDocuments(
      'a.yaml',
      'kind: A\nkind: B\nmetadata: {name: a}\n',
    );
    expect(result.problems.map(p => [p.rule, p.line])).toEqual([
      ['yaml-parse', 2],
    ]);
  });

  it('reports documents without kind or name', () => {
    const result = parseYamlDocuments(
      'a.yaml',
      'foo: 1\n---\nkind: ConfigMap\nmetadata: {}\n---\n- a\n',
    );
    expect(result).toEqual({
      docs: [],
      problems: [
        problem(
          'not-k8s-object',
          1,
          'a.yaml:1 has no kind (as kustomize: "missing kind in object"); the document was skipped.',
        ),
        problem(
          'not-k8s-object',
          3,
          'a.yaml:3 ConfigMap has no metadata.name (as kustomize: "missing metadata.name"); the document was skipped.',
        ),
        problem(
          'not-k8s-object',
          6,
          'a.yaml:6 is not a Kubernetes object (a YAML mapping was expected); the document was skipped.',
        ),
      ],
    });
  });

  it('bounds alias expansion (billion laughs)', () => {
    const lines = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(
        `${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines
      .map(l => `  ${l}`)
      .join('\n')}\n`;
    const result = parseYamlDocuments('a.yaml', text);
    expect(result.docs).toEqual([]);
    expect(result.problems.map(p => [p.rule, p.line])).toEqual([
      ['yaml-alias-limit', 1],
    ]);
  });

  it('bounds nesting depth', () => {
    const text = `kind: A\nmetadata: {name: a}\nspec: ${'['.repeat(
      150,
    )}${']'.repeat(150)}\n`;
    expect(parseYamlDocuments('a.yaml', text).problems).toEqual([
      problem(
        'yaml-too-deep',
        1,
        'a.yaml:1 nests deeper than 100 levels; the document was skipped.',
      ),
    ]);
  });

  it('refuses files over the size bound', () => {
    expect(
      parseYamlDocuments('a.yaml', `kind: A\n#${'x'.repeat(100)}\n`, {
        maxBytes: 50,
      }),
    ).toEqual({
      docs: [],
      problems: [
        problem(
          'file-too-large',
          null,
          'a.yaml is 110 bytes, more than the 50 bytes allowed; it was not read.',
        ),
      ],
    });
  });

  it('keeps YAML 1.2 scalars as kustomize (yes/on stay strings)', () => {
    const result = parseYamlDocuments(
      'a.yaml',
      'kind: A\nmetadata: {name: a}\ndata: {a: yes, b: on, c: "1", d: 1}\n',
    );
    expect(result.docs[0].object.data).toEqual({
      a: 'yes',
      b: 'on',
      c: '1',
      d: 1,
    });
  });
});
