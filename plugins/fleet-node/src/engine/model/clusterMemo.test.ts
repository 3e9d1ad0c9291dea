import { BuildCache } from '../kustomize/BuildCache';
import { snapshotOf } from '../testing/snapshots';
import { resolveFleet } from './resolveFleet';
import { toMatrix } from './toMatrix';
import { freezeSharedObjects } from '../kustomize/sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

const deployment = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: team-x\nspec:\n  replicas: ${replicas}\n`;

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources:\n  - ../../apps/web/dev\n',
  'clusters/prod/kustomization.yaml': 'resources:\n  - ../../apps/web/prod\n',
  'apps/web/dev/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'apps/web/dev/deployment.yaml': deployment(1),
  'apps/web/prod/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'apps/web/prod/deployment.yaml': deployment(3),
};

const replicas = (m: ReturnType<typeof toMatrix>) =>
  Object.fromEntries(m.objects.map(o => [o.cluster, o.replicas]));

describe('cluster memo', () => {
  it('re-resolves only the cluster whose files changed, with the same result as a cold resolve', () => {
    const cache = new BuildCache();
    const first = resolveFleet(snapshotOf(files), { cache });
    const changed = snapshotOf({
      ...files,
      'apps/web/prod/deployment.yaml': deployment(5),
    });
    const warm = resolveFleet(changed, { cache });

    expect(replicas(toMatrix(warm))).toEqual({ dev: 1, prod: 5 });
    expect(toMatrix(warm)).toEqual(toMatrix(resolveFleet(changed)));
    // dev read nothing that changed: its resolution is the one of the first run
    expect(warm.clusters[0].kustomizations).toBe(
      first.clusters[0].kustomizations,
    );
    expect(warm.clusters[1].kustomizations).not.toBe(
      first.clusters[1].kustomizations,
    );
  });

  it('re-resolves only the cluster whose build lists the directory a file is added to', () => {
    // dev applies apps/web/dev as plain manifests (Flux generates the kustomization, listing the directory)
    const plain = {
      ...files,
      'clusters/dev/kustomization.yaml': 'resources: [web.yaml]\n',
      'clusters/dev/web.yaml':
        'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: web, namespace: flux-system }\nspec: { path: ./apps/web/plain, sourceRef: { kind: GitRepository, name: flux-system } }\n',
      'apps/web/plain/deployment.yaml': deployment(1),
    };
    const cache = new BuildCache();
    const first = resolveFleet(snapshotOf(plain), { cache });
    const added = snapshotOf({
      ...plain,
      'apps/web/plain/extra.yaml': deployment(9).replace(
        'name: web',
        'name: extra',
      ),
    });
    const warm = resolveFleet(added, { cache });
    expect(warm.clusters[0].kustomizations).not.toBe(
      first.clusters[0].kustomizations,
    );
    expect(warm.clusters[1].kustomizations).toBe(
      first.clusters[1].kustomizations,
    );
    expect(toMatrix(warm)).toEqual(toMatrix(resolveFleet(added)));
    expect(
      warm.objects
        .filter(o => o.cluster === 'dev')
        .map(o => o.object.metadata?.name),
    ).toContain('extra');
  });
});
