import { parsePatch, unsupportedDirective } from './parsePatch';

describe('parsePatch', () => {
  it('reads text starting with [ as JSON 6902 operations', () => {
    expect(parsePatch(' [{"op": "remove", "path": "/a"}]', 'p.json')).toEqual({
      type: 'json6902',
      ops: [{ op: 'remove', path: '/a' }],
    });
  });

  it('reads a YAML list as JSON 6902 operations, with YAML 1.1 scalars as kustomize', () => {
    expect(parsePatch('- op: add\n  path: /a\n  value: y', 'p.yaml')).toEqual({
      type: 'json6902',
      ops: [{ op: 'add', path: '/a', value: true }],
    });
  });

  it('reads a YAML list after an empty document as JSON 6902 operations', () => {
    expect(
      parsePatch(
        '---\n# nothing\n---\n- op: replace\n  path: /a\n  value: on\n',
        'p.yaml',
      ),
    ).toEqual({
      type: 'json6902',
      ops: [{ op: 'replace', path: '/a', value: true }],
    });
  });

  it('reads YAML objects as strategic merge documents with their lines', () => {
    const text =
      'kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata: {name: b}\n';
    expect(parsePatch(text, 'p.yaml')).toEqual({
      type: 'smp',
      docs: [
        { object: { kind: 'A', metadata: { name: 'a' } }, line: 1 },
        { object: { kind: 'B', metadata: { name: 'b' } }, line: 4 },
      ],
    });
  });

  it('rejects a YAML flow list starting with [, which kustomize decodes as strict JSON', () => {
    expect(
      parsePatch('[{op: remove, path: /a}]', 'app/kustomization.yaml', 7),
    ).toEqual({
      type: 'invalid',
      problems: [
        {
          severity: 'error',
          rule: 'patch-invalid',
          file: 'app/kustomization.yaml',
          line: 7,
          message:
            'the inline patch at app/kustomization.yaml:7 is neither a strategic merge patch nor a JSON 6902 patch (kustomize reads a patch starting with "[" as strict JSON).',
        },
      ],
    });
  });

  it('rejects a strategic merge document without metadata.name', () => {
    const parsed = parsePatch('kind: A\nmetadata: {labels: {a: b}}', 'p.yaml');
    expect(
      parsed.type === 'invalid' &&
        parsed.problems.map(p => [p.rule, p.file, p.line]),
    ).toEqual([['patch-invalid', 'p.yaml', 1]]);
  });
});

describe('unsupportedDirective', () => {
  it('finds apimachinery directives kyaml does not implement', () => {
    expect([
      unsupportedDirective({
        spec: { template: { '$setElementOrder/containers': [] } },
      }),
      unsupportedDirective({
        spec: { containers: [{ '$deleteFromPrimitiveList/args': ['a'] }] },
      }),
      unsupportedDirective({ spec: { $patch: 'replace' } }),
    ]).toEqual([
      '$setElementOrder/containers',
      '$deleteFromPrimitiveList/args',
      undefined,
    ]);
  });
});
