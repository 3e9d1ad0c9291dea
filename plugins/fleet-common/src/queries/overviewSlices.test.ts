import { matrix } from './__fixtures__/matrix';
import { fleetOverview } from './fleetOverview';
import { clusterOverview, fleetApps } from './overviewSlices';

describe('clusterOverview', () => {
  it('keeps the rows on the cluster, each with that cluster cell only', () => {
    const res = clusterOverview(matrix, 'prod', {
      entityRefs: (_id, name) =>
        name === 'podinfo' ? ['component:default/podinfo'] : [],
    });
    expect(res.clusters.map(c => c.name)).toEqual(['prod']);
    expect(
      res.rows.map(r => [r.id, Object.keys(r.clusters), r.entityRefs]),
    ).toEqual([
      ['apps/podinfo', ['prod'], ['component:default/podinfo']],
      ['infra', ['prod'], []],
    ]);
    // the cell is the whole overview's cell for that cluster
    const whole = fleetOverview(matrix);
    expect(res.rows[0].clusters.prod).toEqual(
      whole.rows.find(r => r.id === 'apps/podinfo')!.clusters.prod,
    );
  });

  it('keeps only the problems of that cluster', () => {
    expect(clusterOverview(matrix, 'test').problems).toHaveLength(1);
    expect(clusterOverview(matrix, 'prod').problems).toEqual([]);
  });
});

describe('fleetApps', () => {
  it('lists the apps by name with their clusters and components', () => {
    expect(
      fleetApps(matrix, id =>
        id === 'apps/foo-app' ? ['component:default/foo-app'] : [],
      ),
    ).toEqual([
      {
        id: 'apps/foo-app',
        name: 'foo-app',
        entityRefs: ['component:default/foo-app'],
        clusters: ['test'],
      },
      {
        id: 'apps/podinfo',
        name: 'podinfo',
        entityRefs: [],
        clusters: ['dev', 'prod', 'test'],
      },
    ]);
  });

  it('lists no unit of another kind', () => {
    expect(
      fleetApps({
        ...matrix,
        units: [{ id: 'infra/x', kind: 'controller', name: 'x', clusters: {} }],
      }),
    ).toEqual([]);
  });
});
