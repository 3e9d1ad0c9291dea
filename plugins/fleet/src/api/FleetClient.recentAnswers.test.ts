import { MockFetchApi, registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { FleetClient } from './FleetClient';
import { settledAnswer } from './RecentAnswers';

const base = 'http://localhost:7007/api/fleet';
const server = setupServer();
registerMswTestHooks(server);

const podinfo = 'component:default/podinfo';

function client(recentAnswersTtlMs?: number) {
  return new FleetClient({
    discoveryApi: { getBaseUrl: async () => base },
    fetchApi: new MockFetchApi(),
    recentAnswersTtlMs,
  });
}

/** Answers /deployments, recording each request's query string. */
function deploymentsRoute(status = 200) {
  const seen: string[] = [];
  server.use(
    http.get(`${base}/deployments`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url.search);
      if (status !== 200) {
        return HttpResponse.json(
          { error: { name: 'Error', message: 'down' } },
          { status },
        );
      }
      return HttpResponse.json({
        entityRef: url.searchParams.get('entityRef'),
        app: url.searchParams.get('app'),
        clusters: [],
      });
    }),
  );
  return seen;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('FleetClient recent answers of getDeployments', () => {
  it('makes one request for two calls within the TTL, and another after it', async () => {
    const seen = deploymentsRoute();
    const c = client(200);
    const first = c.getDeployments(podinfo);
    const second = c.getDeployments(podinfo);
    expect(second).toBe(first);
    await first;
    await expect(c.getDeployments(podinfo)).resolves.toMatchObject({
      entityRef: podinfo,
    });
    expect(seen).toHaveLength(1);
    await sleep(250);
    await c.getDeployments(podinfo);
    expect(seen).toHaveLength(2);
  });

  it("gives the card's call (with the app) the prefetch's answer (entity ref only)", async () => {
    const seen = deploymentsRoute();
    const c = client();
    const prefetch = c.getDeployments(podinfo);
    const card = c.getDeployments(podinfo, { app: 'podinfo' });
    expect(card).toBe(prefetch);
    await card;
    expect(seen).toEqual(['?entityRef=component%3Adefault%2Fpodinfo']);
  });

  it('asks with the app when nothing was prefetched, and keeps that answer too', async () => {
    const seen = deploymentsRoute();
    const c = client();
    await c.getDeployments(podinfo, { app: 'podinfo' });
    await c.getDeployments(podinfo, { app: 'podinfo' });
    expect(seen).toEqual([
      '?entityRef=component%3Adefault%2Fpodinfo&app=podinfo',
    ]);
  });

  it('keeps no failure: the next call asks again', async () => {
    const seen = deploymentsRoute(500);
    const c = client();
    await expect(c.getDeployments(podinfo)).rejects.toBeInstanceOf(
      ResponseError,
    );
    await expect(c.getDeployments(podinfo)).rejects.toBeInstanceOf(
      ResponseError,
    );
    expect(seen).toHaveLength(2);
  });

  it('keeps separate answers per entity, and none across a refresh', async () => {
    const seen = deploymentsRoute();
    server.use(http.post(`${base}/refresh`, () => HttpResponse.json({})));
    const c = client();
    await c.getDeployments(podinfo);
    await c.getDeployments('component:default/foo-app');
    expect(seen).toHaveLength(2);
    await c.refresh();
    await c.getDeployments(podinfo);
    expect(seen).toHaveLength(3);
  });

  it('does not answer an app query with a component of the same name', async () => {
    const seen = deploymentsRoute();
    const c = client();
    await c.getDeployments('component:default/kyverno');
    await expect(
      c.getAppDeployments('infrastructure/policies/kyverno'),
    ).resolves.toMatchObject({ app: 'infrastructure/policies/kyverno' });
    expect(seen).toHaveLength(2);
  });

  it('remembers the settled answer next to its promise', async () => {
    deploymentsRoute();
    const request = client().getDeployments(podinfo);
    expect(settledAnswer(request)).toBeUndefined();
    await request;
    expect(settledAnswer(request)).toEqual({
      ok: true,
      value: { entityRef: podinfo, app: null, clusters: [] },
    });
  });
});
