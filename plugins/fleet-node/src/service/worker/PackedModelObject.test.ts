import { MessageChannel } from 'node:worker_threads';
import type { FleetObject } from '@flux-fleet/backstage-plugin-fleet-common';
import type { KObject } from '../../engine';
import { PackedModelObject, packBodies } from './PackedModelObject';

const rowOf = (
  name: string,
  extra: Partial<FleetObject> = {},
): FleetObject => ({
  cluster: 'dev',
  apiVersion: 'v1',
  kind: 'ConfigMap',
  namespace: 'team-x',
  name,
  unit: 'apps/podinfo',
  fluxKustomization: 'flux-system/apps',
  source: { file: 'apps/podinfo/cm.yaml', line: 3 },
  via: [{ file: 'clusters/dev/kustomization.yaml', line: 5 }],
  ...extra,
});

const bodies: KObject[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'a', namespace: 'team-x' },
    data: { text: 'héllo ✓\n', empty: '' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'b', namespace: 'team-x' },
    // what YAML's .nan / -.inf / -0 resolve to: JSON would turn them into null and 0
    spec: { nan: NaN, inf: -Infinity, zero: -0, list: [1, true, null] },
  } as unknown as KObject,
];

/** Packs on one side of a real port and unpacks on the other, as worker and main thread do. */
async function throughPort(): Promise<PackedModelObject[]> {
  const { port1, port2 } = new MessageChannel();
  try {
    const packed = packBodies(bodies);
    const received = new Promise<{
      rows: FleetObject[];
      bodies: typeof packed;
    }>(resolve => port2.once('message', resolve));
    port1.postMessage({ rows: [rowOf('a'), rowOf('b')], bodies: packed }, [
      packed.buffer,
    ]);
    // transferred, not copied: the sender's buffer is detached
    expect(packed.buffer.byteLength).toBe(0);
    const m = await received;
    return m.rows.map((row, i) => new PackedModelObject(row, m.bodies, i));
  } finally {
    port1.close();
    port2.close();
  }
}

describe('PackedModelObject', () => {
  it('gives back every body exactly, NaN, -Infinity and -0 included', async () => {
    const [a, b] = await throughPort();
    expect(a.object).toEqual(bodies[0]);
    expect(b.object).toEqual(bodies[1]);
    const spec = (b.object as any).spec;
    expect(Number.isNaN(spec.nan)).toBe(true);
    expect(spec.inf).toBe(-Infinity);
    expect(Object.is(spec.zero, -0)).toBe(true);
  });

  it('carries the provenance of its matrix row, shared rather than copied', async () => {
    const row = rowOf('a', {
      stale: {
        since: 'r1',
        problem: {
          severity: 'error',
          rule: 'yaml-parse',
          cluster: 'dev',
          file: 'apps/podinfo/cm.yaml',
          line: 1,
          message: 'bad',
        },
      },
    });
    const packed = packBodies([bodies[0]]);
    const o = new PackedModelObject(row, packed, 0);
    expect(o.source).toBe(row.source);
    expect(o.via).toBe(row.via);
    expect(o).toMatchObject({
      cluster: 'dev',
      unit: 'apps/podinfo',
      fluxKustomization: 'flux-system/apps',
      stale: row.stale,
    });
    expect('stale' in new PackedModelObject(rowOf('a'), packed, 0)).toBe(false);
  });

  it('reads a body once while a caller holds it, and a spread copies the body as a plain object would', async () => {
    const [a] = await throughPort();
    const first = a.object;
    expect(a.object).toBe(first);
    expect({ ...a }).toEqual({
      cluster: 'dev',
      unit: 'apps/podinfo',
      fluxKustomization: 'flux-system/apps',
      source: { file: 'apps/podinfo/cm.yaml', line: 3 },
      via: [{ file: 'clusters/dev/kustomization.yaml', line: 5 }],
      object: bodies[0],
    });
  });

  it('packs the bodies of a message into one buffer, each between its offsets', () => {
    const packed = packBodies(bodies);
    expect(packed.offsets).toHaveLength(3);
    expect(packed.offsets[0]).toBe(0);
    expect(packed.offsets[2]).toBe(packed.buffer.byteLength);
    expect(packed.offsets[1]).toBeGreaterThan(0);
    expect(packBodies([])).toEqual({
      buffer: new ArrayBuffer(0),
      offsets: [0],
    });
  });

  it('carries the fields copied from Secret data beside the bodies, not in them', () => {
    const packed = packBodies(bodies, [
      {},
      {
        secretPaths: [['data', 'pw']],
        plainPaths: [['stringData', 'user']],
      },
    ]);
    expect(packed.secretPaths).toEqual({ 1: [['data', 'pw']] });
    const plain = new PackedModelObject(rowOf('a'), packed, 0);
    const copied = new PackedModelObject(rowOf('b'), packed, 1);
    expect('secretPaths' in plain).toBe(false);
    expect(copied.secretPaths).toEqual([['data', 'pw']]);
    expect(copied.plainPaths).toEqual([['stringData', 'user']]);
    expect(copied.object).toEqual(bodies[1]);
  });
});
