import type { FleetMatrix } from '../model';
import { restrictMatrix } from './restrictMatrix';

const object = (cluster: string) => ({
  cluster,
  apiVersion: 'v1',
  kind: 'Namespace',
  namespace: null,
  name: 'team-x',
  unit: 'infrastructure/namespaces/common',
  fluxKustomization: 'flux-system/infra',
  source: { file: 'infrastructure/namespaces/common/team-x.yaml', line: 1 },
  via: [],
});

const matrix: FleetMatrix = {
  revision: 'abc',
  clusters: [
    { name: 'dev', path: 'clusters/dev' },
    { name: 'prod', path: 'clusters/prod' },
  ],
  objects: [object('dev'), object('prod')],
  units: [
    {
      id: 'infrastructure/namespaces/common',
      kind: 'namespace-set',
      name: 'common',
      clusters: {
        dev: { entry: 'infrastructure/namespaces/common' },
        prod: { entry: 'infrastructure/namespaces/common' },
      },
    },
  ],
  problems: [
    {
      severity: 'error',
      rule: 'missing-path',
      cluster: 'prod',
      file: 'a',
      line: 1,
      message: 'm',
    },
    {
      severity: 'warning',
      rule: 'unreferenced-definition',
      cluster: null,
      file: 'b',
      line: 1,
      message: 'm',
    },
  ],
};

describe('restrictMatrix', () => {
  it('leaves a denied cluster out of clusters, objects, unit placements and problems', () => {
    const dev = restrictMatrix(matrix, new Set(['dev']));
    expect(dev.clusters.map(c => c.name)).toEqual(['dev']);
    expect(dev.objects.map(o => o.cluster)).toEqual(['dev']);
    expect(Object.keys(dev.units[0].clusters)).toEqual(['dev']);
    expect(dev.problems.map(p => p.rule)).toEqual(['unreferenced-definition']);
    expect(JSON.stringify(dev)).not.toContain('prod');
  });

  it('returns the matrix itself when every cluster is allowed', () => {
    expect(restrictMatrix(matrix, new Set(['dev', 'prod', 'other']))).toBe(
      matrix,
    );
  });
});
