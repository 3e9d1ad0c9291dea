import { resolve } from 'node:path';
import { BuildCache, loadLocalSnapshot, type Snapshot } from '../engine';
import { planPromotion } from './planPromotion';
import type { PromotionPlan } from './types';

const EXAMPLE = resolve(__dirname, '../../../../examples/fleet');
const PROD_APPS = 'clusters/prod/apps/kustomization.yaml';
const PROD_INFRA = 'clusters/prod/infra/kustomization.yaml';

let example: Snapshot;
const cache = new BuildCache();
beforeAll(async () => {
  example = await loadLocalSnapshot(EXAMPLE, { readRevision: false });
});

const withFiles = (files: Record<string, string | null>): Snapshot => {
  const map = new Map(example.files);
  for (const [p, c] of Object.entries(files)) {
    if (c === null) map.delete(p);
    else map.set(p, c);
  }
  return { ...example, files: map };
};
const fileOf = (plan: PromotionPlan, path: string) =>
  plan.files.find(f => f.path === path);

// git, file copies and whole-fleet resolves: slow on a loaded 2-core machine
jest.setTimeout(60_000);
describe('planPromotion', () => {
  it('promotes foo-app from test to prod by reference and carries namespace foo, nothing else', () => {
    const plan = planPromotion(
      example,
      { app: 'foo-app', to: ['prod'] },
      { cache },
    );
    expect(plan.refused).toBeUndefined();
    expect(plan.strategy).toBe('reference');
    expect(plan.strategyReason).toMatch(/same manifests for every cluster/);
    expect(plan.files.map(f => [f.path, f.action])).toEqual([
      [PROD_APPS, 'update'],
      [PROD_INFRA, 'update'],
    ]);
    expect(fileOf(plan, PROD_APPS)!.after).toBe(
      `${example.files.get(PROD_APPS)}  - ../../../apps/foo-app/base\n`,
    );
    expect(fileOf(plan, PROD_INFRA)!.after).toBe(
      `${example.files.get(
        PROD_INFRA,
      )}  - ../../../infrastructure/namespaces/test-only/ns-foo.yaml\n`,
    );
    expect(plan.clusters).toEqual([
      {
        cluster: 'prod',
        added: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'foo',
            name: 'foo-app',
          },
          { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'foo' },
          {
            apiVersion: 'v1',
            kind: 'Service',
            namespace: 'foo',
            name: 'foo-app',
          },
        ],
        changed: [],
        removed: [],
      },
    ]);
    expect(plan.carried).toEqual([
      `namespace foo → prod (infrastructure/namespaces/test-only/ns-foo.yaml, listed in ${PROD_INFRA})`,
    ]);
    expect(plan.diff).toContain(`+++ b/${PROD_APPS}`);
    expect(plan.diff).toContain('+  - ../../../apps/foo-app/base');
    expect(plan.title).toBe('Promote foo-app from test to prod');
    expect(plan.body).toContain('`Deployment foo/foo-app`');
    expect(plan.body).toContain('## Dependencies carried');
  });

  it('changes nothing the second time', () => {
    const first = planPromotion(
      example,
      { app: 'foo-app', to: ['prod'] },
      { cache },
    );
    const second = planPromotion(
      first.planned,
      { app: 'foo-app', to: ['prod'] },
      { cache },
    );
    expect(second.files).toEqual([]);
    expect(second.warnings).toEqual([
      'foo-app already runs on prod; nothing to do there.',
    ]);
  });

  it('keeps the comments of the lists it edits', () => {
    const commented = `# prod: keep it boring\n${example.files
      .get(PROD_APPS)!
      .replace('resources:', 'resources: # explicit list')}`;
    const plan = planPromotion(
      withFiles({ [PROD_APPS]: commented }),
      { app: 'foo-app', to: ['prod'] },
      { cache },
    );
    expect(fileOf(plan, PROD_APPS)!.after).toBe(
      `${commented}  - ../../../apps/foo-app/base\n`,
    );
  });

  it('moves namespace foo into the common set when foo-app ends up on every cluster', () => {
    const plan = planPromotion(
      example,
      { app: 'foo-app', to: ['dev', 'prod'] },
      { cache },
    );
    expect(plan.refused).toBeUndefined();
    expect(plan.files.map(f => [f.path, f.action])).toEqual([
      ['clusters/dev/apps/kustomization.yaml', 'update'],
      [PROD_APPS, 'update'],
      ['clusters/test/infra/kustomization.yaml', 'update'],
      ['infrastructure/namespaces/common/kustomization.yaml', 'update'],
      ['infrastructure/namespaces/common/ns-foo.yaml', 'create'],
      ['infrastructure/namespaces/test-only/kustomization.yaml', 'delete'],
      ['infrastructure/namespaces/test-only/ns-foo.yaml', 'delete'],
    ]);
    expect(plan.filesToDelete).toEqual([
      'infrastructure/namespaces/test-only/kustomization.yaml',
      'infrastructure/namespaces/test-only/ns-foo.yaml',
    ]);
    expect(
      fileOf(plan, 'clusters/test/infra/kustomization.yaml')!.after,
    ).not.toContain('namespaces/test-only');
    // test keeps namespace foo: it now comes from the common set
    expect(plan.clusters.find(c => c.cluster === 'test')).toBeUndefined();
  });

  it('moves the app into apps/common with the common strategy and drops the direct reference', () => {
    const plan = planPromotion(
      example,
      { app: 'foo-app', to: ['dev', 'prod'], strategy: 'common' },
      { cache },
    );
    expect(plan.refused).toBeUndefined();
    expect(fileOf(plan, 'apps/common/kustomization.yaml')!.after).toMatch(
      /- policy-reporter\n {2}- \.\.\/foo-app\/base\n$/,
    );
    expect(
      fileOf(plan, 'clusters/test/apps/kustomization.yaml')!.after,
    ).not.toContain('foo-app');
    expect(plan.clusters.map(c => c.cluster)).toEqual(['dev', 'prod', 'test']);
  });

  it('creates a target overlay from base with the overlay strategy', () => {
    const plan = planPromotion(
      example,
      { app: 'foo-app', to: ['prod'], strategy: 'overlay' },
      { cache },
    );
    expect(plan.refused).toBeUndefined();
    expect(
      fileOf(plan, 'apps/foo-app/overlays/prod/kustomization.yaml')!.after,
    ).toContain('  - ../../base\n');
    expect(fileOf(plan, PROD_APPS)!.after).toContain(
      '  - ../../../apps/foo-app/overlays/prod\n',
    );
  });

  it("chooses the target's own overlay for an app configured per cluster", () => {
    const withoutProd = example.files
      .get(PROD_APPS)!
      .replace('  - ../../../apps/podinfo/overlays/prod\n', '');
    const plan = planPromotion(
      withFiles({ [PROD_APPS]: withoutProd }),
      { app: 'podinfo', to: ['prod'] },
      { cache },
    );
    expect(plan.strategy).toBe('reference');
    expect(plan.strategyReason).toMatch(/every target already has its overlay/);
    expect(fileOf(plan, PROD_APPS)!.after).toBe(
      `${withoutProd}  - ../../../apps/podinfo/overlays/prod\n`,
    );
  });

  it('removes an app from a cluster, the reference in reverse', () => {
    const plan = planPromotion(
      example,
      { app: 'foo-app', to: ['test'], remove: true },
      { cache },
    );
    expect(plan.title).toBe('Remove foo-app from test');
    expect(
      fileOf(plan, 'clusters/test/apps/kustomization.yaml')!.after,
    ).not.toContain('foo-app');
    expect(plan.clusters[0].removed.map(o => o.kind)).toEqual([
      'Deployment',
      'Service',
    ]);
  });

  it('refuses a promotion that would break the target build, and changes nothing', () => {
    const legacy =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: foo-app\n  namespace: foo\n';
    const snapshot = withFiles({
      'clusters/prod/apps/legacy.yaml': legacy,
      [PROD_APPS]: `${example.files.get(PROD_APPS)}  - legacy.yaml\n`,
      [PROD_INFRA]: `${example.files.get(
        PROD_INFRA,
      )}  - ../../../infrastructure/namespaces/test-only\n`,
    });
    const plan = planPromotion(
      snapshot,
      { app: 'foo-app', to: ['prod'] },
      { cache },
    );
    expect(plan.refused).toMatch(/would break the fleet.*prod: /);
    expect(plan.files).toEqual([]);
    expect(plan.planned).toBe(snapshot);
  });

  it('refuses when a namespace the app needs is defined nowhere', () => {
    const snapshot = withFiles({
      'infrastructure/namespaces/test-only/ns-foo.yaml': null,
      'infrastructure/namespaces/test-only/kustomization.yaml':
        'resources: []\n',
    });
    const plan = planPromotion(
      snapshot,
      { app: 'foo-app', to: ['prod'] },
      { cache },
    );
    expect(plan.refused).toMatch(
      /namespace foo, which prod does not create and no cluster of the fleet defines/,
    );
    expect(plan.files).toEqual([]);
  });

  it('rejects an unknown app or cluster', () => {
    expect(() =>
      planPromotion(example, { app: 'nope', to: ['prod'] }, { cache }),
    ).toThrow('The fleet has no app "nope"');
    expect(() =>
      planPromotion(example, { app: 'foo-app', to: ['staging'] }, { cache }),
    ).toThrow('no cluster "staging"');
  });
});

