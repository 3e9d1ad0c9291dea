import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultFleetService,
  resolveFleet,
  snapshotFromFiles,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { smallFleetFiles, smallFleetService } from './__fixtures__/smallFleet';
import { FleetEntityProvider } from './FleetEntityProvider';

function connected(
  fleet = smallFleetService(mockServices.logger.mock()),
  maxRemovalShare?: number,
) {
  const applyMutation = jest.fn(
    async (_mutation: EntityProviderMutation) => {},
  );
  const logger = mockServices.logger.mock();
  const provider = new FleetEntityProvider({
    id: 'default',
    fleet,
    logger,
    owner: 'group:default/fleet-admins',
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
    maxRemovalShare,
  });
  const refresh = jest.fn(async () => {});
  return {
    provider,
    applyMutation,
    refresh,
    logger,
    connect: () => provider.connect({ applyMutation, refresh }),
  };
}

const applied = (mock: jest.Mock, call = 0) =>
  mock.mock.calls[call][0].entities.map((e: any) => e.entity);

describe('FleetEntityProvider', () => {
  it('emits clusters, namespaces, policies and controllers with their clusters, owner and links', async () => {
    const { provider, applyMutation, connect } = connected();
    await connect();
    await provider.read();
    const entities = applied(
      applyMutation,
      applyMutation.mock.calls.length - 1,
    );
    expect(
      entities.map((e: any) => [
        e.metadata.name,
        e.spec.type,
        e.spec.dependsOn,
      ]),
    ).toEqual([
      ['dev', 'kubernetes-cluster', undefined],
      ['test', 'kubernetes-cluster', undefined],
      ['namespace-foo', 'kubernetes-namespace', ['resource:default/test']],
      [
        'namespace-team-x',
        'kubernetes-namespace',
        ['resource:default/dev', 'resource:default/test'],
      ],
      [
        'policy-require-labels',
        'kyverno-policy',
        ['resource:default/dev', 'resource:default/test'],
      ],
      [
        'controller-team-x-ingress-nginx',
        'helm-release',
        ['resource:default/dev', 'resource:default/test'],
      ],
    ]);
    const [dev] = entities;
    expect(dev.spec.owner).toBe('group:default/fleet-admins');
    expect(dev.metadata.annotations).toMatchObject({
      'backstage.io/view-url':
        'https://github.com/org/fleet/tree/main/clusters/dev',
      'backstage.io/source-location':
        'url:https://github.com/org/fleet/tree/main/clusters/dev',
      'flux-fleet.io/problems': '1',
    });
    expect(
      dev.metadata.annotations['kubernetes.io/api-server'],
    ).toBeUndefined();
    const policy = entities.find((e: any) => e.spec.type === 'kyverno-policy');
    expect(policy.metadata.annotations['flux-fleet.io/policy-stages']).toBe(
      'dev=Audit,test=Enforce',
    );
    const controller = entities.find(
      (e: any) => e.spec.type === 'helm-release',
    );
    expect(controller.metadata.annotations).toMatchObject({
      'flux-fleet.io/chart': 'ingress-nginx',
      'flux-fleet.io/chart-versions': 'dev=4.11.0,test=4.11.0',
    });
    expect(provider.getProviderName()).toBe('fleet-provider:default');
  });

  it('applies each new model the service announces, without a schedule of its own', async () => {
    const fleet = smallFleetService(mockServices.logger.mock());
    const { applyMutation, connect } = connected(fleet);
    await connect();
    await fleet.refresh();
    await new Promise(r => setImmediate(r));
    expect(applyMutation.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(applied(applyMutation).map((e: any) => e.metadata.name)).toContain(
      'namespace-foo',
    );
  });

  it('keeps its entities when a model has no clusters or would remove too many', async () => {
    let files: Record<string, string> = smallFleetFiles;
    const fleet = new DefaultFleetService({
      read: async () => {
        const snapshot = snapshotFromFiles(files, String(Math.random()));
        return { model: resolveFleet(snapshot), snapshot };
      },
      logger: mockServices.logger.mock(),
    });
    const { provider, applyMutation, logger, connect } = connected(fleet, 0.3);
    await connect();
    await provider.apply(await fleet.refresh());
    const calls = applyMutation.mock.calls.length;

    files = { 'README.md': 'nothing here' };
    await provider.apply(await fleet.refresh());
    expect(provider.getStatus().skipped).toMatch(/has no clusters/);

    // dropping the test cluster removes test, namespace-foo: 2 of 6 (> 0.3)
    files = Object.fromEntries(
      Object.entries(smallFleetFiles).filter(
        ([f]) => !f.startsWith('clusters/test'),
      ),
    );
    await provider.apply(await fleet.refresh());
    expect(provider.getStatus().skipped).toMatch(
      /would remove 2 of 6 entities/,
    );
    expect(applyMutation.mock.calls.length).toBe(calls);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/maxRemovalShare \(0.3\)/),
    );
  });

  it('applies only the entities a new model changed, and refreshes the components', async () => {
    let files: Record<string, string> = smallFleetFiles;
    const fleet = new DefaultFleetService({
      read: async () => {
        const snapshot = snapshotFromFiles(files, String(Math.random()));
        return { model: resolveFleet(snapshot), snapshot };
      },
      logger: mockServices.logger.mock(),
    });
    const { provider, applyMutation, refresh, connect } = connected(fleet);
    await connect();
    await provider.apply(await fleet.refresh());
    const first = applyMutation.mock.calls.length;
    expect(applyMutation.mock.calls[first - 1][0].type).toBe('full');

    // the same model again: nothing to apply, nothing to refresh
    await provider.apply(await fleet.getState());
    expect(applyMutation.mock.calls.length).toBe(first);

    // dev now creates namespace foo too: only that entity changes
    files = {
      ...smallFleetFiles,
      'clusters/dev/kustomization.yaml': smallFleetFiles[
        'clusters/dev/kustomization.yaml'
      ].replace(
        'resources:\n',
        'resources:\n  - ../../infrastructure/namespaces/foo.yaml\n',
      ),
    };
    refresh.mockClear();
    await provider.apply(await fleet.refresh());
    expect(applyMutation.mock.calls.length).toBe(first + 1);
    const delta: any = applyMutation.mock.calls[first][0];
    expect(delta.type).toBe('delta');
    expect(delta.removed).toEqual([]);
    expect(delta.added.map((d: any) => d.entity.metadata.name)).toEqual([
      'namespace-foo',
    ]);
    expect(delta.added[0].entity.spec.dependsOn).toEqual([
      'resource:default/dev',
      'resource:default/test',
    ]);
    expect(delta.added[0].locationKey).toBe('fleet-provider:default');
    expect(refresh).toHaveBeenCalledWith({ keys: ['fleet:relations'] });

    // foo leaves both clusters: its entity is removed by ref
    files = Object.fromEntries(
      Object.entries(smallFleetFiles).map(([f, text]) => [
        f,
        text.replace('  - ../../infrastructure/namespaces/foo.yaml\n', ''),
      ]),
    );
    await provider.apply(await fleet.refresh());
    const last: any = applyMutation.mock.calls[first + 1][0];
    expect(last.type).toBe('delta');
    expect(last.removed).toEqual([
      {
        entityRef: 'resource:default/namespace-foo',
        locationKey: 'fleet-provider:default',
      },
    ]);
  });

  it('refuses to read before the catalog connected it', async () => {
    const { provider } = connected();
    await expect(provider.read()).rejects.toThrow(/not connected/);
  });
});
