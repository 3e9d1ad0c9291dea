import { matrix } from './__fixtures__/matrix';
import { clusterDiff } from './clusterDiff';

const side = (cluster: string, yaml = (name: string) => `name: ${name}\n`) =>
  matrix.objects
    .filter(o => o.cluster === cluster)
    .map(object => ({ object, yaml: yaml(object.name) }));

describe('clusterDiff', () => {
  it('lists added, removed, changed and unchanged objects and the units only one side has', () => {
    const res = clusterDiff(
      'test',
      'prod',
      side('test'),
      side('prod', n => (n === 'podinfo' ? 'replicas: 3\n' : `name: ${n}\n`)),
    );
    expect(res.entries.map(e => [e.change, e.kind, e.name])).toEqual([
      ['removed', 'Deployment', 'foo-app'],
      ['changed', 'Deployment', 'podinfo'],
      ['added', 'HelmRelease', 'ingress-nginx'],
    ]);
    expect(res.onlyInFrom).toEqual(['apps/foo-app']);
    expect(res.onlyInTo).toEqual([]);
    expect(
      clusterDiff('dev', 'dev', side('dev'), side('dev')).entries.every(
        e => e.change === 'unchanged',
      ),
    ).toBe(true);
  });
});
