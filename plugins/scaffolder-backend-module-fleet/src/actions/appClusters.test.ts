import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { FleetMatrix, FleetObject } from '@flux-fleet/backstage-plugin-fleet-common';
import { DefaultFleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { createFleetAppClustersAction } from './appClusters';

const deployment = (cluster: string, unit: string): FleetObject => ({
  cluster,
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'foo',
  name: unit.split('/')[1],
  unit,
  fluxKustomization: 'flux-system/apps',
  source: { file: `${unit}/base/deployment.yaml`, line: 1 },
  via: [],
});

const matrix: FleetMatrix = {
  revision: 'f00',
  clusters: ['prod', 'dev', 'test'].map(name => ({ name, path: `clusters/${name}` })),
  objects: [deployment('test', 'apps/foo-app'), deployment('dev', 'apps/podinfo')],
  units: [],
  problems: [],
};

describe('fleet:app:clusters', () => {
  const action = createFleetAppClustersAction({
    fleet: new DefaultFleetService({ read: async () => matrix, logger: mockServices.logger.mock() }),
  });

  it('splits the clusters into those that run the app and those that do not', async () => {
    const ctx = createMockActionContext({ input: { app: 'foo-app' } });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('deployedTo', ['test']);
    expect(ctx.output).toHaveBeenCalledWith('notDeployedTo', ['dev', 'prod']);
    expect(ctx.output).toHaveBeenCalledWith('revision', 'f00');
  });

  it('rejects an app the fleet does not define', async () => {
    const ctx = createMockActionContext({ input: { app: 'nope' } });
    await expect(action.handler(ctx)).rejects.toThrow('The fleet has no app "nope"');
  });
});
