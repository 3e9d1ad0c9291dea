import { matrix } from './__fixtures__/matrix';
import { clusterSummaries, fleetOverview } from './fleetOverview';

describe('fleetOverview', () => {
  it('groups objects by unit, and by directory outside every unit', () => {
    const res = fleetOverview(matrix, {
      refreshedAt: 'now',
      entityRefs: (_id, name) =>
        name === 'podinfo' ? ['component:default/podinfo'] : [],
    });
    expect(
      res.rows.map(r => [r.kind, r.id, Object.keys(r.clusters).sort()]),
    ).toEqual([
      ['app', 'apps/foo-app', ['test']],
      ['app', 'apps/podinfo', ['dev', 'prod', 'test']],
      ['other', 'deploy/billing', ['dev']],
      ['other', 'infra', ['prod']],
    ]);
    const podinfo = res.rows.find(r => r.id === 'apps/podinfo')!;
    expect(podinfo.entityRefs).toEqual(['component:default/podinfo']);
    expect(podinfo.clusters.prod).toMatchObject({
      entry: 'apps/podinfo/overlays/prod',
      replicas: 3,
      objects: 1,
    });
    expect(res.rows.find(r => r.id === 'infra')!.clusters.prod).toMatchObject({
      chart: 'ingress-nginx',
      version: '4.11.0',
    });
  });

  it('flags bootstrap objects and takes the policy stage of a set', () => {
    const res = fleetOverview({
      ...matrix,
      objects: [
        {
          ...matrix.objects[0],
          unit: null,
          source: {
            file: 'clusters/dev/flux-system/gotk-components.yaml',
            line: 1,
          },
        },
        {
          ...matrix.objects[0],
          unit: 'infrastructure/policies/kyverno/audit',
          policyStage: 'Enforce',
        } as any,
        {
          ...matrix.objects[0],
          unit: 'infrastructure/policies/kyverno/audit',
          policyStage: 'Audit',
        } as any,
      ],
    });
    expect(
      res.rows.map(r => [r.id, r.bootstrap, r.clusters.dev.policyStage]),
    ).toEqual([
      ['clusters/dev/flux-system', true, undefined],
      ['infrastructure/policies/kyverno/audit', false, 'Audit'],
    ]);
  });

  it('counts objects and problems per cluster', () => {
    expect(clusterSummaries(matrix, p => `https://host/${p}`)).toEqual([
      {
        name: 'dev',
        path: 'clusters/dev',
        objects: 2,
        problems: 0,
        url: 'https://host/clusters/dev',
      },
      {
        name: 'prod',
        path: 'clusters/prod',
        objects: 2,
        problems: 0,
        url: 'https://host/clusters/prod',
      },
      {
        name: 'test',
        path: 'clusters/test',
        objects: 2,
        problems: 1,
        url: 'https://host/clusters/test',
      },
    ]);
  });
});
