import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { ReactElement } from 'react';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';
import { ResponseError } from '@backstage/errors';
import { clusterOverviewOf } from '../../__fixtures__/fleet';
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
    await render(
      mockFleetApi({ getClusterOverview: pending }),
      prod,
      <ClusterCard />,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(
      mockFleetApi({
        getClusterOverview: () => Promise.reject(new Error('no model')),
      }),
      prod,
      <ClusterCard />,
    );
    expect((await screen.findAllByText(/no model/))[0]).toBeInTheDocument();
  });

  it('says so when the fleet has no such cluster (the backend answers 404)', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'No cluster named "qa"' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    await render(
      mockFleetApi({ getClusterOverview: () => Promise.reject(notFound) }),
      resource('qa', 'kubernetes-cluster'),
      <ClusterCard />,
    );
    expect(
      await screen.findByText('The fleet has no cluster qa'),
    ).toBeInTheDocument();
  });

  it('says so when nothing but Flux runs on the cluster', async () => {
    const dev = clusterOverviewOf('dev');
    await render(
      mockFleetApi({
        getClusterOverview: async () => ({
          ...dev,
          rows: dev.rows.filter(r => r.bootstrap),
        }),
      }),
      resource('dev', 'kubernetes-cluster'),
      <ClusterCard />,
    );
    expect(
      await screen.findByText('Nothing but Flux runs here'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId(/cluster-unit-/)).toBeNull();
  });

  it('lists what runs on the cluster by kind, with links to components, from its column only', async () => {
    // any other route (the overview, the matrix) rejects: unexpected call
    const getClusterOverview = jest.fn(async (name: string) =>
      clusterOverviewOf(name),
    );
    await render(mockFleetApi({ getClusterOverview }), prod, <ClusterCard />);
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
    expect(getClusterOverview.mock.calls).toEqual([['prod']]);
  });
});
