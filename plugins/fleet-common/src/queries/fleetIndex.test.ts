import type { FleetObjectSummary } from '../api';
import type { FleetMatrix } from '../model';
import { matrix } from './__fixtures__/matrix';
import { INDEX_SLICE, indexFleet, prepareFleetIndex } from './fleetIndex';

// a matrix of `copies` × the fixture's objects, each copy on its own cluster
function large(copies: number): FleetMatrix {
  const objects: FleetObjectSummary[] = [];
  for (let c = 0; c < copies; c++)
    for (const o of matrix.objects)
      objects.push({ ...o, cluster: `${o.cluster}-${c}` });
  return { ...matrix, objects };
}

describe('prepareFleetIndex', () => {
  it('builds the same index as indexFleet, which then finds it', async () => {
    const m = large(3);
    const prepared = await prepareFleetIndex(m);
    expect(indexFleet(m)).toBe(prepared);
    // a fresh objects array is indexed from scratch: compare the two builds
    const fresh = indexFleet({ ...m, objects: [...m.objects] });
    expect(prepared).toEqual(fresh);
    expect(prepared.byCluster.size).toBe(fresh.byCluster.size);
  });

  it('yields to the event loop between slices and shares one build', async () => {
    const copies = Math.ceil((3 * INDEX_SLICE) / matrix.objects.length);
    const m = large(copies);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const [a, b] = await Promise.all([
      prepareFleetIndex(m),
      prepareFleetIndex(m),
    ]);
    clearInterval(timer);
    expect(a).toBe(b);
    expect(ticks).toBeGreaterThan(0);
    expect(
      [...a.byCluster.values()].reduce((n, list) => n + list.length, 0),
    ).toBe(m.objects.length);
  });

  it('returns an index indexFleet already built', async () => {
    const m = large(1);
    const built = indexFleet(m);
    await expect(prepareFleetIndex(m)).resolves.toBe(built);
  });
});
