import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { FLEET_REFRESH_TASK_ID, fleetServiceRef } from './fleetServiceRef';
import type { FleetService } from './types';
import { planPromotion } from '../promotion';

const exampleFleet = path.resolve(__dirname, '../../../../examples/fleet');

describe('fleetServiceRef', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-ref-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('gives every plugin one service, schedules one refresh task, and copies the embedded fleet into a git repository', async () => {
    const seen: Record<string, FleetService> = {};
    const consumer = (pluginId: string) =>
      createBackendPlugin({
        pluginId,
        register(env) {
          env.registerInit({
            deps: { fleet: fleetServiceRef },
            async init({ fleet }) {
              seen[pluginId] = fleet;
            },
          });
        },
      });
    const scheduler = mockServices.scheduler.mock();
    const backend = await startTestBackend({
      features: [
        consumer('fleet'),
        consumer('catalog'),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            fleet: {
              source: { path: exampleFleet, embedded: true },
              dataDir: dir,
              refresh: { frequency: { seconds: 30 }, timeout: { minutes: 1 } },
            },
          },
        }),
      ],
    });
    try {
      expect(seen.fleet).toBeDefined();
      expect(seen.catalog).toBe(seen.fleet);
      expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: FLEET_REFRESH_TASK_ID,
          frequency: { seconds: 30 },
          timeout: { minutes: 1 },
        }),
      );

      const repo = path.join(dir, 'fleet.git');
      expect(seen.fleet.getLocalRepository?.()).toEqual({
        path: repo,
        branch: 'main',
      });
      const head = execFileSync('git', ['rev-parse', 'main'], { cwd: repo })
        .toString()
        .trim();
      const state = await seen.fleet.getState();
      expect(state.revision).toBe(head);
      expect(state.matrix.clusters.map(c => c.name)).toEqual([
        'dev',
        'prod',
        'test',
      ]);
      expect(seen.fleet.getStatus().source).toBe(`git:${repo}@main`);
    } finally {
      await backend.stop();
    }
  }, 120_000);

  it('resolves the clusters of fleet.clusters on the worker, next to the ones it discovers', async () => {
    let fleet: FleetService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'fleet',
          register(env) {
            env.registerInit({
              deps: { service: fleetServiceRef },
              async init({ service }) {
                fleet = service;
              },
            });
          },
        }),
        mockServices.scheduler.mock().factory,
        mockServices.rootConfig.factory({
          data: {
            fleet: {
              // a plain directory: read as it is, no embedded copy
              source: { path: exampleFleet },
              clusters: [
                {
                  name: 'edge',
                  path: 'clusters/prod',
                  variables: { region: 'eu' },
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      const state = await fleet!.getState();
      expect(state.matrix.clusters).toEqual(
        expect.arrayContaining([{ name: 'edge', path: 'clusters/prod' }]),
      );
      // the planner resolves the planned snapshot as the service does: a
      // cluster named only in configuration is a promotion target
      const snapshot = await fleet!.getSnapshot();
      const scope = fleet!.getResolveOptions?.();
      expect(scope?.clusters?.map(c => c.name)).toEqual(['edge']);
      const plan = planPromotion(
        snapshot,
        { app: 'foo-app', to: ['edge'] },
        { model: state.model, scope },
      );
      expect(plan.files.map(f => f.path)).toEqual([
        'clusters/prod/apps/kustomization.yaml',
        'clusters/prod/infra/kustomization.yaml',
      ]);
      // the declared name takes the entry path: discovery does not add prod again
      expect(state.matrix.clusters.map(c => c.name).sort()).toEqual([
        'dev',
        'edge',
        'test',
      ]);
      // and the cluster gets what that path brings (prod runs podinfo with 3 replicas)
      expect(
        state.matrix.objects.find(
          o =>
            o.cluster === 'edge' &&
            o.kind === 'Deployment' &&
            o.name === 'podinfo',
        ),
      ).toMatchObject({ replicas: 3, unit: 'apps/podinfo' });
    } finally {
      await backend.stop();
    }
  }, 120_000);
});
