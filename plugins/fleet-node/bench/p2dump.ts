import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../src/engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../src/engine/model/resolveFleet';

async function main() {
  const [dir, out, runsArg] = process.argv.slice(2);
  const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
  const times: number[] = [];
  let model;
  for (let i = 0; i < Number(runsArg ?? 1); i++) {
    const t0 = performance.now();
    model = resolveFleet(snapshot, { cache: new BuildCache() });
    times.push(performance.now() - t0);
  }
  fs.writeFileSync(out, JSON.stringify(model, null, 1));
  console.log(`${dir}: resolveFleet cold ms ${times.map(t => t.toFixed(0)).join(' ')}; objects ${(model as any).objects.length}, problems ${(model as any).problems.length}`);
}
main();
