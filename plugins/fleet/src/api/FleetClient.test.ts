import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FleetClient } from './FleetClient';

const base = 'http://localhost:7007/api/fleet';
const server = setupServer();
registerMswTestHooks(server);

function client() {
  return new FleetClient({
    discoveryApi: { getBaseUrl: async () => base },
    fetchApi: new MockFetchApi({ injectIdentityAuth: { token: 'user-token' } }),
  });
}

describe('FleetClient', () => {
  it('sends the user token and returns the status body', async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${base}/status`, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ revision: 'abc', clusters: 3 });
      }),
    );
    await expect(client().getStatus()).resolves.toMatchObject({
      revision: 'abc',
      clusters: 3,
    });
    expect(auth).toBe('Bearer user-token');
  });

  it('unwraps the items of list routes', async () => {
    server.use(
      http.get(`${base}/clusters`, () =>
        HttpResponse.json({ items: [{ name: 'dev' }] }),
      ),
      http.get(`${base}/units`, () =>
        HttpResponse.json({ items: [{ id: 'apps/podinfo' }] }),
      ),
      http.get(`${base}/problems`, ({ request }) => {
        const url = new URL(request.url);
        return HttpResponse.json({
          items: [{ cluster: url.searchParams.get('cluster') }],
        });
      }),
    );
    await expect(client().getClusters()).resolves.toEqual([{ name: 'dev' }]);
    await expect(client().getUnits()).resolves.toEqual([
      { id: 'apps/podinfo' },
    ]);
    await expect(client().getProblems({ cluster: 'prod' })).resolves.toEqual([
      { cluster: 'prod' },
    ]);
  });

  it('encodes path and query parameters', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${base}/clusters/:name`, ({ params }) => {
        seen.push(`cluster=${params.name}`);
        return HttpResponse.json({ name: params.name, items: [] });
      }),
      http.get(`${base}/deployments`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({
          entityRef: 'component:default/podinfo',
          clusters: [],
        });
      }),
      http.get(`${base}/diff`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ from: 'dev', to: 'prod', entries: [] });
      }),
      http.get(`${base}/objects/body`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ yaml: 'kind: Namespace' });
      }),
    );
    const c = client();
    await c.getCluster('prod eu');
    await c.getDeployments('component:default/podinfo');
    // another client: this one would share its answer for the same entity
    await client().getDeployments('component:default/podinfo', {
      app: 'podinfo',
    });
    await c.getAppDeployments('apps/foo-app');
    await c.getDiff({
      from: 'dev',
      to: 'prod',
      entityRef: 'component:default/podinfo',
    });
    await c.getObjectBody({
      cluster: 'dev',
      apiVersion: 'v1',
      kind: 'Namespace',
      namespace: null,
      name: 'foo',
    });
    expect(seen).toEqual([
      'cluster=prod eu',
      '?entityRef=component%3Adefault%2Fpodinfo',
      '?entityRef=component%3Adefault%2Fpodinfo&app=podinfo',
      '?entityRef=component%3Adefault%2Ffoo-app&app=apps%2Ffoo-app',
      '?from=dev&to=prod&entityRef=component%3Adefault%2Fpodinfo',
      '?cluster=dev&apiVersion=v1&kind=Namespace&namespace=&name=foo',
    ]);
  });

  it('asks for one cluster column and the app list, not the overview', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${base}/clusters/:name/overview`, ({ params }) => {
        seen.push(`overview of ${params.name}`);
        return HttpResponse.json({
          clusters: [{ name: params.name }],
          rows: [],
        });
      }),
      http.get(`${base}/apps`, () => {
        seen.push('apps');
        return HttpResponse.json({
          revision: 'abc',
          items: [{ id: 'apps/podinfo', name: 'podinfo', clusters: ['dev'] }],
        });
      }),
      http.get(`${base}/overview`, () => {
        seen.push('the whole overview');
        return HttpResponse.json({});
      }),
    );
    await expect(client().getClusterOverview('prod eu')).resolves.toEqual({
      clusters: [{ name: 'prod eu' }],
      rows: [],
    });
    await expect(client().getApps()).resolves.toEqual([
      { id: 'apps/podinfo', name: 'podinfo', clusters: ['dev'] },
    ]);
    expect(seen).toEqual(['overview of prod eu', 'apps']);
  });

  it('posts the promotion request as JSON', async () => {
    let body: unknown;
    server.use(
      http.post(`${base}/promotions/preview`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ strategy: 'reference', files: [] });
      }),
      http.post(`${base}/refresh`, () =>
        HttpResponse.json({ phase: 'reading' }),
      ),
    );
    await expect(
      client().previewPromotion({ app: 'foo-app', to: ['prod'] }),
    ).resolves.toMatchObject({
      strategy: 'reference',
    });
    expect(body).toEqual({ app: 'foo-app', to: ['prod'] });
    await expect(client().refresh()).resolves.toEqual({ phase: 'reading' });
  });

  it('rejects with the backend error', async () => {
    server.use(
      http.get(`${base}/overview`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'no model yet' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client()
      .getOverview()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.message).toBe('no model yet');
  });
});
