/*
 * A value kustomize copied out of a Secret, then moved by a list edit
 * above the copy (an overlay's JSON6902 add and strategic-merge list merge,
 * a Flux Kustomization's spec.patches): through the read routes the copy
 * stays redacted where it ends, and the innocent entries that took its old
 * index are shown. The Secret value is shorter than the value scrubber's
 * six characters, so only the engine's record of the copy can hide it.
 */
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouter } from './createRouter';
import { denyingPermissions } from './__testUtils__/denyingPermissions';

const PIN = 'Qk9z';
const ENV = '/spec/template/spec/containers/0/env';

const base = (dir: string, name: string) => ({
  [`apps/${dir}/kustomization.yaml`]: `resources: [all.yaml]
replacements:
- source: {kind: Secret, name: ${name}-pin, fieldPath: stringData.pin}
  targets:
  - select: {kind: Deployment}
    fieldPaths: ["spec.template.spec.containers.0.env.[name=PIN].value"]
`,
  [`apps/${dir}/all.yaml`]: `apiVersion: v1
kind: Secret
metadata: {name: ${name}-pin, namespace: n}
stringData: {pin: "${PIN}"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: n}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env: [{name: PIN, value: x}, {name: A, value: innocent-a}]
`,
});

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources: [ns.yaml]\n',
  'clusters/dev/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
  'clusters/test/kustomization.yaml':
    'resources: [../dev/ns.yaml, ../../apps/moved/overlay, flux.yaml]\n',
  ...base('moved/base', 'moved'),
  'apps/moved/overlay/kustomization.yaml': `resources: [../base]
patches:
- target: {kind: Deployment}
  patch: '[{"op": "add", "path": "${ENV}/0", "value": {"name": "F", "value": "innocent-f"}}]'
- patch: |
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: moved, namespace: n}
    spec:
      template:
        spec:
          containers:
          - {name: first, image: "first:1", env: [{name: PIN, value: innocent-pin}]}
`,
  ...base('flux', 'flux'),
  // as Flux: spec.patches join the top kustomization, above the copying base
  'apps/fluxtop/kustomization.yaml': 'resources: [../flux]\n',
  'clusters/test/flux.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: patched, namespace: flux-system}
spec:
  path: ./apps/fluxtop
  sourceRef: {kind: GitRepository, name: flux-system}
  patches:
  - target: {kind: Deployment}
    patch: '[{"op": "add", "path": "${ENV}/0", "value": {"name": "G", "value": "innocent-g"}}, {"op": "remove", "path": "${ENV}/2"}]'
`,
};

async function makeApp() {
  const router = await createRouter({
    fleet: smallFleetService(mockServices.logger.mock(), 'abc', files),
    httpAuth: mockServices.httpAuth(),
    permissions: denyingPermissions(),
    catalog: catalogServiceMock({ entities: [] }),
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
  });
  return express().use(router).use(mockErrorHandler());
}

const bodyUrl = (name: string) =>
  `/objects/body?cluster=test&apiVersion=apps/v1&kind=Deployment&namespace=n&name=${name}`;

describe('a Secret copy that a list edit above it moved', () => {
  it('is redacted where it ends in an overlay, and its neighbours are shown', async () => {
    const app = await makeApp();
    const res = await request(app).get(bodyUrl('moved'));
    expect(res.status).toBe(200);
    const containers = res.body.body.spec.template.spec.containers;
    expect(containers.map((c: any) => c.env)).toEqual([
      [{ name: 'PIN', value: 'innocent-pin' }],
      [
        { name: 'F', value: 'innocent-f' },
        { name: 'PIN', value: '<redacted>' },
        { name: 'A', value: 'innocent-a' },
      ],
    ]);
    expect(res.body.yaml).not.toContain(PIN);
    expect(res.body.yaml).toContain('innocent-a');
  });

  it('is redacted after a Flux Kustomization patch moved it, and gone once removed', async () => {
    const app = await makeApp();
    const res = await request(app).get(bodyUrl('flux'));
    expect(res.status).toBe(200);
    expect(res.body.body.spec.template.spec.containers[0].env).toEqual([
      { name: 'G', value: 'innocent-g' },
      { name: 'PIN', value: '<redacted>' },
    ]);
  });

  it('reaches no read route', async () => {
    const app = await makeApp();
    const urls = [
      '/matrix',
      '/objects?cluster=test',
      '/diff?from=dev&to=test',
      '/diff?from=test&to=dev',
      bodyUrl('moved'),
      bodyUrl('flux'),
    ];
    for (const url of urls) {
      const res = await request(app).get(url);
      expect({ url, status: res.status, leak: res.text.includes(PIN) }).toEqual(
        { url, status: 200, leak: false },
      );
    }
    const diff = await request(app).get('/diff?from=dev&to=test');
    expect(diff.text).toContain('innocent-a');
  });
});
