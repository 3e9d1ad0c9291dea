/*
 * The byte-level half of the differential comparison: the engine's printed
 * stream against kubectl's, and both read by a YAML 1.1 reader (kubectl's
 * own reader and PyYAML are YAML 1.1), so that a value that changes meaning
 * under YAML 1.1 cannot hide behind an equal YAML 1.2 reading.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';

/** Every document of `text` as a YAML 1.1 reader sees it (maps as Map). */
export function readYaml11(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1' }).map(d =>
    d.toJS({ mapAsMap: true, maxAliasCount: -1 }),
  );
}

/**
 * '' when `actual` is `expected` byte for byte, else the first differing
 * line with a little context, and whether a YAML 1.1 reader sees the two
 * streams differently too.
 */
export function describeTextDifferences(
  actual: string,
  expected: string,
): string {
  if (actual === expected) return '';
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  const context = (lines: string[]) =>
    lines
      .slice(Math.max(0, i - 2), i + 3)
      .map(l => `    ${JSON.stringify(l)}`)
      .join('\n');
  const sameYaml11 = isDeepStrictEqual(
    readYaml11(actual),
    readYaml11(expected),
  );
  return [
    `printed output differs from kubectl's at line ${i + 1}:`,
    `  kubectl:\n${context(e)}`,
    `  engine:\n${context(a)}`,
    sameYaml11
      ? '  (a YAML 1.1 reader reads both the same)'
      : '  and a YAML 1.1 reader reads the two differently',
  ].join('\n');
}
