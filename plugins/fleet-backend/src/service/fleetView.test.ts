import { mockServices } from '@backstage/backend-test-utils';
import type { FleetState } from '@flux-fleet/backstage-plugin-fleet-node';
import { smallFleetService } from './__fixtures__/smallFleet';
import { VIEW_SLICE, prepareView, viewOf } from './fleetView';

/** A state of `count` ConfigMaps on one cluster, shaped as the service hands it over. */
function largeState(count: number): FleetState {
  const rows = Array.from({ length: count }, (_, n) => ({
    cluster: 'dev',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    namespace: 'team-x',
    name: `cm-${n}`,
    unit: null,
    fluxKustomization: 'flux-system/apps',
    source: { file: 'apps/cm.yaml', line: n + 1 },
  }));
  const objects = rows.map(r => ({
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: r.name, namespace: 'team-x' },
      data: { n: String(r.source.line) },
    },
  }));
  const matrix = {
    revision: 'r1',
    clusters: [{ name: 'dev', path: 'clusters/dev' }],
    objects: rows,
    units: [],
    problems: [],
  };
  return {
    model: { revision: 'r1', objects },
    matrix,
    revision: 'r1',
    refreshedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 1,
  } as unknown as FleetState;
}

describe('fleetView', () => {
  it("serves the state's own matrix, with the facts the service derived, and the bodies Secret values redacted", async () => {
    const state = await smallFleetService(
      mockServices.logger.mock(),
    ).getState();
    await prepareView(state);
    const view = viewOf(state);
    // no copy of the matrix per model: the service's already carries the facts
    expect(view.matrix).toBe(state.matrix);
    const secret = view.find('test', 'v1/Secret/foo/foo-credentials')!;
    expect(secret).toBe(
      state.matrix.objects.find(o => o.name === 'foo-credentials'),
    );
    const body = view.bodyOf(secret);
    expect(body.body).toMatchObject({ kind: 'Secret' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(view.rawBodyOf(secret)).toMatchObject({
      stringData: { password: 'hunter2' },
    });
  });

  it('prepares a large state in slices between which the event loop turns, and viewOf then finds it built', async () => {
    const size = 10_000;
    const state = largeState(size);
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await Promise.all([prepareView(state), prepareView(state)]);
    counting = false;
    // a turn of other work between every two slices
    expect(turns).toBeGreaterThanOrEqual(size / VIEW_SLICE - 1);
    const view = viewOf(state);
    expect(view.find('dev', 'v1/ConfigMap/team-x/cm-4321')?.name).toBe(
      'cm-4321',
    );
    expect(view.rawBodyOf(view.matrix.objects[9999])).toMatchObject({
      data: { n: '10000' },
    });
    expect(view.bodyOf(view.matrix.objects[7]).yaml).toContain('name: cm-7');
  });

  it('builds the view at once for a request that comes before the preparation, and the preparation then adds nothing', async () => {
    const state = largeState(3 * VIEW_SLICE);
    const preparing = prepareView(state);
    const view = viewOf(state);
    await preparing;
    expect(viewOf(state)).toBe(view);
    expect(view.find('dev', 'v1/ConfigMap/team-x/cm-1')?.name).toBe('cm-1');
  });

  it("scrubs the Secret values copied into other objects, reading only the Secrets' bodies", () => {
    const state = largeState(4);
    const rows = state.matrix.objects;
    const objects = state.model.objects as Array<{ object: unknown }>;
    rows[1] = { ...rows[1], kind: 'Secret' };
    objects[1].object = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cm-1', namespace: 'team-x' },
      stringData: { token: 'sw0rdfish-token' },
    };
    (objects[2].object as { data: object }).data = {
      url: 'https://u:sw0rdfish-token@example.com',
    };
    const read: number[] = [];
    state.model.objects.forEach((o, i) => {
      const body = o.object;
      Object.defineProperty(o, 'object', {
        get: () => {
          read.push(i);
          return body;
        },
      });
    });
    const view = viewOf(state);
    const scrub = view.scrubber();
    expect(view.scrubber()).toBe(scrub);
    expect(read).toEqual([1]);
    expect(JSON.stringify(scrub(view.bodyOf(rows[2])))).not.toContain(
      'sw0rdfish',
    );
    expect(scrub(view.bodyOf(rows[2])).body).toMatchObject({
      data: { url: 'https://u:<redacted>@example.com' },
    });
  });

  it('refuses a state whose matrix and model disagree', () => {
    const state = largeState(3);
    (state.model.objects as unknown[]).pop();
    expect(() => viewOf(state)).toThrow(/2 model objects for 3 matrix objects/);
  });
});
