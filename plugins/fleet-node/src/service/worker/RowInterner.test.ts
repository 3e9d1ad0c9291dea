import type { FleetObjectSummary } from '@flux-fleet/backstage-plugin-fleet-common';
import { RowInterner } from './RowInterner';

/** A row as the structured clone delivers it: every string and ref a copy of its own. */
const received = (cluster: string, name: string): FleetObjectSummary =>
  structuredClone({
    cluster,
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'team-x',
    name,
    unit: 'apps/podinfo',
    fluxKustomization: 'flux-system/apps',
    source: { file: 'apps/podinfo/base/deployment.yaml', line: 1 },
    via: [
      { file: `clusters/${cluster}/apps/kustomization.yaml`, line: 5 },
      { file: 'apps/podinfo/base/kustomization.yaml', line: 3 },
    ],
    images: ['ghcr.io/stefanprodan/podinfo:6.9.0'],
    replicas: 2,
    kubernetesId: 'podinfo',
  });

describe('RowInterner', () => {
  it('leaves every row equal to what it received', () => {
    const interner = new RowInterner();
    for (const [cluster, name] of [
      ['dev', 'podinfo'],
      ['prod', 'podinfo'],
      ['dev', 'podinfo-2'],
    ]) {
      const row = received(cluster, name);
      const copy = structuredClone(row);
      expect(interner.row(row)).toEqual(copy);
    }
  });

  it('gives rows from the same files the same source ref and the same via chain', () => {
    const interner = new RowInterner();
    const a = interner.row(received('dev', 'podinfo'));
    const b = interner.row(received('dev', 'podinfo-2'));
    const c = interner.row(received('prod', 'podinfo'));
    expect(b.source).toBe(a.source);
    expect(b.via).toBe(a.via);
    expect(c.source).toBe(a.source);
    // prod's chain starts at its own cluster directory; its second entry is shared
    expect(c.via).not.toBe(a.via);
    expect(c.via[1]).toBe(a.via[1]);
  });

  it('keeps a chain apart from one with the same files at other lines', () => {
    const interner = new RowInterner();
    const a = interner.row(received('dev', 'podinfo'));
    const moved = received('dev', 'other');
    moved.via[1].line = 4;
    const b = interner.row(moved);
    expect(b.via).not.toBe(a.via);
    expect(b.via[1]).toEqual({
      file: 'apps/podinfo/base/kustomization.yaml',
      line: 4,
    });
  });

  it('keeps an empty via chain as it is', () => {
    const row = received('dev', 'podinfo');
    row.via = [];
    expect(new RowInterner().row(row).via).toEqual([]);
  });
});
