import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import type { PromotionPreview } from '@flux-fleet/backstage-plugin-fleet-common';
import { ReactElement } from 'react';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';
import { apps, fooDeployments } from '../../__fixtures__/fleet';
import { mockFleetApi, pending } from '../../__fixtures__/mockFleetApi';
import { FleetAppPicker } from './FleetAppPicker';
import { FleetClusterPicker } from './FleetClusterPicker';
import { FleetPromotionPreview, requestOf } from './FleetPromotionPreview';

const fieldProps = (extra: Record<string, unknown>) =>
  ({
    schema: {},
    uiSchema: {},
    idSchema: { $id: 'root' },
    onChange: jest.fn(),
    rawErrors: [],
    ...extra,
  } as any);

async function render(api: FleetApi, field: ReactElement) {
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, api]]}>{field}</TestApiProvider>,
  );
}

const preview: PromotionPreview = {
  request: { app: 'foo-app', to: ['prod'] },
  strategy: 'reference',
  strategyReason: 'foo-app has no overlays',
  files: [
    {
      path: 'clusters/prod/apps/kustomization.yaml',
      action: 'update',
      before: 'resources: []\n',
      after: 'resources:\n  - ../../../apps/foo-app/base\n',
    },
  ],
  diff: '',
  clusters: [
    {
      cluster: 'prod',
      added: [
        { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'foo' },
      ],
      changed: [],
      removed: [],
    },
  ],
  carried: ['namespace foo'],
  warnings: ['prod enforces require-pod-disruption-budget'],
  title: 'Promote foo-app to prod',
  body: '',
};

describe('FleetAppPicker', () => {
  it('shows a progress bar while loading', async () => {
    await render(
      mockFleetApi({ getApps: pending }),
      <FleetAppPicker {...fieldProps({})} />,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says so when the fleet has no apps', async () => {
    await render(
      mockFleetApi({ getApps: async () => [] }),
      <FleetAppPicker {...fieldProps({ schema: { title: 'App' } })} />,
    );
    expect(
      await screen.findByText('The fleet has no apps to promote.'),
    ).toBeInTheDocument();
  });

  it('offers the fleet apps with their components and sets the app name, from the app list alone', async () => {
    const onChange = jest.fn();
    // any other route (the overview, the matrix) rejects: unexpected call
    await render(
      mockFleetApi({ getApps: async () => apps }),
      <FleetAppPicker
        {...fieldProps({ onChange, schema: { title: 'App' } })}
      />,
    );
    fireEvent.mouseDown(await screen.findByLabelText('App'));
    fireEvent.click(
      await screen.findByText(
        /foo-app \(component:default\/foo-app\) · on test/,
      ),
    );
    expect(onChange).toHaveBeenCalledWith('foo-app');
  });

  it('shows the error when the fleet cannot be read', async () => {
    await render(
      mockFleetApi({ getApps: () => Promise.reject(new Error('down')) }),
      <FleetAppPicker {...fieldProps({})} />,
    );
    expect(
      await screen.findByText('The fleet could not be read: down'),
    ).toBeInTheDocument();
  });
});

describe('FleetClusterPicker', () => {
  it("offers only the clusters where the chosen app is absent, from that app's deployments alone", async () => {
    const onChange = jest.fn();
    const getAppDeployments = jest.fn(async () => fooDeployments);
    await render(
      // any other route (the overview, the matrix) rejects: unexpected call
      mockFleetApi({ getAppDeployments }),
      <FleetClusterPicker
        {...fieldProps({
          onChange,
          schema: { type: 'array' },
          formContext: { formData: { app: 'foo-app' } },
        })}
      />,
    );
    fireEvent.click(await screen.findByLabelText('prod'));
    expect(onChange).toHaveBeenCalledWith(['prod']);
    expect(screen.getByLabelText('dev')).toBeInTheDocument();
    expect(screen.queryByLabelText('test')).toBeNull();
    expect(getAppDeployments).toHaveBeenCalledWith('foo-app');
  });

  it('says when the app already runs on every cluster', async () => {
    await render(
      mockFleetApi({
        getAppDeployments: async () => ({
          ...fooDeployments,
          clusters: fooDeployments.clusters.map(c => ({ ...c, present: true })),
        }),
      }),
      <FleetClusterPicker
        {...fieldProps({ formContext: { formData: { app: 'foo-app' } } })}
      />,
    );
    expect(
      await screen.findByText('foo-app already runs on every cluster'),
    ).toBeInTheDocument();
  });

  it("shows the error when the app's deployments cannot be read", async () => {
    await render(
      mockFleetApi({
        getAppDeployments: () => Promise.reject(new Error('down')),
      }),
      <FleetClusterPicker
        {...fieldProps({ formContext: { formData: { app: 'foo-app' } } })}
      />,
    );
    expect(
      await screen.findByText('The fleet could not be read: down'),
    ).toBeInTheDocument();
  });

  it('asks for the app first, and asks the fleet nothing until then', async () => {
    await render(
      mockFleetApi({}),
      <FleetClusterPicker {...fieldProps({ schema: { type: 'array' } })} />,
    );
    expect(await screen.findByText('Choose the app first')).toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    await render(
      mockFleetApi({ getAppDeployments: pending }),
      <FleetClusterPicker
        {...fieldProps({ formContext: { formData: { app: 'foo-app' } } })}
      />,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});

describe('FleetPromotionPreview', () => {
  it('reads the request from the form', () => {
    expect(
      requestOf({ app: 'foo-app', to: 'prod', strategy: 'overlay' }),
    ).toEqual({ app: 'foo-app', to: ['prod'], strategy: 'overlay' });
    expect(requestOf({ app: 'foo-app', to: [] })).toBeUndefined();
  });

  it('previews the promotion: per-cluster changes, warnings and the file diff', async () => {
    const previewPromotion = jest.fn(async () => preview);
    await render(
      mockFleetApi({ previewPromotion }),
      <FleetPromotionPreview
        {...fieldProps({
          formContext: { formData: { app: 'foo-app', to: ['prod'] } },
        })}
      />,
    );
    expect(
      await screen.findByText('Promote foo-app to prod'),
    ).toBeInTheDocument();
    expect(previewPromotion).toHaveBeenCalledWith({
      app: 'foo-app',
      to: ['prod'],
    });
    expect(screen.getByTestId('promotion-cluster-prod')).toHaveTextContent(
      'prod gains Namespace foo; changes nothing; loses nothing',
    );
    expect(
      screen.getAllByText(/prod enforces require-pod-disruption-budget/)[0],
    ).toBeInTheDocument();
    expect(screen.getByText(/carries namespace foo/)).toBeInTheDocument();
    expect(
      screen.getByText('update clusters/prod/apps/kustomization.yaml'),
    ).toBeInTheDocument();
  });

  it('shows the refusal', async () => {
    await render(
      mockFleetApi({
        previewPromotion: async () => ({
          ...preview,
          refused: 'prod lacks namespace foo',
        }),
      }),
      <FleetPromotionPreview
        {...fieldProps({
          formContext: { formData: { app: 'foo-app', to: ['prod'] } },
        })}
      />,
    );
    expect(
      (await screen.findAllByText(/This promotion cannot be done safely/))[0],
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(
      mockFleetApi({
        previewPromotion: () => Promise.reject(new Error('forbidden')),
      }),
      <FleetPromotionPreview
        {...fieldProps({
          formContext: { formData: { app: 'foo-app', to: ['prod'] } },
        })}
      />,
    );
    expect((await screen.findAllByText(/forbidden/))[0]).toBeInTheDocument();
  });
});
