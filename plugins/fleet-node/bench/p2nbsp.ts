import { parseAllDocuments } from 'yaml';
import { fastParseAll } from '../src/engine/fastYaml';
import { goCustomTags } from '../src/engine/goScalars';
for (const t of ['a:\n\u00a0b: 1\n', '\u00a0a: 1\n', 'a: |\n  x\n \u00a0y\n', 'a:\n  - x\n\u2003- y\n', 'x: 1\n\u00a0\ny: 2\n']) {
  const f = fastParseAll(t, { maxDepth: 100 });
  let s; try { s = parseAllDocuments(t, { customTags: goCustomTags, merge: true, uniqueKeys: true }).map(d => d.errors.length ? 'ERR' : d.toJS()); } catch (e) { s = 'THROW'; }
  console.log(JSON.stringify(t), JSON.stringify(f?.map(d => d.value)), JSON.stringify(s));
}
