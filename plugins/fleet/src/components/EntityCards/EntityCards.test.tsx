import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { ReactElement } from 'react';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';
import { overview } from '../../__fixtures__/fleet';
import { mockFleetApi, pending } from '../../__fixtures__/mockFleetApi';
import { ClusterCard } from './ClusterCard';

const resource = (
  name: string,
  type: string,
  annotations: Record<string, string> = {},
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, annotations },
  spec: { type },
});

async function render(
  api: FleetApi,
  entity: ReturnType<typeof resource>,
  card: ReactElement,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, api]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const prod = resource('prod', 'kubernetes-cluster');

describe('ClusterCard', () => {
  it('shows a progress bar while loading', async () => {
    await render(mockFleetApi({ getOverview: pending }), prod, <ClusterCard />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(
      mockFleetApi({
        getOverview: () => Promise.reject(new Error('no model')),
      }),
      prod,
      <ClusterCard />,
    );
    expect((await screen.findAllByText(/no model/))[0]).toBeInTheDocument();
  });

  it('says so when the fleet has no such cluster', async () => {
    await render(
      mockFleetApi({ getOverview: async () => overview }),
      resource('qa', 'kubernetes-cluster'),
      <ClusterCard />,
    );
    expect(
      await screen.findByText('The fleet has no cluster qa'),
    ).toBeInTheDocument();
  });

  it('lists what runs on the cluster by kind, with links to components', async () => {
    await render(
      mockFleetApi({ getOverview: async () => overview }),
      prod,
      <ClusterCard />,
    );
    const podinfo = await screen.findByTestId('cluster-unit-apps/podinfo');
    expect(
      within(podinfo).getByRole('link', { name: 'podinfo' }),
    ).toHaveAttribute('href', '/catalog/default/component/podinfo');
    expect(podinfo).toHaveTextContent(
      '6.9.0 · ×3 · apps/podinfo/overlays/prod',
    );
    expect(screen.getByText('Apps (1)')).toBeInTheDocument();
    expect(screen.getByText('Policies (1)')).toBeInTheDocument();
    expect(screen.queryByTestId('cluster-unit-apps/foo-app')).toBeNull();
  });
});
