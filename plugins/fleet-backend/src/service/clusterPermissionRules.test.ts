import { mockServices } from '@backstage/backend-test-utils';
import {
  isClusterRule,
  registerClusterResource,
} from './clusterPermissionRules';
import { smallFleetService } from './__fixtures__/smallFleet';

describe('fleet-cluster permission resource', () => {
  it('matches the clusters named in its params', () => {
    expect(isClusterRule.apply({ name: 'prod' }, { clusters: ['prod'] })).toBe(
      true,
    );
    expect(isClusterRule.apply({ name: 'test' }, { clusters: ['prod'] })).toBe(
      false,
    );
  });

  it('registers the resource type with the promotion permission and the rule', async () => {
    const registry = mockServices.permissionsRegistry.mock();
    registerClusterResource(
      registry,
      smallFleetService(mockServices.logger.mock()),
    );
    const options = (registry.addResourceType as jest.Mock).mock.calls[0][0];
    expect(options.permissions.map((p: { name: string }) => p.name)).toEqual([
      'fleet.promotion.create',
      'fleet.cluster.read',
    ]);
    expect(options.rules).toEqual([isClusterRule]);
    expect(await options.getResources(['prod', 'dev'])).toEqual([
      { name: 'prod' },
      { name: 'dev' },
    ]);
  });
});
