import { performance } from 'node:perf_hooks';
import { BuildCache, deepClone } from '../src/engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../src/engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../src/engine/model/resolveFleet';
function c2<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) { const n = v.length; const a = new Array(n); for (let i = 0; i < n; i++) a[i] = c2(v[i]); return a as T; }
  const o: Record<string, unknown> = {};
  for (const k in v) o[k] = c2((v as any)[k]);
  return o as T;
}
function c3<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) { const n = v.length; const a = new Array(n); for (let i = 0; i < n; i++) a[i] = c3(v[i]); return a as T; }
  const o: Record<string, unknown> = {};
  const ks = Object.keys(v); for (let i = 0; i < ks.length; i++) { const k = ks[i]; o[k] = c3((v as any)[k]); }
  return o as T;
}
(async () => {
  const snapshot = await loadLocalSnapshot(process.argv[2], { readRevision: false });
  const m = resolveFleet(snapshot, { cache: new BuildCache() });
  const objs = m.objects.map(o => ({ object: o.object, source: o.source, via: o.via }));
  for (let r = 0; r < 5; r++) {
    for (const [n, f] of [['deepClone', deepClone], ['forin', c2], ['keysloop', c3], ['json', (x: any) => JSON.parse(JSON.stringify(x))], ['structured', structuredClone]] as const) {
      const t0 = performance.now(); for (const o of objs) (f as any)(o); console.log(n, (performance.now() - t0).toFixed(0));
    }
  }
})();
