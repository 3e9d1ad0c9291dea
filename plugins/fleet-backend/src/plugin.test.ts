import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import os from 'node:os';
import path, { resolve } from 'node:path';
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

  it("links the overview's rows to the catalog's components: by annotation, and by the kubernetes-id label", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-links-'));
    const component = (name: string, annotations: Record<string, string>) =>
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, annotations },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-x' },
      });
    const catalogFile = path.join(dir, 'components.yaml');
    fs.writeFileSync(
      catalogFile,
      [
        // the annotation names the app: any layout selectApp knows
        component('podinfo-service', { 'flux-fleet.io/app': 'podinfo' }),
        // no annotation: its name matches the backstage.io/kubernetes-id label
        component('policy-reporter', {}),
        // no annotation: its kubernetes-id matches the label on no workload
        component('unrelated', { 'backstage.io/kubernetes-id': 'nothing' }),
      ].join('\n---\n'),
    );
    const { server } = await startTestBackend({
      features: [
        fleetPlugin,
        catalogBackend,
        mockServices.rootConfig.factory({
          data: {
            fleet: { source: { path: exampleFleet } },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [{ type: 'file', target: catalogFile }],
            },
          },
        }),
      ],
    });
    // the catalog ingests the file in the background; the plugin reads the
    // components again at most every 30 s, so wait for the first read that
    // sees them (a new component shows up within that time)
    let rows: { id: string; entityRefs: string[] }[] = [];
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const res = await request(server).get('/api/fleet/overview');
      rows = res.body.rows;
      if (rows.some(r => r.entityRefs.length > 0)) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    const linked = Object.fromEntries(
      rows.filter(r => r.entityRefs.length > 0).map(r => [r.id, r.entityRefs]),
    );
    expect(linked).toEqual({
      'apps/podinfo': ['component:default/podinfo-service'],
      'apps/common/policy-reporter': ['component:default/policy-reporter'],
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
