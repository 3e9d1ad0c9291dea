import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { FleetMatrix } from '@flux-fleet/backstage-plugin-fleet-common';
import { DefaultFleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import express from 'express';
import request from 'supertest';
import { createRouter } from './createRouter';

const matrix: FleetMatrix = {
  revision: 'abc123',
  clusters: [
    { name: 'dev', path: 'clusters/dev' },
    { name: 'test', path: 'clusters/test' },
  ],
  objects: [
    {
      cluster: 'test',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'foo',
      name: 'foo-app',
      unit: 'apps/foo-app',
      fluxKustomization: 'flux-system/apps',
      source: { file: 'apps/foo-app/base/deployment.yaml', line: 1 },
      via: [{ file: 'clusters/test/apps/kustomization.yaml', line: 6 }],
      images: ['ghcr.io/example/foo-app:1.0.0'],
      replicas: 1,
    },
  ],
  units: [],
  problems: [
    { severity: 'warning', rule: 'unreferenced-definition', cluster: null, file: 'apps/old', line: null, message: 'apps/old is not referenced by any cluster' },
    { severity: 'error', rule: 'missing-path', cluster: 'dev', file: 'clusters/dev/apps/kustomization.yaml', line: 5, message: 'missing' },
  ],
};

async function makeApp(allow = true) {
  const fleet = new DefaultFleetService({ read: async () => matrix, logger: mockServices.logger.mock() });
  const permissions = mockServices.permissions.mock({
    authorize: async () => [{ result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }],
  });
  const router = await createRouter({ fleet, httpAuth: mockServices.httpAuth(), permissions });
  return express().use(router).use(mockErrorHandler());
}

describe('createRouter', () => {
  it('reports status with problem counts by severity', async () => {
    const res = await request(await makeApp()).get('/status');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      revision: 'abc123',
      clusters: 2,
      objects: 1,
      problems: { error: 1, warning: 1 },
      lastError: null,
    });
  });

  it('lists clusters with their object and problem counts', async () => {
    const res = await request(await makeApp()).get('/clusters');
    expect(res.body.items).toEqual([
      { name: 'dev', path: 'clusters/dev', objects: 0, problems: 1 },
      { name: 'test', path: 'clusters/test', objects: 1, problems: 0 },
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
    expect(ok.body.items.map((p: { rule: string }) => p.rule)).toEqual(['missing-path']);
    const bad = await request(app).get('/problems?severity=fatal');
    expect(bad.status).toBe(400);
  });

  it('refuses callers without the fleet.read permission', async () => {
    const res = await request(await makeApp(false)).get('/matrix');
    expect(res.status).toBe(403);
  });
});
