/*
 * API answers for the example fleet (examples/fleet): podinfo on dev, test and
 * prod with 1/2/3 replicas, foo-app and its namespace on test only.
 */
import type {
  ClusterDiffResponse,
  EntityClusterDeployment,
  EntityDeploymentsResponse,
  FleetAppSummary,
  FleetObjectBody,
  FleetOverviewResponse,
  FleetStatusResponse,
} from '@flux-fleet/backstage-plugin-fleet-common';

const clusters = ['dev', 'prod', 'test'];

function podinfoOn(cluster: string, replicas: number, tag: string): EntityClusterDeployment {
  return {
    cluster,
    present: true,
    entry: `apps/podinfo/overlays/${cluster}`,
    namespace: 'team-x',
    replicas,
    images: [`ghcr.io/stefanprodan/podinfo:${tag}`],
    listedAt: { file: `clusters/${cluster}/apps/kustomization.yaml`, line: 5 },
    listedAtUrl: `https://github.com/o/fleet/blob/abc/clusters/${cluster}/apps/kustomization.yaml#L5`,
    objects: [],
    problems: [],
  };
}

export const podinfoDeployments: EntityDeploymentsResponse = {
  entityRef: 'component:default/podinfo',
  app: 'podinfo',
  unit: 'apps/podinfo',
  revision: 'abc1234567890',
  clusters: [podinfoOn('dev', 1, '6.9.1'), podinfoOn('prod', 3, '6.9.0'), podinfoOn('test', 2, '6.9.1')],
};

export const fooDeployments: EntityDeploymentsResponse = {
  entityRef: 'component:default/foo-app',
  app: 'foo-app',
  unit: 'apps/foo-app',
  revision: 'abc1234567890',
  clusters: [
    { cluster: 'dev', present: false, objects: [], problems: [] },
    { cluster: 'prod', present: false, objects: [], problems: [] },
    {
      cluster: 'test',
      present: true,
      entry: 'apps/foo-app/base',
      namespace: 'foo',
      replicas: 1,
      images: ['nginx:1.27'],
      listedAt: { file: 'clusters/test/apps/kustomization.yaml', line: 6 },
      listedAtUrl: null,
      objects: [],
      problems: [],
    },
  ],
};

export const status: FleetStatusResponse = {
  revision: 'abc1234567890',
  refreshedAt: new Date().toISOString(),
  durationMs: 120,
  phase: 'idle',
  clusters: 3,
  objects: 40,
  staleObjects: 0,
  problems: { error: 0, warning: 1 },
  lastError: null,
  repositoryUrl: 'https://github.com/o/fleet/tree/abc1234567890',
};

const summaries = clusters.map(name => ({ name, path: `clusters/${name}`, objects: 10, problems: 0 }));

export const overview: FleetOverviewResponse = {
  revision: 'abc1234567890',
  refreshedAt: status.refreshedAt,
  clusters: summaries,
  problems: [
    {
      severity: 'warning',
      rule: 'unreferenced-definition',
      cluster: null,
      file: 'apps/bar/kustomization.yaml',
      line: 1,
      message: 'apps/bar is referenced by no cluster',
    },
  ],
  rows: [
    {
      id: 'apps/podinfo',
      kind: 'app',
      name: 'podinfo',
      entityRefs: ['component:default/podinfo'],
      bootstrap: false,
      clusters: Object.fromEntries(
        podinfoDeployments.clusters.map(c => [
          c.cluster,
          { entry: c.entry!, objects: 2, replicas: c.replicas, images: c.images, problems: 0 },
        ]),
      ),
    },
    {
      id: 'apps/foo-app',
      kind: 'app',
      name: 'foo-app',
      entityRefs: ['component:default/foo-app'],
      bootstrap: false,
      clusters: { test: { entry: 'apps/foo-app/base', objects: 2, replicas: 1, images: ['nginx:1.27'], problems: 0 } },
    },
    {
      id: 'infrastructure/namespaces/test-only',
      kind: 'namespace-set',
      name: 'test-only',
      entityRefs: [],
      bootstrap: false,
      clusters: { test: { entry: 'infrastructure/namespaces/test-only', objects: 1, problems: 0 } },
    },
    {
      id: 'infrastructure/policies/kyverno/shared',
      kind: 'policy-set',
      name: 'shared',
      entityRefs: [],
      bootstrap: false,
      clusters: Object.fromEntries(
        clusters.map(c => [
          c,
          {
            entry: 'infrastructure/policies/kyverno/shared',
            objects: 3,
            problems: 0,
            policyStage: c === 'prod' ? ('Enforce' as const) : ('Audit' as const),
          },
        ]),
      ),
    },
    {
      id: 'clusters/dev/flux-system',
      kind: 'other',
      name: 'flux-system',
      entityRefs: [],
      bootstrap: true,
      clusters: { dev: { entry: 'clusters/dev/flux-system', objects: 30, problems: 0 } },
    },
  ],
};

