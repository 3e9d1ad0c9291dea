import { matrix } from './__fixtures__/matrix';
import { entityDeployments } from './entityDeployments';

describe('entityDeployments', () => {
  it('gives one row per cluster with replicas, images and the line that lists the app', () => {
    const res = entityDeployments(matrix, {
      entityRef: 'component:default/podinfo',
      app: 'podinfo',
      sourceUrl: (file, line) => `https://host/${file}#L${line}`,
    });
    expect(res).toMatchObject({
      app: 'podinfo',
      unit: 'apps/podinfo',
      revision: 'abc',
    });
    expect(
      res.clusters.map(c => [
        c.cluster,
        c.present,
        c.entry,
        c.replicas,
        c.listedAtUrl,
      ]),
    ).toEqual([
      [
        'dev',
        true,
        'apps/podinfo/overlays/dev',
        1,
        'https://host/clusters/dev/apps/kustomization.yaml#L5',
      ],
      [
        'prod',
        true,
        'apps/podinfo/overlays/prod',
        3,
        'https://host/clusters/prod/apps/kustomization.yaml#L5',
      ],
      [
        'test',
        true,
        'apps/podinfo/overlays/test',
        2,
        'https://host/clusters/test/apps/kustomization.yaml#L5',
      ],
    ]);
    expect(res.clusters[0].images).toEqual([
      'ghcr.io/stefanprodan/podinfo:6.9.0',
    ]);
    expect(res.clusters[0].objects[0].sourceUrl).toBe(
      'https://host/apps/podinfo/base/deployment.yaml#L1',
    );
  });

  it('marks clusters without the app absent and attaches the problems of files the app comes through', () => {
    const res = entityDeployments(matrix, {
      entityRef: 'component:default/foo',
      app: 'foo-app',
    });
    expect(
      res.clusters.map(c => [c.cluster, c.present, c.namespace ?? null]),
    ).toEqual([
      ['dev', false, null],
      ['prod', false, null],
      ['test', true, 'foo'],
    ]);
    expect(res.clusters[2].listedAt).toEqual({
      file: 'clusters/test/apps/kustomization.yaml',
      line: 6,
    });
    expect(res.clusters[2].problems.map(p => p.rule)).toEqual(['missing-path']);
  });

  it('answers an entity linked to nothing with every cluster absent', () => {
    const res = entityDeployments(matrix, {
      entityRef: 'component:default/x',
      app: 'x',
    });
    expect(res.app).toBeNull();
    expect(res.clusters.every(c => !c.present)).toBe(true);
  });
});
