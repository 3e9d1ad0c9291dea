import {
  isSopsEncrypted,
  kubernetesIdOf,
  matrixWithFacts,
  policyStageOf,
  redactObject,
} from './objectFacts';
import { repositoryLink } from './links';
import { matrix } from './__fixtures__/matrix';

describe('object facts', () => {
  it('reads the kubernetes-id label of an object or its pod template', () => {
    expect(
      kubernetesIdOf({
        metadata: { labels: { 'backstage.io/kubernetes-id': 'a' } },
      }),
    ).toBe('a');
    expect(
      kubernetesIdOf({
        spec: {
          template: {
            metadata: { labels: { 'backstage.io/kubernetes-id': 'b' } },
          },
        },
      }),
    ).toBe('b');
    expect(kubernetesIdOf({ metadata: {} })).toBeUndefined();
  });

  it('reads a Kyverno policy stage as Kyverno does (Audit unless every action enforces)', () => {
    const policy = (spec: object) => ({
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      spec,
    });
    expect(policyStageOf(policy({ validationFailureAction: 'Enforce' }))).toBe(
      'Enforce',
    );
    expect(policyStageOf(policy({ validationFailureAction: 'enforce' }))).toBe(
      'Enforce',
    );
    expect(policyStageOf(policy({}))).toBe('Audit');
    expect(
      policyStageOf(
        policy({
          rules: [
            { validate: { failureAction: 'Enforce' } },
            { validate: { failureAction: 'Audit' } },
          ],
        }),
      ),
    ).toBe('Audit');
    expect(
      policyStageOf({ apiVersion: 'apps/v1', kind: 'Deployment' }),
    ).toBeUndefined();
  });

  it('redacts every Secret value and flags SOPS ciphertext', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      data: { a: 'aGk=' },
      stringData: { b: 'hunter2' },
    };
    expect(redactObject(secret)).toEqual({
      ...secret,
      data: { a: '<redacted>' },
      stringData: { b: '<redacted>' },
    });
    expect(secret.stringData.b).toBe('hunter2');
    expect(isSopsEncrypted(secret)).toBe(false);
    expect(
      isSopsEncrypted({
        kind: 'Secret',
        stringData: { b: 'ENC[AES256_GCM,data:x]' },
      }),
    ).toBe(true);
    expect(isSopsEncrypted({ kind: 'Secret', sops: { version: '3' } })).toBe(
      true,
    );
  });

  it('adds the facts to a matrix once per objects array', () => {
    const bodies = matrix.objects.map((_o, i) =>
      i === 3
        ? { metadata: { labels: { 'backstage.io/kubernetes-id': 'foo' } } }
        : {},
    );
    const enriched = matrixWithFacts(matrix, bodies);
    expect(enriched.objects[3]).toMatchObject({
      name: 'foo-app',
      kubernetesId: 'foo',
    });
    expect(matrixWithFacts(matrix, bodies)).toBe(enriched);
    expect(() =>
      matrixWithFacts({ ...matrix, objects: [...matrix.objects] }, []),
    ).toThrow(/bodies/);
  });

  it('links files and lines on the repository host', () => {
    expect(
      repositoryLink('https://github.com/o/r/tree/main/', 'clusters/dev', null),
    ).toBe('https://github.com/o/r/tree/main/clusters/dev');
    expect(repositoryLink('https://h/t', 'a b/k.yaml', 4)).toBe(
      'https://h/t/a%20b/k.yaml#L4',
    );
    expect(repositoryLink(undefined, 'x')).toBeNull();
  });
});
