import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fastParseAll } from '../src/engine/fastYaml';
import { parseKustomizationFile } from '../src/engine/kustomize/kustFile';
import { parseYamlDocuments } from '../src/engine/yamlDocs';
const root = process.argv[2];
const kust: [string, string][] = []; const other: [string, string][] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const a = path.join(d, e.name); if (e.isDirectory()) walk(a); else (e.name === 'kustomization.yaml' ? kust : other).push([a, fs.readFileSync(a, 'utf8')]); } };
walk(root);
for (let r = 0; r < 4; r++) {
  let t0 = performance.now();
  for (const [, t] of kust) fastParseAll(t, { maxDepth: 100, lines: new Map() });
  const a = performance.now() - t0; t0 = performance.now();
  for (const [f, t] of kust) parseKustomizationFile(f, t, { report() {} });
  const b = performance.now() - t0; t0 = performance.now();
  for (const [f, t] of other) parseYamlDocuments(f, t);
  const c = performance.now() - t0;
  console.log(`kust ${kust.length} fast ${a.toFixed(0)} parseKust ${b.toFixed(0)}; other ${other.length} docs ${c.toFixed(0)}`);
}
