/*
 * Secret values that kustomize copies out of a Secret (replacements, vars,
 * a secretGenerator's value, SOPS ciphertext), resolved by the real engine
 * and asked for through every read route and the promotion preview: no
 * answer may hold one, whole, in part or base64-encoded.
 */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouter } from './createRouter';
import { denyingPermissions } from './__testUtils__/denyingPermissions';

const LEAKS = [
  'password123',
  'cGFzc3dvcmQxMjM=',
  'pw4u',
  'k3y',
  'gen-tok3n-value',
  'Z2VuLXRvazNuLXZhbHVl',
  'db-h0st.internal',
  'ENC[AES256_GCM',
  // short: the value scrubber does not search for it
  '4821',
];

const replacement = (from: string, to: string, options = '') =>
  `- source: {${from}${options}}\n  targets: [{${to}}]`;

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources: [ns.yaml]\n',
  'clusters/dev/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
  'clusters/test/kustomization.yaml':
    'resources: [../../apps/leak, flux.yaml]\n',
  // Flux's postBuild.substituteFrom a Secret, into a ConfigMap
  'clusters/test/flux.yaml': `apiVersion: v1
kind: Secret
metadata: {name: vars, namespace: flux-system}
stringData: {pin: "4821"}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: sub, namespace: flux-system}
spec:
  path: ./apps/sub
  sourceRef: {kind: GitRepository, name: flux-system}
  postBuild:
    substituteFrom: [{kind: Secret, name: vars}]
`,
  'apps/sub/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pin, namespace: n}\ndata: {pin: "pin-${pin}"}\n',
  'apps/leak/kustomization.yaml': [
    'resources: [all.yaml]',
    'secretGenerator:',
    '- {name: gen, literals: [token=gen-tok3n-value], options: {disableNameSuffixHash: true}}',
    'vars:',
    '- {name: DB_HOST, objref: {apiVersion: v1, kind: Secret, name: db}, fieldref: {fieldpath: stringData.host}}',
    'replacements:',
    replacement(
      'kind: Secret, name: db, fieldPath: data.password',
      'select: {kind: Deployment}, fieldPaths: ["spec.template.spec.containers.0.env.0.value"]',
    ),
    replacement(
      'kind: Secret, name: db, fieldPath: stringData.login',
      'select: {kind: ConfigMap}, fieldPaths: [data.pw]',
      ', options: {delimiter: ":", index: 1}',
    ),
    replacement(
      'kind: Secret, name: gen, fieldPath: data.token',
      'select: {kind: HelmRelease}, fieldPaths: [spec.values.token]',
    ),
    replacement(
      'kind: Secret, name: db, fieldPath: stringData.key',
      'select: {kind: Deployment}, fieldPaths: [metadata.annotations.note], options: {delimiter: "-", index: 1}',
    ),
    replacement(
      'kind: Secret, name: sops, fieldPath: data.password',
      'select: {kind: ConfigMap}, fieldPaths: [data.enc]',
    ),
    replacement(
      'kind: ConfigMap, name: settings, fieldPath: data.user',
      'select: {kind: Secret, name: db}, fieldPaths: [stringData.user]',
    ),
    '',
  ].join('\n'),
  'apps/leak/all.yaml': `apiVersion: v1
kind: Secret
metadata: {name: db}
data: {password: cGFzc3dvcmQxMjM=}
stringData: {login: "admin:pw4u", host: db-h0st.internal, key: k3y, user: x}
---
apiVersion: v1
kind: Secret
metadata: {name: sops}
data: {password: "ENC[AES256_GCM,data:Zm9vYmFy,iv:aXY=,tag:dGFn,type:str]"}
sops: {version: 3.8.1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {user: app-user, pw: x, enc: x}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, annotations: {note: keep-REPLACE-keep}}
spec:
  template:
    metadata: {labels: {backstage.io/kubernetes-id: leak}}
    spec:
      containers:
      - {name: app, image: "app:1", args: ["--host=$(DB_HOST)"], env: [{name: P, value: x}]}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: rel}
spec:
  chart: {spec: {chart: c, sourceRef: {kind: HelmRepository, name: r}}}
  valuesFrom: [{kind: ConfigMap, name: settings, valuesKey: pw, targetPath: auth.pw}]
  values: {token: x}
`,
};

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'leak', annotations: { 'flux-fleet.io/app': 'leak' } },
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

describe('Secret values copied out of Secrets by kustomize', () => {
  it('reach no read route', async () => {
    const app = await makeApp();
    const ref = 'component:default/leak';
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
      '/objects?unit=apps/leak',
      '/diff?from=dev&to=test',
      '/diff?from=test&to=dev',
      `/diff?from=dev&to=test&entityRef=${ref}`,
      '/helmreleases?cluster=test&name=rel',
      '/problems',
    ];
    const list = await request(app).get('/objects?cluster=test');
    for (const o of list.body.items) {
      urls.push(
        `/objects/body?cluster=test&apiVersion=${o.apiVersion}&kind=${
          o.kind
        }&name=${o.name}${o.namespace ? `&namespace=${o.namespace}` : ''}`,
      );
    }
    expect(urls).toHaveLength(15 + 9);
    const found: { url: string; status: number; leaks: string[] }[] = [];
    for (const url of urls) {
      const res = await request(app).get(url);
      const leaks = leaksIn(res.text);
      if (res.status !== 200 || leaks.length > 0)
        found.push({ url, status: res.status, leaks });
    }
    expect(found).toEqual([]);
  });

  it('redact the copies only, with the placeholder of Secret data', async () => {
    const app = await makeApp();
    const body = (kind: string, name: string) =>
      request(app).get(
        `/objects/body?cluster=test&apiVersion=${
          kind === 'Deployment' ? 'apps/v1' : 'v1'
        }&kind=${kind}&name=${name}`,
      );
    const settings = (await body('ConfigMap', 'settings')).body;
    expect(settings.body.data).toEqual({
      user: 'app-user',
      pw: '<redacted>',
      enc: '<redacted>',
    });
    expect(settings.yaml).toContain('user: app-user');
    const deployment = (await body('Deployment', 'app')).body.body;
    expect(deployment.metadata.annotations).toEqual({ note: '<redacted>' });
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: 'app:1',
      args: ['<redacted>'],
      env: [{ name: 'P', value: '<redacted>' }],
    });
  });

  it('reach no promotion preview', async () => {
    const app = await makeApp();
    const res = await request(app)
      .post('/promotions/preview')
      .send({ app: 'leak', to: ['dev'] });
    expect(res.status).toBe(200);
    expect(res.body.clusters[0].added.length).toBeGreaterThan(0);
    expect(leaksIn(res.text)).toEqual([]);
  });
});
