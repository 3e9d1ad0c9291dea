import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import request from 'supertest';
import catalogBackend from '@backstage/plugin-catalog-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import { fleetFeatures } from './fleetFeatures';

const fleetPath = resolve(__dirname, '../../../examples/fleet');

// Starts the features index.ts installs, with the real catalog and
// scaffolder, and asks each for the routes and actions the Fleet adds: a
// feature left out of fleetFeatures (or failing to start) fails here.
describe('the Fleet features of the backend', () => {
  jest.setTimeout(120_000);

  it('serves the fleet API, ingests the clusters and registers the promotion actions', async () => {
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        scaffolderBackend,
        ...fleetFeatures,
        mockServices.rootConfig.factory({
          data: {
            fleet: { source: { path: fleetPath } },
            catalog: { processingInterval: { seconds: 1 } },
          },
        }),
      ],
    });
    const { server } = backend;
    try {
      await request(server).get('/api/fleet/health').expect(200);
      const status = await request(server).get('/api/fleet/status').expect(200);
      expect(status.body.clusters).toBe(3);

      const actions = await request(server)
        .get('/api/scaffolder/v2/actions')
        .expect(200);
      const ids = actions.body.map((a: { id: string }) => a.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'fleet:app:clusters',
          'fleet:promote',
          'fleet:publish:local',
        ]),
      );

      // the catalog module's provider applies the model it is announced
      let prod = 0;
      for (let i = 0; i < 60 && prod !== 200; i++) {
        prod = (
          await request(server).get(
            '/api/catalog/entities/by-name/resource/default/prod',
          )
        ).status;
        if (prod !== 200) await new Promise(r => setTimeout(r, 500));
      }
      expect(prod).toBe(200);
    } finally {
      await backend.stop();
    }
  });
});
