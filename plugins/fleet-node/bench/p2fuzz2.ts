import fs from 'node:fs';
import path from 'node:path';
import { fastParseAll as oldF } from './p2old/fastYaml';
import { fastParseAll as newF } from '../src/engine/fastYaml';
const seeds: string[] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const a = path.join(d, e.name); if (e.isDirectory()) walk(a); else if (/\.ya?ml$|\.json$|Kustomization$/.test(e.name)) seeds.push(fs.readFileSync(a, 'utf8')); } };
walk('src/engine/__differential__'); walk('/work/main/examples/fleet'); walk('/tmp/p2/f5/apps/app-0001');
const pieces = ['a:b: c\n', 'a :\n', 'key:value\n', 'k: v # c\n', '  k:\n', 'true: 1\n', 'null: x\n', 'Yes: 1\n', 'on: 2\n', '_x: 1\n', 'a.b/c-d: 1\n', '9a: 1\n', '---\n', '--- # x\n', '...\n', '\u00a0a: 1\n', ' \u00a0b: 2\n', 'items:\n- a: 1\n- b: 2\n', 'items: [1, {a: 2}]\n', '- x: |\n    foo\n', 'a:  \n', 'a: \n', 'a:\n  - 1\n', 'n: ~\n', '-a: 1\n', '\v: 1\n'];
let r = 777; const rnd = (n: number) => { r = (r * 1103515245 + 12345) & 0x7fffffff; return r % n; };
let n = 0, diff = 0, acc = 0;
const run = (f: typeof oldF, t: string) => { const lines = new Map<string, number>(); let v; try { v = f(t, { maxDepth: 100, lines }); } catch (e) { v = 'THROW ' + (e as Error).message; } return JSON.stringify([v, v ? [...lines] : null]); };
const run2 = (f: typeof oldF, t: string) => { let v; try { v = f(t, { maxDepth: 100 }); } catch (e) { v = 'THROW'; } return JSON.stringify(v); };
const check = (t: string) => { n++; const a = run(oldF, t), b = run(newF, t); const a2 = run2(oldF, t), b2 = run2(newF, t); if (!a.startsWith('[null')) acc++; if (a !== b || a2 !== b2) { diff++; if (diff < 5) console.log('DIFF', JSON.stringify(t), '\n', a, '\n', b, '\n', a2, '\n', b2); } };
for (const s of seeds) check(s);
for (let i = 0; i < 40000; i++) {
  let t = ''; const k = 1 + rnd(5);
  for (let j = 0; j < k; j++) {
    if (rnd(2)) t += pieces[rnd(pieces.length)];
    else { const s = seeds[rnd(seeds.length)].split('\n'); const a = rnd(s.length); t += s.slice(a, a + 1 + rnd(10)).join('\n') + '\n'; }
    if (rnd(5) === 0) t = ' '.repeat(rnd(3)) + t;
  }
  check(t);
}
console.log('checked', n, 'accepted', acc, 'diffs', diff);
