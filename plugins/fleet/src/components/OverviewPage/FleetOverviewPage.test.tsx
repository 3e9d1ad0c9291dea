import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { fireEvent, screen, within } from '@testing-library/react';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';
import { overview, status, testToProdDiff } from '../../__fixtures__/fleet';
import { mockFleetApi, pending } from '../../__fixtures__/mockFleetApi';
import { FleetOverviewContent } from './FleetOverviewPage';

const catalogApi = catalogApiMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'podinfo', namespace: 'default' },
      spec: { owner: 'team-x' },
    },
  ],
});

async function render(api: FleetApi) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fleetApiRef, api],
        [catalogApiRef, catalogApi],
      ]}
    >
      <FleetOverviewContent />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const api = (impl: Partial<FleetApi> = {}) =>
  mockFleetApi({
    getOverview: async () => overview,
    getStatus: async () => status,
    ...impl,
  });

describe('FleetOverviewContent', () => {
  it('shows a progress bar while loading', async () => {
    await render(api({ getOverview: pending }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the backend cannot be read', async () => {
    await render(
      api({
        getOverview: () => Promise.reject(new Error('fleet backend down')),
      }),
    );
    expect(
      (await screen.findAllByText(/fleet backend down/))[0],
    ).toBeInTheDocument();
  });

  it('says so when the fleet has no clusters', async () => {
    await render(
      api({
        getOverview: async () => ({ ...overview, clusters: [], rows: [] }),
      }),
    );
    expect(
      await screen.findByText('No clusters in the fleet'),
    ).toBeInTheDocument();
  });

  it('shows the matrix grouped by kind, without bootstrap rows, with cells and links', async () => {
    await render(api());
    const podinfo = await screen.findByTestId('overview-row-apps/podinfo');
    expect(
      within(podinfo).getByRole('link', { name: 'podinfo' }),
    ).toHaveAttribute('href', '/catalog/default/component/podinfo');
    expect(
      within(podinfo).getByLabelText('prod: 6.9.0 · ×3'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('overview-row-apps/foo-app')).getByLabelText(
        'prod: absent',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Apps (2)')).toBeInTheDocument();
    expect(screen.getByText('Policies (1)')).toBeInTheDocument();
    expect(
      screen.queryByTestId('overview-row-clusters/dev/flux-system'),
    ).toBeNull();
    expect(screen.getByTestId('fleet-refresh-status')).toHaveTextContent(
      'Revision abc123456789',
    );
    expect(
      screen.getByRole('link', { name: /apps\/bar\/kustomization.yaml:1/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/o/fleet/tree/abc1234567890/apps/bar/kustomization.yaml#L1',
    );
  });

  it('links a unit to each of its components and each cell to its definition on the repository host', async () => {
    const rows = overview.rows.map(row =>
      row.id === 'apps/podinfo'
        ? {
            ...row,
            entityRefs: [...row.entityRefs, 'component:team-y/podinfo-ui'],
          }
        : row,
    );
    await render(
      api({
        getOverview: async () => ({ ...overview, rows }),
        getStatus: async () => status,
      }),
    );
    const podinfo = await screen.findByTestId('overview-row-apps/podinfo');
    expect(
      within(podinfo).getByRole('link', { name: 'podinfo-ui' }),
    ).toHaveAttribute('href', '/catalog/team-y/component/podinfo-ui');
    expect(
      await within(podinfo).findByRole('link', { name: /^6\.9\.0 · ×3/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/o/fleet/tree/abc1234567890/apps/podinfo/overlays/prod',
    );
  });

  it('filters by search text and shows the bootstrap rows on request', async () => {
    await render(api());
    await screen.findByTestId('overview-row-apps/podinfo');
    fireEvent.change(screen.getByLabelText('Search units'), {
      target: { value: 'foo' },
    });
    expect(screen.queryByTestId('overview-row-apps/podinfo')).toBeNull();
    expect(screen.getByTestId('overview-row-apps/foo-app')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search units'), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByLabelText('Flux bootstrap'));
    expect(
      screen.getByTestId('overview-row-clusters/dev/flux-system'),
    ).toBeInTheDocument();
  });

  it('announces a failed refresh and keeps the last good model', async () => {
    const failed = {
      ...status,
      lastError: { message: 'yaml: bad indentation', at: status.refreshedAt! },
    };
    await render(api({ getStatus: async () => failed }));
    expect(
      await screen.findByText(/The latest refresh failed/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('overview-row-apps/podinfo')).toBeInTheDocument();
  });

  it('compares two clusters: promotion candidates and differences', async () => {
    const getDiff = jest.fn(async () => testToProdDiff);
    await render(api({ getDiff }));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Compare clusters' }),
    );
    const onlyInTest = await screen.findByTestId('compare-only-in-from');
    expect(getDiff).toHaveBeenCalledWith({ from: 'test', to: 'prod' });
    expect(
      within(onlyInTest).getByText('Only in test (promotion candidates) (2)'),
    ).toBeInTheDocument();
    expect(
      within(onlyInTest).getByText('foo-app (apps/foo-app)'),
    ).toBeInTheDocument();
    expect(within(onlyInTest).getByText('Namespace foo')).toBeInTheDocument();
    expect(
      within(onlyInTest).getByRole('link', { name: 'Promote' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining('/create/templates/default/promote-app'),
    );
    expect(
      within(screen.getByTestId('compare-changed')).getByText(
        'Deployment team-x/podinfo',
      ),
    ).toBeInTheDocument();
  });

  it('shows the diff error in compare mode', async () => {
    await render(
      api({ getDiff: () => Promise.reject(new Error('unknown cluster')) }),
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Compare clusters' }),
    );
    expect(
      (await screen.findAllByText(/unknown cluster/))[0],
    ).toBeInTheDocument();
  });
});
