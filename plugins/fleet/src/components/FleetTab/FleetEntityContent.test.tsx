import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';
import {
  fooDeployments,
  podinfoDeployments,
  podinfoDiff,
  podinfoObjects,
} from '../../__fixtures__/fleet';
import { mockFleetApi, pending } from '../../__fixtures__/mockFleetApi';
import { defaultPair, FleetEntityContent } from './FleetEntityContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'podinfo',
    annotations: { 'flux-fleet.io/app': 'podinfo' },
  },
  spec: {},
};

async function render(api: FleetApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, api]]}>
      <EntityProvider entity={entity}>
        <FleetEntityContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('FleetEntityContent', () => {
  it('shows a progress bar while loading', async () => {
    await render(mockFleetApi({ getDeployments: pending }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
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

  it('says so when the app runs nowhere', async () => {
    const nowhere = {
      ...fooDeployments,
      clusters: fooDeployments.clusters.map(c => ({ ...c, present: false })),
    };
    await render(mockFleetApi({ getDeployments: async () => nowhere }));
    expect(
      await screen.findByText('foo-app runs on no cluster'),
    ).toBeInTheDocument();
  });

  it('shows objects with provenance per cluster and a diff between dev and prod', async () => {
    const getDiff = jest.fn(async () => podinfoDiff);
    const getObjects = jest.fn(async ({ cluster }: { cluster: string }) =>
      podinfoObjects(cluster),
    );
    await render(
      mockFleetApi({
        getDeployments: async () => podinfoDeployments,
        getDiff,
        getObjects,
      }),
    );
    const chain = (await screen.findAllByTestId('provenance'))[0];
    expect(chain).toHaveTextContent(
      'flux-system/apps · clusters/dev/apps/kustomization.yaml:5 → apps/podinfo/overlays/dev/kustomization.yaml:4 → apps/podinfo/base/deployment.yaml:1',
    );
    expect(getObjects).toHaveBeenCalledWith({
      cluster: 'dev',
      entityRef: 'component:default/podinfo',
    });
    fireEvent.click(screen.getByText('Secret team-x/podinfo-token'));
    // the YAML is syntax-highlighted, so the text spans several elements
    await waitFor(() =>
      expect(document.body.textContent).toContain('token: <redacted>'),
    );

    const entry = await screen.findByTestId('fleet-diff-entry');
    expect(getDiff).toHaveBeenCalledWith({
      from: 'dev',
      to: 'prod',
      entityRef: 'component:default/podinfo',
    });
    expect(
      within(entry).getByText('Deployment team-x/podinfo (changed)'),
    ).toBeInTheDocument();
    // both sides of the changed line are drawn
    expect(entry.textContent).toMatch(/replicas: 1.*replicas: 3/s);

    fireEvent.click(screen.getByRole('tab', { name: 'prod' }));
    expect(
      await screen.findByText(/clusters\/prod\/apps\/kustomization.yaml:5/),
    ).toBeInTheDocument();
  });

  it('shows the diff error without hiding the objects', async () => {
    await render(
      mockFleetApi({
        getDeployments: async () => podinfoDeployments,
        getObjects: async ({ cluster }) => podinfoObjects(cluster),
        getDiff: () => Promise.reject(new Error('diff failed')),
      }),
    );
    expect((await screen.findAllByText(/diff failed/))[0]).toBeInTheDocument();
    expect(screen.getAllByTestId('provenance').length).toBe(2);
  });
});

describe('defaultPair', () => {
  it('compares with prod when the app runs there', () => {
    expect(defaultPair(['dev', 'prod', 'test'])).toEqual(['dev', 'prod']);
    expect(defaultPair(['dev', 'test'])).toEqual(['dev', 'test']);
  });
});
