import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { smallFleetService } from './__fixtures__/smallFleet';
import { createRouter } from './createRouter';

async function makeApp(deny: string[] = []) {
  const router = await createRouter({
    fleet: smallFleetService(mockServices.logger.mock()),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions.mock({
      authorize: async (requests: any[]) =>
        requests.map(({ permission, resourceRef }) => ({
          result: deny.includes(`${permission.name}:${resourceRef}`)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        })),
    }),
    repositoryUrl: 'https://github.com/org/fleet/tree/main',
  });
  return express().use(router).use(mockErrorHandler());
}

describe('GET /helmreleases', () => {
  it("serves a HelmRelease's effective values in helm-controller's order, chart version from its OCIRepository, post-renderers", async () => {
    const res = await request(await makeApp()).get(
      '/helmreleases?cluster=test&namespace=team-x&name=redis',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cluster: 'test',
      namespace: 'team-x',
      name: 'redis',
      source: {
        file: 'infrastructure/controllers/redis/release.yaml',
        line: 11,
      },
      sourceUrl:
        'https://github.com/org/fleet/tree/main/infrastructure/controllers/redis/release.yaml#L11',
      chart: 'redis',
      version: '>=20.0.0 <21.0.0',
      versionFrom: 'ocirepository-semver',
      // ConfigMap, then the Secret's file, then the Secret's key at its
      // targetPath, then the inline values on top
      values: {
        architecture: 'replication',
        auth: {
          enabled: '<redacted>',
          sentinelPassword: '<redacted>',
          password: '<redacted>',
        },
        replica: { replicaCount: 2 },
      },
      valuesFrom: [
        {
          kind: 'ConfigMap',
          name: 'redis-values',
          valuesKey: 'values.yaml',
          optional: false,
          status: 'found',
        },
        {
          kind: 'Secret',
          name: 'redis-auth',
          valuesKey: 'values.yaml',
          optional: false,
          status: 'found',
        },
        {
          kind: 'Secret',
          name: 'redis-auth',
          valuesKey: 'password',
          targetPath: 'auth.password',
          optional: false,
          status: 'found',
        },
      ],
      postRenderers: [
        {
          kustomize: {
            images: [{ name: 'docker.io/bitnami/redis', newTag: '7.4.2' }],
          },
        },
      ],
      rendered: false,
    });
  });

  it("never lets a Secret's values out, whatever the encoding", async () => {
    const app = await makeApp();
    for (const encoding of ['identity', 'gzip', 'br']) {
      const res = await request(app)
        .get('/helmreleases?cluster=test&name=redis')
        .set('Accept-Encoding', encoding);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(/s3cr3t/);
    }
    // nor does any other route that shows the Secret or the release
    for (const path of [
      '/objects?cluster=test',
      '/objects/body?cluster=test&apiVersion=v1&kind=Secret&namespace=team-x&name=redis-auth',
      '/diff?from=dev&to=test',
      '/matrix',
      '/clusters/test',
    ]) {
      const res = await request(app).get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).not.toMatch(/s3cr3t/);
    }
  });

  it('answers 404 for a release the cluster lacks, 400 without a name, 403 for a cluster the caller may not read', async () => {
    const app = await makeApp();
    const missing = await request(app).get(
      '/helmreleases?cluster=dev&name=redis',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(
      /No HelmRelease redis on cluster dev/,
    );
    expect((await request(app).get('/helmreleases?cluster=test')).status).toBe(
      400,
    );
    const denied = await makeApp(['fleet.cluster.read:test']);
    expect(
      (await request(denied).get('/helmreleases?cluster=test&name=redis'))
        .status,
    ).toBe(403);
  });
});
