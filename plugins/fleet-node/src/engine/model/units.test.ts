import { UnitMatcher, unitEntry } from './units';

describe('UnitMatcher', () => {
  const matcher = new UnitMatcher();

  it('matches the seed defaults', () => {
    expect(
      [
        'apps/podinfo/base/deployment.yaml',
        'apps/common/external-secrets/release.yaml',
        'apps/common/ns.yaml',
        'apps/base/podinfo/release.yaml',
        'infrastructure/controllers/kyverno/helmrelease.yaml',
        'infrastructure/namespaces/test-only/ns-foo.yaml',
        'infrastructure/policies/kyverno/shared/restrict-host-path.yaml',
      ].map(f => matcher.unitOf(f)),
    ).toEqual([
      { id: 'apps/podinfo', kind: 'app', name: 'podinfo' },
      {
        id: 'apps/common/external-secrets',
        kind: 'app',
        name: 'external-secrets',
      },
      { id: 'apps/common', kind: 'app', name: 'common' },
      { id: 'apps/base/podinfo', kind: 'app', name: 'podinfo' },
      {
        id: 'infrastructure/controllers/kyverno',
        kind: 'controller',
        name: 'kyverno',
      },
      {
        id: 'infrastructure/namespaces/test-only',
        kind: 'namespace-set',
        name: 'test-only',
      },
      {
        id: 'infrastructure/policies/kyverno/shared',
        kind: 'policy-set',
        name: 'kyverno-shared',
      },
    ]);
  });

  it('puts files outside every pattern, and files directly in a pattern root, in no unit', () => {
    expect(
      [
        'clusters/dev/apps.yaml',
        'apps/kustomization.yaml',
        'infrastructure/policies/kyverno/x.yaml',
      ].map(f => matcher.unitOf(f)),
    ).toEqual([null, null, null]);
  });

  it('uses configured patterns in order, first match wins', () => {
    const custom = new UnitMatcher([
      { pattern: 'teams/<team>/<app>', kind: 'app' },
      { pattern: 'teams/<team>', kind: 'other' },
    ]);
    expect([
      custom.unitOf('teams/blue/web/deploy.yaml'),
      custom.unitOf('teams/blue/ns.yaml'),
    ]).toEqual([
      { id: 'teams/blue/web', kind: 'app', name: 'blue-web' },
      { id: 'teams/blue', kind: 'other', name: 'blue' },
    ]);
  });
});

describe('unitEntry', () => {
  it('is the directory of the first kustomization entry inside the unit', () => {
    expect(
      unitEntry(
        'apps/podinfo',
        { file: 'apps/podinfo/base/deployment.yaml', line: 1 },
        [
          { file: 'clusters/dev/apps/kustomization.yaml', line: 5 },
          { file: 'apps/podinfo/overlays/dev/kustomization.yaml', line: 4 },
          { file: 'apps/podinfo/base/kustomization.yaml', line: 4 },
        ],
      ),
    ).toBe('apps/podinfo/overlays/dev');
  });

  it('is the directory of the object file when the tree names the file directly', () => {
    expect(
      unitEntry(
        'apps/foo',
        { file: 'apps/foo/base/deployment.yaml', line: 1 },
        [{ file: 'clusters/dev/apps/kustomization.yaml', line: 5 }],
      ),
    ).toBe('apps/foo/base');
  });
});
