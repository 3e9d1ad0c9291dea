import { stringify } from 'yaml';
import { strategicMerge } from './strategicMerge';
import { kubectlKustomize } from './__testUtils__/kubectlKustomize';

let seed = Number(process.env.SEED ?? 1);
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)];
const maybe = (p = 0.5) => rnd() < p;
function ports(patch: boolean) {
  return Array.from({ length: Math.floor(rnd() * 3) }, () => {
    const p: any = { containerPort: pick([80, 81, 90]) };
    if (maybe(0.4)) p.protocol = pick(['TCP', 'UDP']);
    if (maybe(0.5)) p.name = pick(['a', 'b', 'c']);
    if (patch && maybe(0.15)) p.$patch = 'delete';
    return p;
  });
}
function env(patch: boolean) {
  return Array.from({ length: Math.floor(rnd() * 3) }, () => {
    const e: any = { name: pick(['A', 'B', 'C']) };
    if (maybe(0.7)) e.value = pick(['1', '2']);
    if (patch && maybe(0.15)) e.$patch = 'delete';
    return e;
  });
}
function containers(patch: boolean) {
  return Array.from({ length: Math.floor(rnd() * 3) + (patch ? 0 : 1) }, () => {
    const c: any = { name: pick(['a', 'b', 'c']) };
    if (maybe()) c.image = pick(['x', 'y']);
    if (maybe()) c.ports = ports(patch);
    if (maybe()) c.env = env(patch);
    if (maybe(0.3)) c.args = [pick(['p', 'q'])];
    if (patch && maybe(0.1)) c.$patch = pick(['delete', 'replace']);
    if (!patch && maybe(0.3)) c.resources = { limits: { cpu: '1', memory: '1' } };
    if (patch && maybe(0.3)) c.resources = pick([{ limits: { cpu: null } }, { limits: null, requests: { cpu: '2', memory: null } }, { $patch: 'replace', requests: { cpu: '3' } }, { limits: { $patch: 'delete' } }]);
    if (maybe(0.2)) c.volumeMounts = [{ name: 'v', mountPath: pick(['/a', '/b']) }, ...(maybe() ? [{ name: 'w', mountPath: '/a', readOnly: true }] : [])];
    return c;
  });
}
function dep(patch: boolean) {
  const spec: any = {};
  if (maybe(0.8)) spec.containers = containers(patch);
  if (maybe(0.4)) spec.initContainers = containers(patch);
  if (maybe(0.3)) spec.volumes = [{ name: pick(['v', 'w']), emptyDir: {} }];
  if (patch && maybe(0.1) && spec.containers) spec.containers.unshift({ $patch: 'replace' });
  const meta: any = { name: 'd' };
  if (maybe(0.3)) meta.finalizers = [pick(['f1', 'f2']), pick(['f2', 'f3'])];
  if (maybe(0.3)) meta.labels = pick([{ a: '1' }, { a: null, b: '2' }, { $patch: 'replace', c: '3' }]);
  if (maybe(0.2)) spec.hostAliases = [{ ip: pick(['1.1.1.1', '2.2.2.2']), hostnames: [pick(['h', 'i'])] }];
  if (maybe(0.2)) spec.tolerations = [{ key: pick(['k', 'l']), operator: 'Exists' }];
  const top: any = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { template: { spec } } };
  if (patch && maybe(0.3)) { top.spec = { replicas: 2 }; }
  return top;
}
const N = Number(process.env.N ?? 40);
it('fuzz', () => {
  const bad: string[] = []; let errs = 0; let same = 0;
  for (let i = 0; i < N; i++) {
    const t = dep(false);
    const p = dep(true);
    const exp = kubectlKustomize({ 'kustomization.yaml': stringify({ resources: ['t.yaml'], patches: [{ patch: stringify(p) }] }), 't.yaml': stringify(t) });
    let got: any;
    try { got = [strategicMerge(t as any, p as any)].filter(x => x); } catch (e) { got = { error: String(e) }; }
    if (JSON.stringify(canon(got)) === JSON.stringify(canon([t]))) same++;
    if (JSON.stringify(canon(got)) !== JSON.stringify(canon(exp))) {
      if ('error' in (exp as any) && 'error' in got) { errs++; continue; }
      bad.push(`--- T\n${stringify(t)}--- P\n${stringify(p)}--- EXP\n${stringify(exp)}--- GOT\n${stringify(got)}`);
    }
  }
  console.log(`${errs} both-errors ${same} unchanged ${bad.length} mismatches of ${N}\n${bad.slice(0, 2).join('\n=====\n')}`);
});
function canon(v: any): any {
  if (Array.isArray(v)) return v.map(canon);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map(k => [k, canon(v[k])]));
  return v;
}
