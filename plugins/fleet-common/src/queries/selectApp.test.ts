import { matrix } from './__fixtures__/matrix';
import { clustersOf, findAppUnit, selectApp } from './selectApp';

describe('selectApp', () => {
  it('matches a unit by id, by the seed layout apps/<name>, and by name', () => {
    expect(findAppUnit(matrix, 'apps/podinfo')?.id).toBe('apps/podinfo');
    expect(findAppUnit(matrix, 'podinfo')?.id).toBe('apps/podinfo');
    expect(findAppUnit(matrix, 'nothing')).toBeUndefined();
  });

  it('selects the objects of a unit on every cluster', () => {
    const selection = selectApp(matrix, { app: 'podinfo' })!;
    expect(selection.match).toBe('unit');
    expect(clustersOf(selection)).toEqual(['dev', 'prod', 'test']);
  });

  it('falls back to a HelmRelease, then a Flux Kustomization of that name', () => {
    expect(selectApp(matrix, { app: 'ingress-nginx' })).toMatchObject({
      match: 'helm-release',
      objects: [{ cluster: 'prod', chart: 'ingress-nginx' }],
    });
    expect(selectApp(matrix, { app: 'billing' })).toMatchObject({
      match: 'flux-kustomization',
      objects: [{ cluster: 'dev', name: 'billing' }],
    });
  });

  it('matches the backstage.io/kubernetes-id label when no app name matches', () => {
    const selection = selectApp(matrix, { kubernetesId: 'foo' })!;
    expect(selection.match).toBe('kubernetes-id');
    expect(clustersOf(selection)).toEqual(['test']);
    expect(
      selectApp(matrix, { app: 'none', kubernetesId: 'none' }),
    ).toBeUndefined();
  });
});
