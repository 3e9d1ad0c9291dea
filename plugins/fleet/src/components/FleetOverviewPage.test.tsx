import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { FleetMatrix } from '@flux-fleet/backstage-plugin-fleet-common';
import { screen } from '@testing-library/react';
import { FleetApi, fleetApiRef } from '../api/FleetApi';
import { FleetOverviewContent } from './FleetOverviewPage';

const matrix: FleetMatrix = {
  revision: 'abc',
  clusters: [
    { name: 'dev', path: 'clusters/dev' },
    { name: 'test', path: 'clusters/test' },
  ],
  objects: [
    {
      cluster: 'test',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'foo',
      name: 'foo-app',
      unit: 'apps/foo-app',
      fluxKustomization: 'flux-system/apps',
      source: { file: 'apps/foo-app/base/deployment.yaml', line: 1 },
      via: [],
      replicas: 2,
    },
  ],
  units: [{ id: 'apps/foo-app', kind: 'app', name: 'foo-app', clusters: { test: { entry: 'apps/foo-app/base' } } }],
  problems: [],
};

function api(impl: Partial<FleetApi>): FleetApi {
  return { getStatus: jest.fn(), getMatrix: jest.fn(), ...impl } as FleetApi;
}

describe('FleetOverviewContent', () => {
  it('shows each unit with what it puts on each cluster', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[fleetApiRef, api({ getMatrix: async () => matrix })]]}>
        <FleetOverviewContent />
      </TestApiProvider>,
    );
    expect(await screen.findByText('apps/foo-app')).toBeInTheDocument();
    expect(screen.getByText('1 objects · 2 replicas')).toBeInTheDocument();
    expect(screen.getByText('No problems found.')).toBeInTheDocument();
  });

  it('shows the error when the backend cannot be read', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[fleetApiRef, api({ getMatrix: async () => { throw new Error('fleet backend down'); } })]]}>
        <FleetOverviewContent />
      </TestApiProvider>,
    );
    expect((await screen.findAllByText(/fleet backend down/))[0]).toBeInTheDocument();
  });

  it('says so when the fleet has no clusters', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[fleetApiRef, api({ getMatrix: async () => ({ ...matrix, clusters: [] }) })]]}>
        <FleetOverviewContent />
      </TestApiProvider>,
    );
    expect(await screen.findByText('No clusters in the fleet')).toBeInTheDocument();
  });
});
