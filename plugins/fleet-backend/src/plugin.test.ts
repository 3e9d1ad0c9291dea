import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import request from 'supertest';
import { fleetPlugin } from './plugin';

const exampleFleet = resolve(__dirname, '../../../examples/fleet');

describe('fleetPlugin', () => {
  it('serves the example fleet through the real engine', async () => {
    const { server } = await startTestBackend({
      features: [
        fleetPlugin,
        mockServices.rootConfig.factory({
          data: { fleet: { source: { path: exampleFleet } } },
        }),
      ],
    });
    const health = await request(server).get('/api/fleet/health');
    expect(health.status).toBe(200);

    const clusters = await request(server).get('/api/fleet/clusters');
    expect(clusters.status).toBe(200);
    expect(clusters.body.items.map((c: { name: string }) => c.name)).toEqual([
      'dev',
      'prod',
      'test',
    ]);

    const status = await request(server).get('/api/fleet/status');
    expect(status.body.problems.error).toBe(0);
    // the first read copies the example into a git repository and resolves it
  }, 60_000);
});
