import fs from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../src/engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../src/engine/model/resolveFleet';
const dir = process.argv[2];
(async () => {
  const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
  const cache = new BuildCache();
  resolveFleet(snapshot, { cache });
  resolveFleet(snapshot, { cache });
  const s = new Session(); s.connect();
  const post = (m: string, p?: object) => new Promise<any>((res, rej) => s.post(m, p, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable'); await post('Profiler.start');
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const files2 = new Map(snapshot.files);
    const k = [...files2.keys()].find(f => f.startsWith(`apps/app-000${2 + i}/overlays/`) && f.endsWith('kustomization.yaml'))!;
    files2.set(k, files2.get(k)!.replace(/replicas: \d+/, `replicas: ${9 + i}`));
    const t0 = performance.now();
    resolveFleet({ ...snapshot, files: files2 }, { cache });
    times.push(Math.round(performance.now() - t0));
  }
  const { profile } = await post('Profiler.stop');
  fs.writeFileSync('/tmp/p2prof/warm.cpuprofile', JSON.stringify(profile));
  console.log('warm change', times);
})();