describe('planPromotion of a Kyverno policy', () => {
  const POLICY =
    'infrastructure/policies/kyverno/test-only/deny-latest-tag.yaml';

  it('moves a test-only policy to the shared set when it should run everywhere, and switches it to Enforce', () => {
    const plan = planPromotion(
      example,
      { app: 'deny-latest-tag', to: ['dev', 'prod'], enforce: true },
      { cache },
    );
    expect(plan.refused).toBeUndefined();
    expect(plan.strategy).toBe('common');
    expect(plan.files.map(f => [f.path, f.action])).toEqual([
      ['infrastructure/policies/kyverno/shared/deny-latest-tag.yaml', 'create'],
      ['infrastructure/policies/kyverno/shared/kustomization.yaml', 'update'],
      [
        'infrastructure/policies/kyverno/test-only/deny-latest-tag.yaml',
        'delete',
      ],
      [
        'infrastructure/policies/kyverno/test-only/kustomization.yaml',
        'update',
      ],
    ]);
    const moved = fileOf(
      plan,
      'infrastructure/policies/kyverno/shared/deny-latest-tag.yaml',
    )!.after!;
    expect(moved).toBe(
      example.files
        .get(POLICY)!
        .replace(
          'validationFailureAction: Audit',
          'validationFailureAction: Enforce',
        ),
    );
    expect(
      plan.clusters.map(c => [c.cluster, c.added.length, c.changed.length]),
    ).toEqual([
      ['dev', 1, 0],
      ['prod', 1, 0],
      ['test', 0, 1],
    ]);
  });

  it('moves it to the smallest set reaching test and prod, naming the extra cluster, keeping Audit', () => {
    const plan = planPromotion(
      example,
      { app: 'deny-latest-tag', to: ['prod'] },
      { cache },
    );
    expect(plan.refused).toBeUndefined();
    // test must keep it and prod gain it: the smallest set both import is shared, so dev gains it too
    expect(plan.warnings).toContain(
      'dev gains deny-latest-tag too: the set reaches them.',
    );
    expect(
      fileOf(
        plan,
        'infrastructure/policies/kyverno/shared/deny-latest-tag.yaml',
      )!.after,
    ).toBe(example.files.get(POLICY));
  });
});
