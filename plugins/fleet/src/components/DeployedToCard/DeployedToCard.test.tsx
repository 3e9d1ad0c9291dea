import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { fleetApiRef, FleetApi } from '../../api/FleetApi';
import { fooDeployments, podinfoDeployments } from '../../__fixtures__/fleet';
import { mockFleetApi, pending } from '../../__fixtures__/mockFleetApi';
import { DeployedToCard } from './DeployedToCard';

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: { 'flux-fleet.io/app': name } },
  spec: {},
});

async function render(api: FleetApi, name = 'podinfo') {
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, api]]}>
      <EntityProvider entity={entity(name)}>
        <DeployedToCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('DeployedToCard', () => {
  it('shows a progress bar while loading', async () => {
    await render(mockFleetApi({ getDeployments: pending }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    // the card's frame is on screen before the answer
    expect(screen.getByTestId('deployed-to-card')).toHaveTextContent(
      'Deployed to',
    );
  });

  it('asks for the annotation when the entity is no fleet app', async () => {
    await render(
      mockFleetApi({
        getDeployments: async () => ({
          ...fooDeployments,
          app: null,
          unit: null,
        }),
      }),
    );
    expect(await screen.findByText('Not a fleet app')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(
      mockFleetApi({
        getDeployments: () => Promise.reject(new Error('fleet backend down')),
      }),
    );
    expect(
      (await screen.findAllByText(/fleet backend down/))[0],
    ).toBeInTheDocument();
  });

  it('lists every cluster with replicas, tags and the listing file, and highlights skew', async () => {
    const getDeployments = jest.fn(async () => podinfoDeployments);
    await render(mockFleetApi({ getDeployments }));
    const prod = await screen.findByTestId('deployed-to-prod');
    // the entity's own annotation goes along: no catalog read in the backend
    expect(getDeployments).toHaveBeenCalledWith('component:default/podinfo', {
      app: 'podinfo',
    });
    expect(getDeployments).toHaveBeenCalledTimes(1);
    expect(within(prod).getByText('overlay prod')).toBeInTheDocument();
    expect(within(prod).getByLabelText('replicas')).toHaveTextContent('3');
    expect(within(prod).getByText('6.9.0')).toBeInTheDocument();
    const link = within(prod).getByRole('link', {
      name: /clusters\/prod\/apps\/kustomization.yaml:5/,
    });
    expect(link).toHaveAttribute(
      'href',
      podinfoDeployments.clusters[1].listedAtUrl,
    );
    // replicas 1/3/2 differ, so the replicas cell is marked
    expect(within(prod).getByLabelText('replicas').className).toMatch(/skew/);
    expect(screen.getByText(/on 3 of 3 clusters/)).toBeInTheDocument();
  });

  it('offers Promote on the clusters that lack the app', async () => {
    await render(
      mockFleetApi({ getDeployments: async () => fooDeployments }),
      'foo-app',
    );
    const dev = await screen.findByTestId('deployed-to-dev');
    const promote = within(dev).getByRole('link', { name: 'Promote to dev' });
    const url = new URL(promote.getAttribute('href')!, 'http://app');
    expect(url.pathname).toBe('/create/templates/default/promote-app');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      app: 'foo-app',
      to: ['dev'],
    });
    expect(
      within(screen.getByTestId('deployed-to-test')).queryByRole('link', {
        name: /Promote/,
      }),
    ).toBeNull();
    // one cluster only: nothing to compare, so nothing is highlighted
    expect(
      within(screen.getByTestId('deployed-to-test')).getByLabelText('replicas')
        .className,
    ).not.toMatch(/skew/);
  });
});
