import { mockServices } from '@backstage/backend-test-utils';
import { smallFleetService } from './__fixtures__/smallFleet';
import { FleetEntityProvider } from './FleetEntityProvider';

describe('FleetEntityProvider', () => {
  it('emits one cluster resource per cluster and one namespace resource per namespace name', async () => {
    const applyMutation = jest.fn();
    const provider = new FleetEntityProvider({
      id: 'default',
      fleet: smallFleetService(mockServices.logger.mock()),
      logger: mockServices.logger.mock(),
    });
    await provider.connect({ applyMutation, refresh: jest.fn() });
    await provider.read();
    const { entities } = applyMutation.mock.calls[0][0];
    expect(
      entities.map((e: any) => [
        e.entity.metadata.name,
        e.entity.spec.type,
        e.entity.spec.dependsOn,
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
    ]);
    expect(provider.getProviderName()).toBe('fleet-provider:default');
  });

  it('refuses to read before the catalog connected it', async () => {
    const provider = new FleetEntityProvider({
      id: 'default',
      fleet: smallFleetService(mockServices.logger.mock()),
      logger: mockServices.logger.mock(),
    });
    await expect(provider.read()).rejects.toThrow(/not connected/);
  });
});
