import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { DefaultFleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouter } from './createRouter';
import { denyingPermissions } from './__testUtils__/denyingPermissions';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'podinfo',
      annotations: { 'flux-fleet.io/app': 'podinfo' },
    },
    spec: { type: 'service', owner: 'team-x', lifecycle: 'production' },
  },
];

async function makeApp(
  options: {
    deny?: string[];
    credentials?: ReturnType<typeof mockCredentials.none>;
  } = {},
) {
  const fleet = smallFleetService(mockServices.logger.mock());
  const permissions = denyingPermissions(options.deny);
  const router = await createRouter({
    fleet,
    httpAuth: mockServices.httpAuth({
      defaultCredentials: options.credentials,
    }),
    permissions,
    catalog: catalogServiceMock({ entities }),
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
  });
  return express().use(router).use(mockErrorHandler());
}

describe('createRouter', () => {
  it('reports status with problem counts by severity', async () => {
    const res = await request(await makeApp()).get('/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      revision: 'abc123',
      clusters: 2,
      objects: 11,
      staleObjects: 0,
      phase: 'idle',
      problems: { error: 1, warning: 1 },
      lastError: null,
      repositoryUrl: 'https://github.com/org/fleet/tree/main',
    });
  });

  it('reports the error of a failed refresh while the last model is kept', async () => {
    const good = smallFleetService(mockServices.logger.mock());
    const first = await good.getState();
    let fail = false;
    const fleet = new DefaultFleetService({
      read: async () => {
        if (fail) throw new Error('the source vanished');
        return { model: first.model, snapshot: await good.getSnapshot() };
      },
      logger: mockServices.logger.mock(),
    });
    const router = await createRouter({
      fleet,
      httpAuth: mockServices.httpAuth(),
      permissions: denyingPermissions(), // allows everything
    });
    const app = express().use(router).use(mockErrorHandler());
    expect((await request(app).get('/status')).body.lastError).toBeNull();
    fail = true;
    await fleet.refresh();
    const res = await request(app).get('/status');
    expect(res.body).toMatchObject({
      revision: 'abc123',
      objects: 11,
      lastError: { message: expect.stringContaining('the source vanished') },
    });
  });

  it("carries the catalog removal guard's refusal recorded on the fleet service", async () => {
    const fleet = smallFleetService(mockServices.logger.mock());
    const router = await createRouter({
      fleet,
      httpAuth: mockServices.httpAuth(),
      permissions: denyingPermissions(), // allows everything
    });
    const app = express().use(router).use(mockErrorHandler());
    expect((await request(app).get('/status')).body.catalogGuard).toBeNull();
    const refusal = {
      provider: 'fleet-provider:default',
      revision: 'abc123',
      reason:
        'the model at abc123 would remove 14 of 17 entities, more than fleet.catalog.maxRemovalShare (0.5)',
      at: '2026-12-01T11:00:00.000Z',
    };
    fleet.setCatalogGuard(refusal);
    expect((await request(app).get('/status')).body.catalogGuard).toEqual(
      refusal,
    );
    fleet.setCatalogGuard(null);
    expect((await request(app).get('/status')).body.catalogGuard).toBeNull();
  });

  it('lists clusters with their counts and directory links', async () => {
    const res = await request(await makeApp()).get('/clusters');
    expect(res.body.items).toEqual([
      {
        name: 'dev',
        path: 'clusters/dev',
        objects: 2,
        problems: 1,
        url: 'https://github.com/org/fleet/tree/main/clusters/dev',
      },
      {
        name: 'test',
        path: 'clusters/test',
        objects: 9,
        problems: 0,
        url: 'https://github.com/org/fleet/tree/main/clusters/test',
      },
    ]);
  });

  it('answers 404 for an unknown cluster and serves a known one with its objects', async () => {
    const app = await makeApp();
    const res = await request(app).get('/clusters/staging');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No cluster named "staging"/);
    const dev = await request(app).get('/clusters/dev');
    expect(dev.body.items.map((o: any) => `${o.kind}/${o.name}`)).toEqual([
      'Namespace/team-x',
      'Deployment/podinfo',
    ]);
    expect(dev.body.problemItems.map((p: any) => p.rule)).toEqual([
      'missing-path',
    ]);
  });

  it('gives the deployments of an entity per cluster with the line that lists it', async () => {
    const res = await request(await makeApp()).get(
      '/deployments?entityRef=component:default/podinfo',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      app: 'podinfo',
      unit: 'apps/podinfo',
      revision: 'abc123',
    });
    expect(
      res.body.clusters.map((c: any) => [
        c.cluster,
        c.replicas,
        c.listedAt,
        c.namespace,
      ]),
    ).toEqual([
      [
        'dev',
        1,
        { file: 'clusters/dev/kustomization.yaml', line: 5 },
        'team-x',
      ],
      [
        'test',
        2,
        { file: 'clusters/test/kustomization.yaml', line: 6 },
        'team-x',
      ],
    ]);
    expect(res.body.clusters[0].listedAtUrl).toBe(
      'https://github.com/org/fleet/tree/main/clusters/dev/kustomization.yaml#L5',
    );
  });

  it('rejects a missing entityRef and answers 404 for an entity the catalog lacks', async () => {
    const app = await makeApp();
    expect((await request(app).get('/deployments')).status).toBe(400);
    expect(
      (await request(app).get('/deployments?entityRef=component:default/nope'))
        .status,
    ).toBe(404);
    // an explicit app needs no catalog entity
    const foo = await request(app).get(
      '/deployments?entityRef=component:default/nope&app=foo-app',
    );
    expect(foo.body.clusters.map((c: any) => c.present)).toEqual([false, true]);
  });

  it('serves object bodies with Secret values redacted', async () => {
    const app = await makeApp();
    const res = await request(app).get(
      '/objects/body?cluster=test&apiVersion=v1&kind=Secret&namespace=foo&name=foo-credentials',
    );
    expect(res.status).toBe(200);
    expect(res.body.body.stringData).toEqual({ password: '<redacted>' });
    expect(res.body.yaml).toContain('<redacted>');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    const list = await request(app).get(
      '/objects?cluster=test&unit=apps/foo-app',
    );
    expect(list.body.items.map((o: any) => o.kind).sort()).toEqual([
      'Deployment',
      'Secret',
    ]);
    expect(JSON.stringify(list.body)).not.toContain('hunter2');
    const missing = await request(app).get(
      '/objects/body?cluster=test&apiVersion=v1&kind=Secret&name=x',
    );
    expect(missing.status).toBe(404);
    expect((await request(app).get('/objects')).status).toBe(400);
  });

  it('diffs two clusters, for everything or one unit, without Secret values', async () => {
    const app = await makeApp();
    const all = await request(app).get('/diff?from=test&to=dev');
    expect(all.status).toBe(200);
    expect(all.body.onlyInFrom).toEqual([
      'apps/foo-app',
      'infrastructure/controllers/redis',
    ]);
    expect(JSON.stringify(all.body)).not.toContain('hunter2');
    const podinfo = await request(app).get(
      '/diff?from=dev&to=test&entityRef=component:default/podinfo',
    );
    expect(podinfo.body.unit).toBe('apps/podinfo');
    expect(podinfo.body.entries.map((e: any) => [e.change, e.name])).toEqual([
      ['changed', 'podinfo'],
    ]);
    expect(podinfo.body.entries[0].toYaml).toContain('replicas: 2');
    expect((await request(app).get('/diff?from=dev&to=staging')).status).toBe(
      404,
    );
  });

  it('filters problems by cluster, severity and entity, and rejects an unknown severity', async () => {
    const app = await makeApp();
    const ok = await request(app).get('/problems?severity=error');
    expect(ok.body.items.map((p: { rule: string }) => p.rule)).toEqual([
      'missing-path',
    ]);
    const podinfo = await request(app).get(
      '/problems?entityRef=component:default/podinfo',
    );
    expect(podinfo.body.items.map((p: { rule: string }) => p.rule)).toEqual([
      'missing-path',
    ]);
    const bad = await request(app).get('/problems?severity=fatal');
    expect(bad.status).toBe(400);
  });

  it('serves the matrix once per model and answers 304 to a client that has it', async () => {
    const app = await makeApp();
    const first = await request(app).get('/matrix');
    expect(first.status).toBe(200);
    expect(first.body.objects).toHaveLength(11);
    const again = await request(app)
      .get('/matrix')
      .set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('serves what runs where by unit', async () => {
    const res = await request(await makeApp()).get('/overview');
    const podinfo = res.body.rows.find((r: any) => r.id === 'apps/podinfo');
    expect(podinfo.clusters.test).toMatchObject({
      entry: 'apps/podinfo/overlays/test',
      replicas: 2,
    });
  });

  it('leaves the clusters fleet.cluster.read denies out of every answer, and answers 403 for a route naming one', async () => {
    const app = await makeApp({ deny: ['fleet.cluster.read:test'] });
    const clusters = await request(app).get('/clusters');
    expect(clusters.body.items.map((c: any) => c.name)).toEqual(['dev']);
    const matrix = await request(app).get('/matrix');
    expect(matrix.body.clusters.map((c: any) => c.name)).toEqual(['dev']);
    expect(new Set(matrix.body.objects.map((o: any) => o.cluster))).toEqual(
      new Set(['dev']),
    );
    const overview = await request(app).get('/overview');
    expect(JSON.stringify(overview.body.rows)).not.toContain('"test"');
    const deployments = await request(app).get(
      '/deployments?entityRef=component:default/podinfo',
    );
    expect(deployments.body.clusters.map((c: any) => c.cluster)).toEqual([
      'dev',
    ]);
    expect((await request(app).get('/status')).body.objects).toBe(2);
    for (const path of [
      '/clusters/test',
      '/objects?cluster=test',
      '/diff?from=dev&to=test',
      '/objects/body?cluster=test&apiVersion=v1&kind=Namespace&name=foo',
    ]) {
      const res = await request(app).get(path);
      expect([path, res.status]).toEqual([path, 403]);
    }
    // a caller who may read both still sees both: answers are per cluster set
    const full = await request(await makeApp()).get('/clusters');
    expect(full.body.items).toHaveLength(2);
    expect(full.headers.etag).not.toBe(clusters.headers.etag);
  });

  it('refreshes under the fleet.refresh permission only', async () => {
    expect(
      (await request(await makeApp()).post('/refresh')).body.revision,
    ).toBe('abc123');
    const denied = await makeApp({ deny: ['fleet.refresh'] });
    expect((await request(denied).post('/refresh')).status).toBe(403);
    expect((await request(denied).get('/status')).status).toBe(200);
  });
});

