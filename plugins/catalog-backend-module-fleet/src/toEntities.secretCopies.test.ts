/*
 * Secret values that kustomize copies into the objects the catalog turns
 * into entities: a Namespace's name, a namespace, a HelmRelease's name,
 * chart and version, a Kyverno policy's name and stage, labels, the
 * targetNamespace of a Flux Kustomization. No entity emitted to the catalog may carry one (name, title, description,
 * annotations, links); an object whose identity is Secret data becomes
 * no entity. Through the real engine and FleetEntityProvider.
 */
import type { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { mockServices } from '@backstage/backend-test-utils';
import { smallFleetService } from './__fixtures__/smallFleet';
import { FleetEntityProvider } from './FleetEntityProvider';

// short values: nothing but the engine's record of the copy hides them
const LEAKS = ['Kq3v', 'Hn4r', 'Yb5s', 'Cx6d', 'Pl9m', 'Jm2t', 'Tg8k'];

const copy = (key: string, to: string) =>
  `- source: {kind: Secret, name: creds, fieldPath: stringData.${key}}\n  targets: [{${to}}]`;

const files: Record<string, string> = {
  'clusters/test/kustomization.yaml': `resources: [../../infra, flux.yaml]
replacements:
- source: {kind: Secret, name: tn, fieldPath: stringData.ns}
  targets: [{select: {kind: Kustomization}, fieldPaths: [spec.targetNamespace]}]
`,
  // a Flux Kustomization whose targetNamespace is Secret data
  'clusters/test/flux.yaml': `apiVersion: v1
kind: Secret
metadata: {name: tn, namespace: flux-system}
stringData: {ns: Tg8k}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: ctl, namespace: flux-system}
spec:
  path: ./ctl
  sourceRef: {kind: GitRepository, name: flux-system}
  targetNamespace: x
`,
  'ctl/rel.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: tn-rel}
spec: {chart: {spec: {chart: d, version: "1.0.0", sourceRef: {kind: HelmRepository, name: r}}}}
`,
  'infra/kustomization.yaml': [
    'resources: [all.yaml]',
    'replacements:',
    copy(
      'ns',
      'select: {kind: Namespace, name: secret-ns}, fieldPaths: [metadata.name]',
    ),
    copy(
      'ns',
      'select: {kind: HelmRelease, name: in-secret-ns}, fieldPaths: [metadata.namespace]',
    ),
    copy(
      'rel',
      'select: {kind: HelmRelease, name: rel-x}, fieldPaths: [metadata.name]',
    ),
    copy(
      'ver',
      'select: {kind: HelmRelease, name: plain}, fieldPaths: [spec.chart.spec.version]',
    ),
    copy(
      'chart',
      'select: {kind: HelmRelease, name: plain}, fieldPaths: [spec.chart.spec.chart]',
    ),
    copy(
      'pol',
      'select: {kind: ClusterPolicy, name: pol-x}, fieldPaths: [metadata.name]',
    ),
    copy(
      'label',
      'select: {kind: Namespace, name: apps}, fieldPaths: [metadata.labels.team]',
    ),
    '',
  ].join('\n'),
  'infra/all.yaml': `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: apps}
stringData: {ns: Kq3v, rel: Hn4r, ver: Yb5s, chart: Cx6d, pol: Pl9m, label: Jm2t}
---
apiVersion: v1
kind: Namespace
metadata: {name: apps, labels: {team: x}}
---
apiVersion: v1
kind: Namespace
metadata: {name: secret-ns}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: in-secret-ns, namespace: apps}
spec: {chart: {spec: {chart: a, version: "1.0.0", sourceRef: {kind: HelmRepository, name: r}}}}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: rel-x, namespace: apps}
spec: {chart: {spec: {chart: b, version: "1.0.0", sourceRef: {kind: HelmRepository, name: r}}}}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: plain, namespace: apps}
spec: {chart: {spec: {chart: c, version: "1.0.0", sourceRef: {kind: HelmRepository, name: r}}}}
---
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: pol-x}
spec: {validationFailureAction: Enforce, rules: []}
`,
};

async function emitted() {
  const applyMutation = jest.fn(async (_m: EntityProviderMutation) => {});
  const provider = new FleetEntityProvider({
    id: 'default',
    fleet: smallFleetService(mockServices.logger.mock(), 'abc', files),
    logger: mockServices.logger.mock(),
    owner: 'group:default/fleet-admins',
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
  });
  await provider.connect({ applyMutation, refresh: async () => {} });
  await provider.read();
  const calls = applyMutation.mock.calls;
  const last = calls[calls.length - 1][0];
  if (last.type !== 'full') throw new Error('expected a full mutation');
  return last.entities.map(e => e.entity);
}

describe('catalog entities of objects holding Secret copies', () => {
  it('carry no Secret value, in any field', async () => {
    const text = JSON.stringify(await emitted());
    expect(LEAKS.filter(v => text.includes(v))).toEqual([]);
  });

  it('are not made from an object whose name or namespace is Secret data', async () => {
    const entities = await emitted();
    expect(entities.map(e => e.metadata.name)).toEqual([
      'test',
      'namespace-apps',
      'controller-apps-plain',
    ]);
    const plain = entities[2];
    expect(plain.metadata.annotations).toMatchObject({
      'flux-fleet.io/chart': '<redacted>',
      'flux-fleet.io/chart-versions': 'test=<redacted>',
    });
    // the cluster counts the problems that say why the others are missing:
    // 6 secret-in-identity, and tn-rel's namespace, which test does not create
    expect(entities[0].metadata.annotations?.['flux-fleet.io/problems']).toBe(
      '7',
    );
  });
});
