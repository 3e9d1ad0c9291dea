import { applyReplicas } from './replicas';
import {
  contextOf,
  kust,
  objectsOf,
  resourcesOf,
} from '../../testing/transformFixtures';

const RESOURCES = `
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: p-web}
  spec: {replicas: 1}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: db}
`;

describe('applyReplicas', () => {
  it('sets replicas by current or previous name on workload kinds only, creating the field', () => {
    const { ctx, problems } = contextOf();
    const rs = resourcesOf(RESOURCES);
    rs[0].prevIds = [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        name: 'web',
        namespace: '',
      },
    ];
    const got = applyReplicas(
      rs,
      kust({
        replicas: [
          { name: 'web', count: 3 },
          { name: 'db', count: 0 },
        ],
      }),
      ctx,
    );
    expect(problems).toEqual([]);
    expect(objectsOf(got)).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'p-web' },
        spec: { replicas: 3 },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db' },
        spec: { replicas: 0 },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' } },
    ]);
  });

  it('reports an entry that matches no workload, as kustomize fails', () => {
    const { ctx, problems } = contextOf();
    applyReplicas(
      resourcesOf(RESOURCES),
      kust({ replicas: [{ name: 'nope', count: 1 }] }),
      ctx,
    );
    expect(problems.map(p => p.message)).toEqual([
      'replicas: resource with name nope does not match a config with the following GVK [Deployment ReplicationController ReplicaSet StatefulSet]',
    ]);
  });
});
