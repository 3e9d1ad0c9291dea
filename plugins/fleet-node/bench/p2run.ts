import { performance } from 'node:perf_hooks';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../src/engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../src/engine/model/resolveFleet';
const dir = process.argv[2];
const mode = process.argv[3] ?? 'all';
(async () => {
  let c0 = process.cpuUsage();
  const cpu = () => { const c = process.cpuUsage(c0); c0 = process.cpuUsage(); return Math.round((c.user + c.system) / 1000); };
  let t0 = performance.now();
  const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
  const load = performance.now() - t0; const loadCpu = cpu();
  const cache = new BuildCache();
  t0 = performance.now();
  resolveFleet(snapshot, { cache });
  const cold = performance.now() - t0;
  const out: Record<string, number> = { load, loadCpu, cold, coldCpu: cpu() };
  if (mode !== 'cold') {
    t0 = performance.now();
    resolveFleet(snapshot, { cache });
    out.warmSame = performance.now() - t0; out.warmSameCpu = cpu();
    for (let i = 0; i < 3; i++) {
      const changed = `apps/app-000${2 + i}/overlays/cluster-00/kustomization.yaml`;
      const files2 = new Map(snapshot.files);
      const k = [...files2.keys()].find(f => f.startsWith(`apps/app-000${2 + i}/overlays/`) && f.endsWith('kustomization.yaml'))!;
      files2.set(k, files2.get(k)!.replace(/replicas: \d+/, `replicas: ${9 + i}`));
      t0 = performance.now();
      resolveFleet({ ...snapshot, files: files2 }, { cache });
      out[`warmChange${i}`] = performance.now() - t0; out[`wcCpu${i}`] = cpu();
      void changed;
    }
  }
  console.log(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)]))));
})();
