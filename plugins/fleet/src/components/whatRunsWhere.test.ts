import type { FleetMatrix, FleetObject } from '@flux-fleet/backstage-plugin-fleet-common';
import { whatRunsWhere } from './whatRunsWhere';

const obj = (cluster: string, kind: string, unit: string | null, replicas?: number): FleetObject => ({
  cluster,
  apiVersion: 'v1',
  kind,
  namespace: null,
  name: 'x',
  unit,
  fluxKustomization: 'flux-system/apps',
  source: { file: 'infrastructure/misc/x.yaml', line: 1 },
  via: [],
  ...(replicas === undefined ? {} : { replicas }),
});

describe('whatRunsWhere', () => {
  it('counts objects and sums replicas per unit and cluster', () => {
    const matrix: FleetMatrix = {
      revision: null,
      clusters: [],
      objects: [
        obj('dev', 'Deployment', 'apps/podinfo', 1),
        obj('dev', 'Service', 'apps/podinfo'),
        obj('prod', 'Deployment', 'apps/podinfo', 3),
        obj('prod', 'ConfigMap', null),
      ],
      units: [{ id: 'apps/podinfo', kind: 'app', name: 'podinfo', clusters: { dev: { entry: 'apps/podinfo/overlays/dev' } } }],
      problems: [],
    };
    expect(whatRunsWhere(matrix)).toEqual([
      {
        id: 'apps/podinfo',
        kind: 'app',
        cells: {
          dev: { objects: 2, replicas: 1, entry: 'apps/podinfo/overlays/dev' },
          prod: { objects: 1, replicas: 3 },
        },
      },
      { id: 'infrastructure/misc', kind: 'other', cells: { prod: { objects: 1 } } },
    ]);
  });
});
