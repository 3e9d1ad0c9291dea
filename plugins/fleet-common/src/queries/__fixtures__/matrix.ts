import type { FleetObjectSummary } from '../../api';
import type { FleetMatrix } from '../../model';

const object = (
  cluster: string,
  kind: string,
  name: string,
  more: Partial<FleetObjectSummary> = {},
): FleetObjectSummary => ({
  cluster,
  apiVersion: kind === 'HelmRelease' ? 'helm.toolkit.fluxcd.io/v2' : 'apps/v1',
  kind,
  namespace: 'team-x',
  name,
  unit: null,
  fluxKustomization: 'flux-system/apps',
  source: { file: `apps/${name}/base/deployment.yaml`, line: 1 },
  via: [{ file: `clusters/${cluster}/apps/kustomization.yaml`, line: 5 }],
  ...more,
});

/** Three clusters: podinfo (a unit, 1/2/3 replicas), foo-app on test, a HelmRelease and a Flux Kustomization per app. */
export const matrix: FleetMatrix = {
  revision: 'abc',
  clusters: ['dev', 'prod', 'test'].map(name => ({ name, path: `clusters/${name}` })),
  objects: [
    ...(['dev', 'test', 'prod'] as const).map((cluster, i) =>
      object(cluster, 'Deployment', 'podinfo', {
        unit: 'apps/podinfo',
        replicas: i + 1,
        images: ['ghcr.io/stefanprodan/podinfo:6.9.0'],
      }),
    ),
    object('test', 'Deployment', 'foo-app', {
      unit: 'apps/foo-app',
      namespace: 'foo',
      replicas: 1,
      kubernetesId: 'foo',
      via: [{ file: 'clusters/test/apps/kustomization.yaml', line: 6 }],
    }),
    object('prod', 'HelmRelease', 'ingress-nginx', {
      chart: 'ingress-nginx',
      version: '4.11.0',
      source: { file: 'infra/ingress.yaml', line: 3 },
    }),
    object('dev', 'Deployment', 'billing', {
      fluxKustomization: 'flux-system/billing',
      source: { file: 'deploy/billing/deployment.yaml', line: 1 },
    }),
  ],
  units: [
    {
      id: 'apps/podinfo',
      kind: 'app',
      name: 'podinfo',
      clusters: {
        dev: { entry: 'apps/podinfo/overlays/dev' },
        test: { entry: 'apps/podinfo/overlays/test' },
        prod: { entry: 'apps/podinfo/overlays/prod' },
      },
    },
    { id: 'apps/foo-app', kind: 'app', name: 'foo-app', clusters: { test: { entry: 'apps/foo-app/base' } } },
  ],
  problems: [
    {
      severity: 'error',
      rule: 'missing-path',
      cluster: 'test',
      file: 'clusters/test/apps/kustomization.yaml',
      line: 7,
      message: 'missing',
    },
  ],
};
