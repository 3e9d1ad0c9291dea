/*
 * Folded block scalars (`>`) as kustomize reads them. go-yaml's scanner
 * keeps one line break more than the YAML spec (and the yaml package) where
 * a normal line is followed, across any empty lines, by a more-indented
 * line: `>-` with `a`, `  b` reads "a\n\n  b", not "a\n  b". Flux applies
 * what kustomize read, so the engine reads it the same way. Checked with
 * kubectl (kustomize v5.5.0): the differential case
 * cases/68-folded-more-indented.
 */

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
