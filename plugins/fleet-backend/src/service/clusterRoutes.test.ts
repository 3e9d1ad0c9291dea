import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createClusterRoutes } from './clusterRoutes';
import { ComponentLinks } from './ComponentLinks';
import { createRouteContext } from './routeContext';
import { denyingPermissions } from './__testUtils__/denyingPermissions';

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: { 'flux-fleet.io/app': name } },
  spec: { type: 'service', owner: 'team-x', lifecycle: 'production' },
});

function makeApp(
  options: {
    deny?: string[];
    credentials?: ReturnType<typeof mockCredentials.none>;
  } = {},
) {
  const fleet = smallFleetService(mockServices.logger.mock());
  const permissions = denyingPermissions(options.deny);
  const ctx = createRouteContext({
    fleet,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: options.credentials,
    }),
    permissions,
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
  });
  const components = new ComponentLinks({
    catalog: catalogServiceMock({
      entities: [component('podinfo'), component('foo-app')],
    }),
    auth: mockServices.auth(),
  });
  return express()
    .use(createClusterRoutes(ctx, components))
    .use(mockErrorHandler());
}

describe('GET /clusters/:name/overview', () => {
  it('answers the cluster column of the overview only', async () => {
    const res = await request(makeApp()).get('/clusters/dev/overview');
    expect(res.status).toBe(200);
    expect(res.body.clusters).toEqual([
      expect.objectContaining({
        name: 'dev',
        url: 'https://github.com/org/fleet/tree/main/clusters/dev',
      }),
    ]);
    const podinfo = res.body.rows.find((r: any) => r.id === 'apps/podinfo');
    expect(podinfo).toMatchObject({
      kind: 'app',
      entityRefs: ['component:default/podinfo'],
      clusters: {
        dev: { entry: 'apps/podinfo/overlays/dev', replicas: 1 },
      },
    });
    // nothing of test: not foo-app, not a test cell, not test's problems
    expect(JSON.stringify(res.body)).not.toMatch(/"test"|foo-app/);
  });

  it('answers 404 for a cluster the fleet does not have', async () => {
    const res = await request(makeApp()).get('/clusters/staging/overview');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('staging');
  });

  it('answers 403 for a cluster fleet.cluster.read denies', async () => {
    const app = makeApp({ deny: ['fleet.cluster.read:test'] });
    expect((await request(app).get('/clusters/test/overview')).status).toBe(
      403,
    );
    expect((await request(app).get('/clusters/dev/overview')).status).toBe(200);
  });
});

describe('GET /apps', () => {
  it('lists the apps with their components and clusters', async () => {
    const res = await request(makeApp()).get('/apps');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      revision: 'abc123',
      items: [
        {
          id: 'apps/foo-app',
          name: 'foo-app',
          entityRefs: ['component:default/foo-app'],
          clusters: ['test'],
        },
        {
          id: 'apps/podinfo',
          name: 'podinfo',
          entityRefs: ['component:default/podinfo'],
          clusters: ['dev', 'test'],
        },
      ],
    });
  });

  it('names only the clusters fleet.cluster.read allows', async () => {
    const res = await request(
      makeApp({ deny: ['fleet.cluster.read:test'] }),
    ).get('/apps');
    expect(res.body.items.map((a: any) => [a.name, a.clusters])).toEqual([
      ['foo-app', []],
      ['podinfo', ['dev']],
    ]);
  });
});

describe.each(['/clusters/dev/overview', '/apps'])('GET %s', path => {
  it('answers 401 without credentials', async () => {
    const app = makeApp({ credentials: mockCredentials.none() });
    expect((await request(app).get(path)).status).toBe(401);
  });

  it('answers 403 without fleet.read', async () => {
    const app = makeApp({ deny: ['fleet.read'] });
    expect((await request(app).get(path)).status).toBe(403);
  });
});
