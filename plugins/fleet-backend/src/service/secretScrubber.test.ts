import { secretScrubber } from './secretScrubber';

const secret = (fields: Record<string, unknown>) => ({
  object: {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    ...fields,
  },
});
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secretScrubber', () => {
  it('replaces data (decoded) and stringData values wherever a string holds them', () => {
    const scrub = secretScrubber({
      objects: [
        secret({ data: { a: b64('hunter22') }, stringData: { b: 'letmein!' } }),
      ],
    });
    expect(
      scrub({ url: 'x://u:hunter22@h', list: ['letmein!', 'ok value'], n: 3 }),
    ).toEqual({
      url: 'x://u:<redacted>@h',
      list: ['<redacted>', 'ok value'],
      n: 3,
    });
  });

  it('replaces the longest value first and each line of a multi-line value', () => {
    const scrub = secretScrubber({
      objects: [
        secret({
          stringData: { a: 'abcdef', b: 'abcdefgh', c: 'line-one\nline-two' },
        }),
      ],
    });
    expect(
      scrub(['abcdefgh', 'abcdef!', 'line-two', 'line-oneline-two']),
    ).toEqual(['<redacted>', '<redacted>!', '<redacted>', '<redacted>']);
  });

  it('leaves values shorter than six characters alone', () => {
    const scrub = secretScrubber({
      objects: [secret({ stringData: { short: 'true' } })],
    });
    expect(scrub({ a: 'true', b: 'truer' })).toEqual({ a: 'true', b: 'truer' });
  });

  it('replaces the base64 text of data values and SOPS ciphertext too', () => {
    const cipher = 'ENC[AES256_GCM,data:abcdefgh,type:str]';
    const scrub = secretScrubber({
      objects: [
        secret({ data: { a: b64('hunter22') } }),
        secret({ data: { p: cipher }, sops: {} }),
      ],
    });
    expect(
      scrub({ a: `x ${b64('hunter22')}`, b: cipher, c: 'abcdefgh' }),
    ).toEqual({ a: 'x <redacted>', b: '<redacted>', c: 'abcdefgh' });
  });

  it('does not search for a value kustomize copied into a Secret from plain data', () => {
    const scrub = secretScrubber({
      objects: [
        {
          ...secret({ stringData: { user: 'app-user', pass: 'hunter22' } }),
          plainPaths: [['stringData', 'user']],
        },
      ],
    });
    expect(scrub(['app-user', 'hunter22'])).toEqual(['app-user', '<redacted>']);
  });

  it('is the identity without Secrets, and built once per model', () => {
    const model = { objects: [{ object: { kind: 'ConfigMap' } }] };
    const value = { a: 'x' };
    expect(secretScrubber(model)(value)).toBe(value);
    expect(secretScrubber(model)).toBe(secretScrubber(model));
  });
});
