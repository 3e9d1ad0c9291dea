/*
 * Secret values copied into what names an object: its metadata.name and
 * metadata.namespace (replacements, a var, Flux's substituteFrom), a
 * Namespace's name, a HelmRelease's name and chart version, labels and
 * annotations. Names travel in lists, ids, URLs, diffs and problems, not
 * only in bodies: no read route and no promotion preview may carry one,
 * and each such object is named by a placeholder and a problem.
 */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouter } from './createRouter';
import { denyingPermissions } from './__testUtils__/denyingPermissions';

/** Short Secret values (under the value scrubber's six characters). */
const LEAKS = ['Kq3v', 'Wx8p', 'Jm2t', 'Hn4r', 'Yb5s', 'Zq7w'];

const copy = (key: string, to: string, options = '') =>
  `- source: {kind: Secret, name: creds, fieldPath: stringData.${key}${options}}\n  targets: [{${to}}]`;

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources: [ns.yaml]\n',
  'clusters/dev/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: idl}\n',
  'clusters/test/kustomization.yaml':
    'resources: [../dev/ns.yaml, ../../apps/idl, flux.yaml]\n',
  'clusters/test/flux.yaml': `apiVersion: v1
kind: Secret
metadata: {name: vars, namespace: flux-system}
stringData: {suffix: Zq7w}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: sub, namespace: flux-system}
spec:
  path: ./apps/idlsub
  sourceRef: {kind: GitRepository, name: flux-system}
  postBuild:
    substituteFrom: [{kind: Secret, name: vars}]
`,
  'apps/idlsub/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "cm-${suffix}", namespace: idl}\ndata: {a: b}\n',
  'apps/idl/kustomization.yaml': [
    'resources: [all.yaml]',
    'replacements:',
    copy('ns', 'select: {kind: Namespace}, fieldPaths: [metadata.name]'),
    copy('ns', 'select: {kind: Deployment}, fieldPaths: [metadata.namespace]'),
    copy(
      'name',
      'select: {kind: ConfigMap, name: cfg-x}, fieldPaths: [metadata.name], options: {delimiter: "-", index: 1}',
    ),
    copy(
      'label',
      'select: {kind: ConfigMap, name: labelled}, fieldPaths: [metadata.labels.team, metadata.annotations.note]',
    ),
    copy('rel', 'select: {kind: HelmRelease}, fieldPaths: [metadata.name]'),
    copy(
      'ver',
      'select: {kind: HelmRelease}, fieldPaths: [spec.chart.spec.version]',
    ),
    '',
  ].join('\n'),
  'apps/idl/all.yaml': `apiVersion: v1
kind: Namespace
metadata: {name: ns-placeholder}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: idl}
stringData: {ns: Kq3v, name: Wx8p, label: Jm2t, rel: Hn4r, ver: Yb5s}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg-x, namespace: idl}
data: {a: b}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: labelled, namespace: idl, labels: {team: x}, annotations: {note: x}}
data: {a: b}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: idl}
spec:
  template:
    metadata: {labels: {backstage.io/kubernetes-id: idl}}
    spec:
      containers: [{name: web, image: "web:1"}]
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: rel-x, namespace: idl}
spec:
  chart: {spec: {chart: c, version: "1.0.0", sourceRef: {kind: HelmRepository, name: r}}}
`,
};

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'idl', annotations: { 'flux-fleet.io/app': 'idl' } },
  spec: { type: 'service', owner: 'team-x', lifecycle: 'production' },
};

async function makeApp() {
  const router = await createRouter({
    fleet: smallFleetService(mockServices.logger.mock(), 'abc', files),
    httpAuth: mockServices.httpAuth(),
    permissions: denyingPermissions(),
    catalog: catalogServiceMock({ entities: [entity] }),
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
  });
  return express().use(router).use(mockErrorHandler());
}

const leaksIn = (text: string) => LEAKS.filter(v => text.includes(v));

describe('Secret values copied into an object identity', () => {
  it('reach no read route, the object bodies included', async () => {
    const app = await makeApp();
    const ref = 'component:default/idl';
    const urls = [
      '/matrix',
      '/overview',
      '/units',
      '/apps',
      '/clusters/test',
      '/clusters/test/overview',
      `/deployments?entityRef=${ref}`,
      '/objects?cluster=test',
      `/objects?entityRef=${ref}`,
      '/objects?unit=apps/idl',
      '/diff?from=dev&to=test',
      '/diff?from=test&to=dev',
      `/diff?from=dev&to=test&entityRef=${ref}`,
      '/problems',
    ];
    const list = await request(app).get('/objects?cluster=test');
    for (const o of list.body.items) {
      const q = new URLSearchParams({
        cluster: 'test',
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.name,
        ...(o.namespace ? { namespace: o.namespace } : {}),
      });
      urls.push(`/objects/body?${q}`);
      if (o.kind === 'HelmRelease')
        urls.push(
          `/helmreleases?${new URLSearchParams({
            cluster: 'test',
            name: o.name,
            ...(o.namespace ? { namespace: o.namespace } : {}),
          })}`,
        );
    }
    expect(list.body.items.length).toBeGreaterThanOrEqual(7);
    const found: { url: string; status: number; leaks: string[] }[] = [];
    for (const url of urls) {
      const res = await request(app).get(url);
      const leaks = leaksIn(res.text);
      if (res.status !== 200 || leaks.length > 0)
        found.push({ url, status: res.status, leaks });
    }
    expect(found).toEqual([]);
  });

  it('name each such object by a placeholder, and say why in a problem', async () => {
    const app = await makeApp();
    const list = (await request(app).get('/objects?cluster=test')).body.items;
    const names = list.map(
      (o: any) => `${o.kind} ${o.namespace ?? ''}/${o.name}`,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'ConfigMap idl/<redacted>@apps/idl/all.yaml:10',
        'Deployment <redacted>@apps/idl/all.yaml:20/web',
        'Namespace /<redacted>@apps/idl/all.yaml:1',
        'HelmRelease idl/<redacted>@apps/idl/all.yaml:29',
        'ConfigMap idl/<redacted>@apps/idlsub/cm.yaml:1',
      ]),
    );
    const problems = (await request(app).get('/problems')).body;
    const rules = JSON.stringify(problems);
    expect(rules.match(/secret-in-identity/g)?.length).toBe(6);
    expect(rules).toContain(
      'A Secret value was copied into metadata.labels, metadata.annotations of ConfigMap idl/labelled',
    );
  });

  it('reach no promotion preview', async () => {
    const app = await makeApp();
    const res = await request(app)
      .post('/promotions/preview')
      .send({ app: 'idl', to: ['dev'] });
    expect(res.status).toBe(200);
    expect(res.body.clusters[0].added.length).toBeGreaterThan(0);
    expect(leaksIn(res.text)).toEqual([]);
  });
});
