import { resolve } from 'node:path';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DefaultFleetService,
  loadLocalSnapshot,
  resolveFleet,
} from '@flux-fleet/backstage-plugin-fleet-node';
import express from 'express';
import request from 'supertest';
import { createPromotionRoutes } from './promotionRoutes';

const EXAMPLE = resolve(__dirname, '../../../../examples/fleet');

// resolves the example fleet: slow on a loaded 2-core machine
jest.setTimeout(60_000);

function makeApp(denied: string[] = []) {
  const fleet = new DefaultFleetService({
    read: async () => {
      const snapshot = await loadLocalSnapshot(EXAMPLE);
      return { model: resolveFleet(snapshot), snapshot };
    },
    logger: mockServices.logger.mock(),
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result:
          'resourceRef' in r && denied.includes(String(r.resourceRef))
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  const router = createPromotionRoutes({
    fleet,
    httpAuth: mockServices.httpAuth(),
    permissions,
  });
  return { app: express().use(router).use(mockErrorHandler()), permissions };
}

describe('POST /promotions/preview', () => {
  it('previews foo-app from test to prod: two list edits, three objects, namespace foo carried', async () => {
    const { app, permissions } = makeApp();
    const res = await request(app)
      .post('/promotions/preview')
      .send({ app: 'foo-app', to: ['prod'] });
    expect(res.status).toBe(200);
    expect(res.body.strategy).toBe('reference');
    expect(res.body.files.map((f: { path: string }) => f.path)).toEqual([
      'clusters/prod/apps/kustomization.yaml',
      'clusters/prod/infra/kustomization.yaml',
    ]);
    expect(res.body.clusters).toEqual([
      expect.objectContaining({ cluster: 'prod', changed: [], removed: [] }),
    ]);
    expect(res.body.clusters[0].added).toHaveLength(3);
    expect(res.body.carried).toHaveLength(1);
    expect(res.body.diff).toContain('+  - ../../../apps/foo-app/base');
    expect(res.body.planned).toBeUndefined();
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'fleet.promotion.create',
          }),
          resourceRef: 'prod',
        },
      ],
      expect.anything(),
    );
  });

  it('is forbidden for a cluster the user may not promote to', async () => {
    const res = await request(makeApp(['prod']).app)
      .post('/promotions/preview')
      .send({ app: 'foo-app', to: ['dev', 'prod'] });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not promote to prod (permission fleet.promotion.create).',
    );
  });

  it('rejects a malformed request and an unknown app with 400', async () => {
    const { app } = makeApp();
    const bad = await request(app)
      .post('/promotions/preview')
      .send({ app: 'foo-app', to: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid promotion request: to:/);
    const unknown = await request(app)
      .post('/promotions/preview')
      .send({ app: 'nope', to: ['prod'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe(
      'The fleet has no app "nope" (no unit apps/nope).',
    );
  });

  it('rejects a promotion from a cluster that does not run the app', async () => {
    const res = await request(makeApp().app)
      .post('/promotions/preview')
      .send({ app: 'foo-app', to: ['prod'], strategy: 'overlay', from: 'dev' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'foo-app does not run on dev; promote from a cluster that runs it.',
    );
  });
});
