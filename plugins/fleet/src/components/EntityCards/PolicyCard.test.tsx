import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  EntityClusterDeployment,
  EntityDeploymentsResponse,
  FleetObjectSummary,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { screen } from '@testing-library/react';
import { FleetApi, fleetApiRef } from '../../api/FleetApi';
import { mockFleetApi, pending } from '../../__fixtures__/mockFleetApi';
import { PolicyCard, stageOf, unitCandidates } from './PolicyCard';

const setId = 'infrastructure/policies/kyverno/shared';
const policy = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, annotations },
  spec: { type: 'kyverno-policy' },
});
const shared = policy('policy-require-pod-resources', {
  'flux-fleet.io/source-path': `${setId}/require-pod-resources.yaml`,
});

const object = (
  cluster: string,
  name: string,
  policyStage: 'Audit' | 'Enforce',
): FleetObjectSummary => ({
  cluster,
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  namespace: null,
  name,
  unit: setId,
  fluxKustomization: 'flux-system/infra',
  source: { file: `${setId}/${name}.yaml`, line: 1 },
  via: [],
  policyStage,
});
const row = (
  cluster: string,
  stages: Array<'Audit' | 'Enforce'>,
): EntityClusterDeployment => ({
  cluster,
  present: stages.length > 0,
  entry: stages.length > 0 ? setId : undefined,
  objects: stages.map((s, i) => object(cluster, `policy-${i}`, s)),
  problems: [],
});
const sharedDeployments: EntityDeploymentsResponse = {
  entityRef: 'component:default/shared',
  app: 'shared',
  unit: setId,
  revision: 'abc',
  clusters: [
    row('dev', ['Audit', 'Audit']),
    row('test', ['Enforce', 'Audit']),
    row('prod', ['Enforce', 'Enforce']),
    row('edge', []),
  ],
};
const noUnit = (unit: string): EntityDeploymentsResponse => ({
  entityRef: `component:default/${unit.split('/').pop()}`,
  app: null,
  unit: null,
  revision: 'abc',
  clusters: [],
});

async function render(api: FleetApi, entity = shared) {
  await renderInTestApp(
    <TestApiProvider apis={[[fleetApiRef, api]]}>
      <EntityProvider entity={entity}>
        <PolicyCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('unitCandidates', () => {
  it('tries the unit annotation, then the directories above the source file', () => {
    expect(
      unitCandidates({
        'flux-fleet.io/unit': 'policies/prod',
        'flux-fleet.io/source-path': 'a/b/c/d/policy.yaml',
      }),
    ).toEqual(['policies/prod', 'a/b/c/d', 'a/b/c', 'a/b']);
    expect(unitCandidates({})).toEqual([]);
  });
});

describe('stageOf', () => {
  it('enforces only when every policy of the set does', () => {
    expect(sharedDeployments.clusters.map(r => stageOf(r))).toEqual([
      'Audit',
      'Audit',
      'Enforce',
      'absent',
    ]);
  });

  it("counts only the entity's own policy when the set holds its file", () => {
    expect(
      sharedDeployments.clusters.map(r => stageOf(r, `${setId}/policy-0.yaml`)),
    ).toEqual(['Audit', 'Enforce', 'Enforce', 'absent']);
  });
});

describe('PolicyCard', () => {
  it('shows a progress bar while loading', async () => {
    await render(mockFleetApi({ getAppDeployments: pending }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await render(
      mockFleetApi({
        getAppDeployments: () => Promise.reject(new Error('no model')),
      }),
    );
    expect((await screen.findAllByText(/no model/))[0]).toBeInTheDocument();
  });

  it('says so when no candidate is a unit of the fleet, after asking each', async () => {
    const getAppDeployments = jest.fn(async (unit: string) => noUnit(unit));
    await render(mockFleetApi({ getAppDeployments }), shared);
    expect(
      await screen.findByText('No policy set of the fleet matches this entity'),
    ).toBeInTheDocument();
    expect(getAppDeployments.mock.calls.map(c => c[0])).toEqual([
      setId,
      'infrastructure/policies/kyverno',
      'infrastructure/policies',
    ]);
  });

  it("shows Audit, Enforce or absent per cluster from the set's own deployments", async () => {
    // any other route (the overview, the matrix) rejects: unexpected call
    const getAppDeployments = jest.fn(async (unit: string) =>
      unit === setId ? sharedDeployments : noUnit(unit),
    );
    await render(mockFleetApi({ getAppDeployments }));
    expect(await screen.findByTestId('policy-stage-prod')).toHaveTextContent(
      'Enforce',
    );
    expect(screen.getByTestId('policy-stage-dev')).toHaveTextContent('Audit');
    // the entity's own file is in no cluster's objects: the set's stage
    expect(screen.getByTestId('policy-stage-test')).toHaveTextContent('Audit');
    expect(screen.getByTestId('policy-stage-edge')).toHaveTextContent('absent');
    expect(screen.getAllByText(setId)).toHaveLength(4); // subheader and 3 entries
    expect(getAppDeployments).toHaveBeenCalledTimes(1);
  });

  it("shows the entity's own policy stage when the set holds its file", async () => {
    await render(
      mockFleetApi({ getAppDeployments: async () => sharedDeployments }),
      policy('policy-0', {
        'flux-fleet.io/source-path': `${setId}/policy-0.yaml`,
      }),
    );
    expect(await screen.findByTestId('policy-stage-test')).toHaveTextContent(
      'Enforce',
    );
    expect(screen.getByTestId('policy-stage-dev')).toHaveTextContent('Audit');
  });
});
