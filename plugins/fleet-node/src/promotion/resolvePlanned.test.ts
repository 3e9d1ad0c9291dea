import { resolve } from 'node:path';
import type { PromotionFileChange } from '@flux-fleet/backstage-plugin-fleet-common';
import {
  BuildCache,
  type FleetModel,
  loadLocalSnapshot,
  resolveFleet,
  type Snapshot,
} from '../engine';
import { resolvePlanned } from './resolvePlanned';

const EXAMPLE = resolve(__dirname, '../../../../examples/fleet');
const PROD_APPS = 'clusters/prod/apps/kustomization.yaml';

let base: Snapshot;
let model: FleetModel;
const cache = new BuildCache();
beforeAll(async () => {
  base = await loadLocalSnapshot(EXAMPLE, { readRevision: false });
  model = resolveFleet(base, { cache });
});

/** `base` with `files` written (null: deleted), and the matching changes. */
function edit(files: Record<string, string | null>) {
  const map = new Map(base.files);
  const changes: PromotionFileChange[] = [];
  for (const [path, after] of Object.entries(files)) {
    const before = base.files.get(path);
    if (after === null) {
      map.delete(path);
      changes.push({ path, action: 'delete', before });
    } else {
      map.set(path, after);
      changes.push({
        path,
        action: before === undefined ? 'create' : 'update',
        before,
        after,
      });
    }
  }
  return { planned: { ...base, files: map }, changes };
}

/** What a full resolve and the incremental one must agree on. */
const summary = (m: FleetModel) => ({
  clusters: m.clusters.map(c => [c.name, [...c.filesRead].sort()]),
  objects: m.objects.map(o => [
    o.cluster,
    o.unit,
    o.fluxKustomization,
    o.source,
    o.via,
    o.object,
  ]),
  units: m.units,
});
const problemKeys = (m: FleetModel) =>
  new Set(m.problems.map(p => JSON.stringify(p)));

// whole-fleet resolves on a loaded 2-core machine
jest.setTimeout(60_000);
describe('resolvePlanned', () => {
  it('rebuilds only the cluster whose list changed and agrees with a full resolve', () => {
    const { planned, changes } = edit({
      [PROD_APPS]: `${base.files.get(
        PROD_APPS,
      )}  - ../../../apps/foo-app/base\n`,
    });
    const { after, rebuilt } = resolvePlanned({
      base,
      model,
      planned,
      changes,
      cache,
    });
    expect([...rebuilt]).toEqual(['prod']);
    const full = resolveFleet(planned, { cache: new BuildCache() });
    expect(summary(after)).toEqual(summary(full));
    expect(
      after.units.find(u => u.id === 'apps/foo-app')!.clusters.prod,
    ).toEqual({ entry: 'apps/foo-app/base' });
    // every problem of the incremental model is one a full resolve finds
    const known = problemKeys(full);
    expect(after.problems.filter(p => !known.has(JSON.stringify(p)))).toEqual(
      [],
    );
    // the clusters it did not rebuild are the model's own, by identity
    for (const c of after.clusters.filter(x => x.name !== 'prod'))
      expect(c).toBe(model.clusters.find(x => x.name === c.name));
  });

  it('re-resolves through the cache when a path is created, keeping clusters that come out the same', () => {
    const overlay = 'apps/foo-app/overlays/prod/kustomization.yaml';
    const { planned, changes } = edit({
      [overlay]: 'resources:\n  - ../../base\n',
      [PROD_APPS]: `${base.files.get(
        PROD_APPS,
      )}  - ../../../apps/foo-app/overlays/prod\n`,
    });
    const { after, rebuilt } = resolvePlanned({
      base,
      model,
      planned,
      changes,
      cache,
    });
    expect([...rebuilt]).toEqual(['prod']);
    expect(summary(after)).toEqual(
      summary(resolveFleet(planned, { cache: new BuildCache() })),
    );
  });

  it('reports the new problems of a change that breaks a build', () => {
    const { planned, changes } = edit({
      [PROD_APPS]: `${base.files.get(PROD_APPS)}  - ../../../apps/nowhere\n`,
    });
    const { after } = resolvePlanned({ base, model, planned, changes, cache });
    const before = problemKeys(model);
    const fresh = after.problems.filter(
      p => !before.has(JSON.stringify(p)) && p.severity === 'error',
    );
    expect(fresh.map(p => [p.cluster, p.rule])).toEqual([
      ['prod', 'missing-path'],
    ]);
  });
});
