import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouter } from './createRouter';

async function makeApp(allow = true) {
  const fleet = smallFleetService(mockServices.logger.mock());
  const permissions = mockServices.permissions.mock({
    authorize: async () => [
      { result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
    ],
  });
  const router = await createRouter({
    fleet,
    httpAuth: mockServices.httpAuth(),
    permissions,
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
      objects: 7,
      problems: { error: 1, warning: 1 },
      lastError: null,
    });
  });

  it('lists clusters with their object and problem counts', async () => {
    const res = await request(await makeApp()).get('/clusters');
    expect(res.body.items).toEqual([
      { name: 'dev', path: 'clusters/dev', objects: 2, problems: 1 },
      { name: 'test', path: 'clusters/test', objects: 5, problems: 0 },
    ]);
  });

  it('answers 404 for an unknown cluster', async () => {
    const res = await request(await makeApp()).get('/clusters/staging');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No cluster named "staging"/);
  });

  it('filters problems by severity and rejects an unknown severity', async () => {
    const app = await makeApp();
    const ok = await request(app).get('/problems?severity=error');
    expect(ok.body.items.map((p: { rule: string }) => p.rule)).toEqual([
      'missing-path',
    ]);
    const bad = await request(app).get('/problems?severity=fatal');
    expect(bad.status).toBe(400);
  });

  it('refuses callers without the fleet.read permission', async () => {
    const res = await request(await makeApp(false)).get('/matrix');
    expect(res.status).toBe(403);
  });
});