/** `GET /clusters/:name/overview` of `cluster`: the overview's rows on it, each with that cell only. */
export const clusterOverviewOf = (cluster: string): FleetOverviewResponse => ({
  ...overview,
  clusters: overview.clusters.filter(c => c.name === cluster),
  rows: overview.rows
    .filter(r => r.clusters[cluster])
    .map(r => ({ ...r, clusters: { [cluster]: r.clusters[cluster] } })),
  problems: overview.problems.filter(p => p.cluster === null || p.cluster === cluster),
});

/** `GET /apps`: the overview's apps with their clusters. */
export const apps: FleetAppSummary[] = overview.rows
  .filter(r => r.kind === 'app')
  .map(r => ({ id: r.id, name: r.name, entityRefs: r.entityRefs, clusters: Object.keys(r.clusters).sort() }));

const deploymentYaml = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: podinfo\n  namespace: team-x\nspec:\n  replicas: ${replicas}\n`;

export const podinfoDiff: ClusterDiffResponse = {
  from: 'dev',
  to: 'prod',
  unit: 'apps/podinfo',
  onlyInFrom: [],
  onlyInTo: [],
  entries: [
    {
      change: 'changed',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'team-x',
      name: 'podinfo',
      unit: 'apps/podinfo',
      fromYaml: deploymentYaml(1),
      toYaml: deploymentYaml(3),
    },
  ],
};

export const testToProdDiff: ClusterDiffResponse = {
  from: 'test',
  to: 'prod',
  unit: null,
  onlyInFrom: ['apps/foo-app', 'infrastructure/namespaces/test-only'],
  onlyInTo: [],
  entries: [
    { change: 'removed', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'foo', name: 'foo-app', unit: 'apps/foo-app' },
    { change: 'removed', apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'foo', unit: 'infrastructure/namespaces/test-only' },
    podinfoDiff.entries[0],
  ],
};

export const podinfoObjects = (cluster: string): FleetObjectBody[] => [
  {
    cluster,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'team-x',
    name: 'podinfo',
    unit: 'apps/podinfo',
    fluxKustomization: 'flux-system/apps',
    source: { file: 'apps/podinfo/base/deployment.yaml', line: 1 },
    via: [
      { file: `clusters/${cluster}/apps/kustomization.yaml`, line: 5 },
      { file: `apps/podinfo/overlays/${cluster}/kustomization.yaml`, line: 4 },
    ],
    sourceUrl: 'https://github.com/o/fleet/blob/abc/apps/podinfo/base/deployment.yaml#L1',
    body: {},
    yaml: deploymentYaml(cluster === 'prod' ? 3 : 1),
  },
  {
    cluster,
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: 'team-x',
    name: 'podinfo-token',
    unit: 'apps/podinfo',
    fluxKustomization: 'flux-system/apps',
    source: { file: 'apps/podinfo/base/secret.yaml', line: 1 },
    via: [],
    body: {},
    yaml: 'apiVersion: v1\nkind: Secret\ndata:\n  token: <redacted>\n',
  },
];
