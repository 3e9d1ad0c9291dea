import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { FleetMatrix, FleetObject } from '@flux-fleet/backstage-plugin-fleet-common';
import { screen } from '@testing-library/react';
import { FleetApi, fleetApiRef } from '../api/FleetApi';
import { DeployedToCard, deploymentsOf } from './DeployedToCard';

const dep = (cluster: string, replicas: number): FleetObject => ({
  cluster,
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'team-x',
  name: 'podinfo',
  unit: 'apps/podinfo',
  fluxKustomization: 'flux-system/apps',
  source: { file: 'apps/podinfo/base/deployment.yaml', line: 1 },
  via: [],
  images: ['ghcr.io/stefanprodan/podinfo:6.9.0'],
  replicas,
});

const matrix: FleetMatrix = {
  revision: 'abc',
  clusters: ['dev', 'test', 'prod'].map(name => ({ name, path: `clusters/${name}` })),
  objects: [dep('dev', 1), dep('prod', 3)],
  units: [{ id: 'apps/podinfo', kind: 'app', name: 'podinfo', clusters: { prod: { entry: 'apps/podinfo/overlays/prod' } } }],
  problems: [],
};

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'podinfo', annotations: { 'flux-fleet.io/app': 'podinfo' } },
  spec: {},
};

describe('DeployedToCard', () => {
  it('lists only the clusters that run the app', () => {
    expect(deploymentsOf(matrix, 'podinfo')).toEqual([
      { cluster: 'dev', entry: null, replicas: 1, images: ['ghcr.io/stefanprodan/podinfo:6.9.0'] },
      { cluster: 'prod', entry: 'apps/podinfo/overlays/prod', replicas: 3, images: ['ghcr.io/stefanprodan/podinfo:6.9.0'] },
    ]);
  });

  it('renders the backend error instead of a table', async () => {
    const api: FleetApi = { getStatus: jest.fn(), getMatrix: async () => { throw new Error('boom from backend'); } };
    await renderInTestApp(
      <TestApiProvider apis={[[fleetApiRef, api]]}>
        <EntityProvider entity={entity}>
          <DeployedToCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect((await screen.findAllByText(/boom from backend/))[0]).toBeInTheDocument();
  });
});
