import { BuildCache } from '../kustomize/BuildCache';
import { snapshotDelta } from '../core/snapshotDelta';
import { snapshotOf } from '../testing/snapshots';
import { resolveFleet } from './resolveFleet';
import { toMatrix } from './toMatrix';
import { freezeSharedObjects } from '../kustomize/sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

const deployment = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: ${replicas}\n`;

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources:\n  - ../../apps/web/dev\n',
  'clusters/prod/kustomization.yaml': 'resources:\n  - ../../apps/web/prod\n',
  'apps/web/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'apps/web/base/deployment.yaml': deployment(1),
  'apps/web/dev/kustomization.yaml': 'resources: [../base]\n',
  'apps/web/prod/kustomization.yaml': 'resources: [../base]\n',
  'docs/README.md': '# docs\n',
};

// a FluxInstance in the repository bootstraps a third cluster from hub/
const fluxInstance = `apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata:
  name: flux
  namespace: flux-system
spec:
  sync:
    kind: GitRepository
    url: https://example.com/fleet.git
    ref: refs/heads/main
    path: hub
`;

/** The warm model must be the cold model of the same files, always. */
function expectSameAsCold(
  warm: ReturnType<typeof resolveFleet>,
  f: Record<string, string>,
) {
  const cold = resolveFleet(snapshotOf(f));
  expect(toMatrix(warm)).toEqual(toMatrix(cold));
  expect(warm.units).toEqual(cold.units);
}

describe('warm re-resolve', () => {
  it('reuses the clusters, objects and checks of an unchanged revision', () => {
    const cache = new BuildCache();
    const first = resolveFleet(snapshotOf(files), { cache });
    const again = resolveFleet(snapshotOf(files), { cache });
    expect(again.objects[0]).toBe(first.objects[0]);
    expect(again.problems).toEqual(first.problems);
    expectSameAsCold(again, files);
  });

  it('finds a cluster a changed file now declares (FluxInstance), and forgets it when the file changes back', () => {
    const cache = new BuildCache();
    const withHub = {
      ...files,
      'hub/kustomization.yaml': 'resources: [../apps/web/dev]\n',
      'infra/instance.yaml': '# nothing yet\n',
    };
    expect(
      resolveFleet(snapshotOf(withHub), { cache }).clusters.map(c => c.name),
    ).toEqual(['dev', 'prod']);
    const declared = { ...withHub, 'infra/instance.yaml': fluxInstance };
    const warm = resolveFleet(snapshotOf(declared), { cache });
    expect(warm.clusters.map(c => c.name)).toEqual(['dev', 'hub', 'prod']);
    expectSameAsCold(warm, declared);
    const back = resolveFleet(snapshotOf(withHub), { cache });
    expect(back.clusters.map(c => c.name)).toEqual(['dev', 'prod']);
  });

  it('reports a patch that a one-file change turns into scaling to zero, and drops it when reverted', () => {
    const cache = new BuildCache();
    resolveFleet(snapshotOf(files), { cache });
    const zero = {
      ...files,
      'apps/web/prod/kustomization.yaml':
        'resources: [../base]\nreplicas:\n  - name: web\n    count: 0\n',
    };
    const warm = resolveFleet(snapshotOf(zero), { cache });
    expect(warm.problems.map(p => [p.rule, p.file])).toContainEqual([
      'overlay-presence',
      'apps/web/prod/kustomization.yaml',
    ]);
    expectSameAsCold(warm, zero);
    const reverted = resolveFleet(snapshotOf(files), { cache });
    expect(reverted.problems.map(p => p.rule)).not.toContain(
      'overlay-presence',
    );
  });

  it('reports a patch file that a one-file change turns into scaling to zero, through the kustomization naming it', () => {
    const cache = new BuildCache();
    const patched = {
      ...files,
      'apps/web/prod/kustomization.yaml':
        'resources: [../base]\npatches:\n  - path: replicas.yaml\n',
      'apps/web/prod/replicas.yaml': deployment(2),
    };
    expect(
      resolveFleet(snapshotOf(patched), { cache }).problems.map(p => p.rule),
    ).not.toContain('overlay-presence');
    const zero = { ...patched, 'apps/web/prod/replicas.yaml': deployment(0) };
    const warm = resolveFleet(snapshotOf(zero), { cache });
    expect(warm.problems.map(p => [p.rule, p.file])).toContainEqual([
      'overlay-presence',
      'apps/web/prod/kustomization.yaml',
    ]);
    expectSameAsCold(warm, zero);
  });

  it('lists a definition that a one-file change stops referencing', () => {
    const cache = new BuildCache();
    resolveFleet(snapshotOf(files), { cache });
    const dropped = {
      ...files,
      'clusters/prod/kustomization.yaml':
        'resources:\n  - ../../apps/web/dev\n',
    };
    const warm = resolveFleet(snapshotOf(dropped), { cache });
    expect(
      warm.problems
        .filter(p => p.rule === 'unreferenced-definition')
        .map(p => p.file),
    ).toEqual(['apps/web/prod/kustomization.yaml']);
    expectSameAsCold(warm, dropped);
  });

  it('gives the cold model after a file is added and after it is removed again', () => {
    const cache = new BuildCache();
    resolveFleet(snapshotOf(files), { cache });
    const added = {
      ...files,
      'apps/web/extra/kustomization.yaml': 'resources: [../base]\n',
    };
    const warm = resolveFleet(snapshotOf(added), { cache });
    expect(
      warm.problems.find(p => p.rule === 'unreferenced-definition')?.file,
    ).toBe('apps/web/extra/kustomization.yaml');
    expectSameAsCold(warm, added);
    expectSameAsCold(resolveFleet(snapshotOf(files), { cache }), files);
  });
});

describe('snapshotDelta', () => {
  it('lists changed, added and removed paths in one comparison', () => {
    const a = snapshotOf({ x: '1', y: '2', z: '3' }).files;
    const b = snapshotOf({ x: '1', y: 'two', w: '4' }).files;
    expect(snapshotDelta(a, b)).toEqual({
      changed: ['y'],
      added: ['w'],
      removed: ['z'],
      samePaths: false,
    });
    expect(snapshotDelta(a, a)).toEqual({
      changed: [],
      added: [],
      removed: [],
      samePaths: true,
    });
  });
});
