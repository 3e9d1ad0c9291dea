import { mayHoldSecretData, redactSecretPaths } from './secretData';

describe('mayHoldSecretData', () => {
  it.each([
    ['block style', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n'],
    ['the kind double-quoted', 'kind: "Secret"\nmetadata:\n  name: s\n'],
    ['the kind single-quoted', "kind: 'Secret'\n"],
    ['JSON', '{"apiVersion": "v1", "kind": "Secret", "data": {}}'],
    ['flow style', '{apiVersion: v1, kind: Secret, data: {a: YQ==}}'],
    ['a comment after the kind', 'kind: Secret # sealed elsewhere\n'],
    ['a secretGenerator', 'secretGenerator:\n- name: s\n'],
    ['stringData', 'metadata:\n  name: s\nstringData:\n  a: b\n'],
    ['stringData in JSON', '{"stringData": {"a": "b"}}'],
  ])('is true for %s', (_, text) => {
    expect(mayHoldSecretData(text)).toBe(true);
  });

  it.each([
    ['a ConfigMap', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n'],
    ['a SecretStore', 'kind: SecretStore\nmetadata:\n  name: vault\n'],
    ['an ExternalSecret', 'kind: ExternalSecret\n'],
    ['a Secret-named kind', 'kind: Secret-Provider\n'],
    ['a kustomization', 'resources:\n- secret-reader.yaml\n'],
  ])('is false for %s', (_, text) => {
    expect(mayHoldSecretData(text)).toBe(false);
  });
});

describe('redactSecretPaths', () => {
  const body = {
    kind: 'Deployment',
    spec: {
      containers: [
        { name: 'a', env: [{ name: 'P', value: 'cGFzcw==' }] },
        { name: 'b', image: 'b:1' },
      ],
    },
    data: { map: { x: 'secret', y: ['s1', 's2'] }, keep: 'plain' },
  };

  it('replaces the value at each path, leaf by leaf for a map or list, without touching the body', () => {
    const before = JSON.stringify(body);
    const out = redactSecretPaths(body, [
      ['spec', 'containers', 0, 'env', 0, 'value'],
      ['data', 'map'],
    ]);
    expect(out).toEqual({
      kind: 'Deployment',
      spec: {
        containers: [
          { name: 'a', env: [{ name: 'P', value: '<redacted>' }] },
          { name: 'b', image: 'b:1' },
        ],
      },
      data: {
        map: { x: '<redacted>', y: ['<redacted>', '<redacted>'] },
        keep: 'plain',
      },
    });
    expect(JSON.stringify(body)).toBe(before);
    // what no path leads through is shared, not copied
    expect(out.spec.containers[1]).toBe(body.spec.containers[1]);
  });

  it('ignores a path that leads nowhere, and returns the body itself without paths', () => {
    expect(redactSecretPaths(body, undefined)).toBe(body);
    expect(
      redactSecretPaths(body, [
        ['spec', 'containers', 5, 'image'],
        ['data', 'keep', 'deeper'],
        ['nothing'],
      ]),
    ).toEqual(body);
  });
});
