import { mockServices } from '@backstage/backend-test-utils';
import type { FleetMatrix } from '@flux-fleet/backstage-plugin-fleet-common';
import { DefaultFleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { FleetEntityProvider } from './FleetEntityProvider';

const ns = (cluster: string, name: string) => ({
  cluster,
  apiVersion: 'v1',
  kind: 'Namespace',
  namespace: null,
  name,
  unit: null,
  fluxKustomization: 'flux-system/infra',
  source: { file: `infrastructure/namespaces/${name}.yaml`, line: 1 },
  via: [],
});

const matrix: FleetMatrix = {
  revision: null,
  clusters: [
    { name: 'dev', path: 'clusters/dev' },
    { name: 'test', path: 'clusters/test' },
  ],
  objects: [ns('dev', 'team-x'), ns('test', 'team-x'), ns('test', 'foo')],
  units: [],
  problems: [],
};

describe('FleetEntityProvider', () => {
  it('emits one cluster resource per cluster and one namespace resource per namespace name', async () => {
    const applyMutation = jest.fn();
    const provider = new FleetEntityProvider({
      id: 'default',
      fleet: new DefaultFleetService({ read: async () => matrix, logger: mockServices.logger.mock() }),
      logger: mockServices.logger.mock(),
    });
    await provider.connect({ applyMutation, refresh: jest.fn() });
    await provider.read();
    const { entities } = applyMutation.mock.calls[0][0];
    expect(entities.map((e: any) => [e.entity.metadata.name, e.entity.spec.type, e.entity.spec.dependsOn])).toEqual([
      ['dev', 'kubernetes-cluster', undefined],
      ['test', 'kubernetes-cluster', undefined],
      ['namespace-foo', 'kubernetes-namespace', ['resource:default/test']],
      ['namespace-team-x', 'kubernetes-namespace', ['resource:default/dev', 'resource:default/test']],
    ]);
    expect(provider.getProviderName()).toBe('fleet-provider:default');
  });

  it('refuses to read before the catalog connected it', async () => {
    const provider = new FleetEntityProvider({
      id: 'default',
      fleet: new DefaultFleetService({ read: async () => matrix, logger: mockServices.logger.mock() }),
      logger: mockServices.logger.mock(),
    });
    await expect(provider.read()).rejects.toThrow(/not connected/);
  });
});
