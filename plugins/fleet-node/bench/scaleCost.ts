/*
 * Helpers of bench/benchScale.ts: the warm re-resolves of one fleet (one
 * file changed, added, removed) and the printed table.
 */
import { performance } from 'node:perf_hooks';
import type { BuildCache } from '../src/engine/kustomize/BuildCache';
import { resolveFleet } from '../src/engine/model/resolveFleet';
import type { FleetModel } from '../src/engine/model/types';
import type { RepoPath, Snapshot } from '../src/engine/core/types';

/** CPU and wall time of one measured call, in ms. */
export interface Cost {
  cpuMs: number;
  wallMs: number;
}

function timed(fn: () => FleetModel): Cost & { model: FleetModel } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, wallMs, model };
}

const median = (xs: Cost[]): Cost => {
  const by = (k: keyof Cost) => [...xs.map(x => x[k])].sort((a, b) => a - b);
  return {
    cpuMs: by('cpuMs')[xs.length >> 1],
    wallMs: by('wallMs')[xs.length >> 1],
  };
};

const snapshotOf = (files: ReadonlyMap<RepoPath, string>): Snapshot => ({
  revision: null,
  files,
  problems: [],
});

/**
 * Median warm re-resolves of the generated fleet `base` after a cold resolve
 * with `cache`: each run changes another app's overlay of cluster c01
 * (replicas 9, which must show in the model), then adds and removes a file
 * under docs/.
 */
export function measureWarm(
  base: Snapshot,
  cache: BuildCache,
  runs: number,
): { changed: Cost; added: Cost; removed: Cost; visible: boolean } {
  const changed: Cost[] = [];
  const added: Cost[] = [];
  const removed: Cost[] = [];
  let visible = true;
  let current = base.files;
  for (let i = 0; i < runs; i++) {
    // app j is deployed on c01 (index 0) when j % 7 !== 0
    const app = `app-${String(i + 2).padStart(4, '0')}`;
    const file = `apps/${app}/overlays/c01/kustomization.yaml`;
    const next = new Map(current);
    next.set(file, next.get(file)!.replace(/replicas: \d+/, 'replicas: 9'));
    const c = timed(() => resolveFleet(snapshotOf(next), { cache }));
    changed.push(c);
    visible &&= c.model.objects.some(
      o =>
        o.cluster === 'c01' &&
        o.object.kind === 'Deployment' &&
        o.object.metadata?.name === app &&
        (o.object.spec as { replicas?: number }).replicas === 9,
    );
    current = next;
    const withNote = new Map(next);
    withNote.set(`docs/note-${i}.md`, `# note ${i}\n`);
    added.push(timed(() => resolveFleet(snapshotOf(withNote), { cache })));
    removed.push(timed(() => resolveFleet(snapshotOf(next), { cache })));
  }
  return {
    changed: median(changed),
    added: median(added),
    removed: median(removed),
    visible,
  };
}

/** Prints `rows` under `header` as a Markdown table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map(w => '-'.repeat(w)).join(' | ')} |`);
  for (const r of rows) console.log(line(r));
}
