/*
 * Folded block scalars (`>`) as kustomize reads them. go-yaml's scanner
 * keeps one line break more than the YAML spec (and the yaml package) where
 * a normal line is followed, across any empty lines, by a more-indented
 * line: `>-` with `a`, `  b` reads "a\n\n  b", not "a\n  b". Flux applies
 * what kustomize read, so the engine reads it the same way. Checked with
 * kubectl (kustomize v5.5.0): the differential case
 * cases/68-folded-more-indented.
 */

import { visit } from 'yaml';
import type { Document } from 'yaml';

const MORE_INDENTED = /^[ \t]/;

/**
 * The value go-yaml gives a folded block scalar whose YAML 1.2 value is
 * `value`: one more line break before each more-indented line that follows
 * a normal line. Folded lines never start with a blank, so a line of the
 * spec value starts with one exactly when its source line is more-indented.
 */
export function goFoldedValue(value: string): string {
  if (!/\n[ \t]/.test(value)) return value;
  const lines = value.split('\n');
  const out = [lines[0]];
  let previousNormal = lines[0] !== '' && !MORE_INDENTED.test(lines[0]);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const more = MORE_INDENTED.test(line);
    if (more && previousNormal) out.push('');
    out.push(line);
    if (line !== '') previousNormal = !more;
  }
  return out.join('\n');
}

/**
 * Rewrites the block scalars of `doc` (parsed from `text` by the yaml
 * package) to the values go-yaml gives them. Both go-yaml v2 and yaml.v3
 * end a block scalar that runs to the end of a text without a final line
 * break without one (the yaml package adds it even under clip chomping);
 * kustomize meets such texts in inline patches, which it trims. With
 * `folded: true` (yaml.v3, kustomize's resources and strategic merge
 * patches) folded scalars also get {@link goFoldedValue}; go-yaml v2 (JSON
 * 6902 patches through sigs.k8s.io/yaml) folds as the YAML spec does.
 */
export function goBlockScalars(
  doc: Document.Parsed,
  text: string,
  folded: boolean,
): void {
  const atEof = !text.endsWith('\n');
  if (!(folded && text.includes('>')) && !(atEof && /[|>]/.test(text))) return;
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      if (node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL') return;
      let value = node.value;
      if (folded && node.type === 'BLOCK_FOLDED') value = goFoldedValue(value);
      if (atEof && node.range?.[1] === text.length && value.endsWith('\n'))
        value = value.slice(0, -1);
      node.value = value;
    },
  });
}
