import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { smallFleetService } from './__fixtures__/smallFleet';
import { FleetRelationsProcessor } from './FleetRelationsProcessor';

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-x', lifecycle: 'production' },
});

async function relationsOf(entity: Entity) {
  const processor = new FleetRelationsProcessor({
    fleet: smallFleetService(mockServices.logger.mock()),
  });
  const emit = jest.fn();
  await processor.postProcessEntity(entity, { type: 'url', target: 'x' }, emit);
  const results = emit.mock.calls.map(([r]) => r);
  if (entity.kind === 'Component') {
    // every component is refreshed when a new model arrives
    expect(results).toContainEqual({ type: 'refresh', key: 'fleet:relations' });
  }
  return emit.mock.calls
    .filter(([r]) => r.type === 'relation')
    .map(
      ([r]) =>
        `${r.relation.source.name} ${
          r.relation.type
        } ${r.relation.target.kind.toLowerCase()}:${r.relation.target.name}`,
    );
}

describe('FleetRelationsProcessor', () => {
  it('relates a component to every cluster running its app, both ways', async () => {
    expect(
      await relationsOf(
        component('podinfo', { 'flux-fleet.io/app': 'podinfo' }),
      ),
    ).toEqual([
      'podinfo deployedTo resource:dev',
      'dev hasDeployment component:podinfo',
      'podinfo dependsOn resource:dev',
      'dev dependencyOf component:podinfo',
      'podinfo deployedTo resource:test',
      'test hasDeployment component:podinfo',
      'podinfo dependsOn resource:test',
      'test dependencyOf component:podinfo',
    ]);
  });

  it('links by the backstage.io/kubernetes-id label of rendered workloads', async () => {
    expect(await relationsOf(component('foo-app-k8s'))).toEqual([
      'foo-app-k8s deployedTo resource:test',
      'test hasDeployment component:foo-app-k8s',
      'foo-app-k8s dependsOn resource:test',
      'test dependencyOf component:foo-app-k8s',
    ]);
    expect(
      await relationsOf(
        component('foo', { 'backstage.io/kubernetes-id': 'podinfo-k8s' }),
      ),
    ).toContain('foo deployedTo resource:dev');
  });

  it('leaves unlinked components and other kinds alone', async () => {
    expect(await relationsOf(component('nothing'))).toEqual([]);
    expect(
      await relationsOf({ ...component('podinfo'), kind: 'System' }),
    ).toEqual([]);
  });
});
