import { mayHoldSecretData } from './secretData';

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
