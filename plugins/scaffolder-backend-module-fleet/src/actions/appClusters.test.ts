import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  DefaultFleetService,
  resolveFleet,
  snapshotFromFiles,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { createFleetAppClustersAction } from './appClusters';

const kustomization = (...resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources
    .map(r => `  - ${r}`)
    .join('\n')}\n`;
const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: foo\n`;

// A real fleet, resolved by the engine: foo-app reaches test only, podinfo dev only.
const snapshot = snapshotFromFiles(
  {
    'clusters/dev/kustomization.yaml': kustomization('../../apps/podinfo/base'),
    'clusters/test/kustomization.yaml': kustomization(
      '../../apps/foo-app/base',
    ),
    'clusters/prod/kustomization.yaml': kustomization('ns.yaml'),
    'clusters/prod/ns.yaml':
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: foo\n',
    'apps/foo-app/base/kustomization.yaml': kustomization('deployment.yaml'),
    'apps/foo-app/base/deployment.yaml': deployment('foo-app'),
    'apps/podinfo/base/kustomization.yaml': kustomization('deployment.yaml'),
    'apps/podinfo/base/deployment.yaml': deployment('podinfo'),
  },
  'f00',
);

describe('fleet:app:clusters', () => {
  const action = createFleetAppClustersAction({
    fleet: new DefaultFleetService({
      read: async () => ({ model: resolveFleet(snapshot), snapshot }),
      logger: mockServices.logger.mock(),
    }),
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
    await expect(action.handler(ctx)).rejects.toThrow(
      'The fleet has no app "nope"',
    );
  });
});