describe('every route', () => {
  const routes: [string, string, string][] = [
    ['get', '/status', 'fleet.read'],
    ['get', '/matrix', 'fleet.read'],
    ['get', '/clusters', 'fleet.read'],
    ['get', '/clusters/dev', 'fleet.read'],
    ['get', '/units', 'fleet.read'],
    ['get', '/overview', 'fleet.read'],
    ['get', '/clusters/dev/overview', 'fleet.read'],
    ['get', '/apps', 'fleet.read'],
    ['get', '/deployments?entityRef=component:default/podinfo', 'fleet.read'],
    [
      'get',
      '/objects/body?cluster=dev&apiVersion=v1&kind=Namespace&name=team-x',
      'fleet.read',
    ],
    ['get', '/objects?cluster=dev', 'fleet.read'],
    ['get', '/diff?from=dev&to=test', 'fleet.read'],
    ['get', '/problems', 'fleet.read'],
    ['get', '/helmreleases?cluster=test&name=redis', 'fleet.read'],
    ['post', '/refresh', 'fleet.refresh'],
    ['post', '/promotions/preview', 'fleet.promotion.create'],
  ];
  // POST bodies the routes accept
  const bodies: Record<string, object> = {
    '/promotions/preview': { app: 'foo-app', to: ['dev'] },
  };
  const send = (app: express.Express, method: string, path: string) =>
    (request(app) as any)[method](path).send(bodies[path]);

  it.each(routes)(
    '%s %s answers 200 with credentials and the permission',
    async (method, path) => {
      const res = await send(await makeApp(), method, path);
      expect(res.status).toBe(200);
    },
  );

  it.each(routes)(
    '%s %s answers 401 without credentials',
    async (method, path) => {
      const app = await makeApp({ credentials: mockCredentials.none() });
      expect((await send(app, method, path)).status).toBe(401);
    },
  );

  it.each(routes)(
    '%s %s answers 403 without %s',
    async (method, path, permission) => {
      const app = await makeApp({ deny: [permission] });
      expect((await send(app, method, path)).status).toBe(403);
    },
  );

  it('lists every route the router serves', async () => {
    const router: any = await createRouter({
      fleet: smallFleetService(mockServices.logger.mock()),
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions.mock(),
    });
    // routes of the router and of the routers it mounts (promotions)
    const routesOf = (stack: any[]): string[] =>
      stack.flatMap((layer: any) => {
        if (layer.route) {
          return Object.keys(layer.route.methods).map(
            m => `${m} ${layer.route.path}`,
          );
        }
        return Array.isArray(layer.handle?.stack)
          ? routesOf(layer.handle.stack)
          : [];
      });
    const served = routesOf(router.stack)
      .filter((r: string) => r !== 'get /health')
      .sort();
    const listed = routes
      .map(
        ([m, path]) =>
          `${m} ${path
            .split('?')[0]
            .replace('/clusters/dev', '/clusters/:name')}`,
      )
      .sort();
    expect(listed).toEqual(served);
  });

  it('leaves /health open', async () => {
    const app = await makeApp({ credentials: mockCredentials.none() });
    expect((await request(app).get('/health')).body).toEqual({ status: 'ok' });
  });
});
