import fs from 'node:fs';
import path from 'node:path';
import { parsePatch as oldP } from './p2oldParsePatch';
import { parsePatch as newP } from '../src/engine/patch/parsePatch';
const seeds: string[] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const a = path.join(d, e.name); if (e.isDirectory()) walk(a); else if (/\.ya?ml$|\.json$/.test(e.name)) seeds.push(fs.readFileSync(a, 'utf8')); } };
walk('src/engine/__differential__'); walk('/work/main/examples/fleet');
const pieces = ['- op: add\n  path: /a\n  value: y\n', '---\n', '~\n', 'null\n', '- \n', '[1, 2]\n', '- a\n- b\n', 'kind: A\nmetadata:\n  name: a\n', 'a: yes\n', 'a: 0755\n', '<<: {a: 1}\n', '', '\n', '# c\n', '...\n', '- op: remove\n  path: /x\n', 'value: on\n', '  - x\n', 'y: n\n', '"": 1\n', 'x: !!str 1\n', '- &a {op: add}\n- *a\n'];
let r = 12345; const rnd = (n: number) => { r = (r * 1103515245 + 12345) & 0x7fffffff; return r % n; };
let n = 0, diff = 0;
const check = (t: string) => {
  n++;
  const a = JSON.stringify(oldP(t, 'p.yaml')); const b = JSON.stringify(newP(t, 'p.yaml'));
  const a2 = JSON.stringify(oldP(t, 'k.yaml', 3)); const b2 = JSON.stringify(newP(t, 'k.yaml', 3));
  if (a !== b || a2 !== b2) { diff++; if (diff < 5) console.log('DIFF', JSON.stringify(t), a, b); }
};
for (const s of seeds) check(s);
for (let i = 0; i < 30000; i++) {
  let t = '';
  const k = 1 + rnd(4);
  for (let j = 0; j < k; j++) {
    if (rnd(2)) t += pieces[rnd(pieces.length)];
    else { const s = seeds[rnd(seeds.length)].split('\n'); const a = rnd(s.length); t += s.slice(a, a + 1 + rnd(8)).join('\n') + '\n'; }
  }
  check(t);
}
console.log('checked', n, 'diffs', diff);
