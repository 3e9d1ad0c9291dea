/*
 * The generated YAML 1.1 scalar set (yaml11Scalars.ts), built by kubectl
 * and by the engine: the engine's text must be kustomize's byte for byte,
 * and a YAML 1.1 reader must get every original string back from both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../kustomize/buildKustomization';
import { snapshotOf } from '../testing/snapshots';
import { emitKyamlStream } from '../yaml';
import { kubectlKustomizeText, type KubectlText } from './kubectlText';
import { YAML11_STRINGS, yaml11Resources } from './yaml11Scalars';

/**
 * A resource as a file both tools read: JSON (a YAML subset) with every
 * character outside ASCII escaped, since YAML readers take a raw U+2028 for
 * a line break.
 */
const asFile = (o: unknown) =>
  JSON.stringify(o).replace(/[\u007f-\u{10ffff}]/gu, c => {
    const p = c.codePointAt(0)!;
    return p > 0xffff
      ? `\\U${p.toString(16).padStart(8, '0')}`
      : `\\u${p.toString(16).padStart(4, '0')}`;
  });

const resources = yaml11Resources();
const files: Record<string, string> = {
  'kustomization.yaml': `resources:\n${resources
    .map((_, i) => `- r${i}.json\n`)
    .join('')}`,
};
resources.forEach((r, i) => {
  files[`r${i}.json`] = asFile(r);
});

/** Maps as Map, so that keys a YAML 1.1 reader takes for timestamps stay keys. */
const readYaml11 = (text: string) =>
  parseAllDocuments(text, { version: '1.1' }).map(
    d => d.toJS({ mapAsMap: true }) as Map<string, unknown>,
  );

const CHANGED_BY_YAML11_READERS = [
  '1e400',
  '._5',
  '2023-02-29',
  '2024-13-01',
  '2024-04-31',
  '2001-12-14T21:59:43',
  '2024-01-01T24:00:00Z',
  '2024-04-01T10:00:00+25:00',
  '2001-12-14 21:59:43.10 -5',
  'a\u2028b',
];

let oracle: KubectlText;
let engineText: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-yaml11-'));
  try {
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(dir, name), text);
    oracle = await kubectlKustomizeText(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const result = buildKustomization(snapshotOf(files), '');
  engineText = emitKyamlStream(result.resources.map(r => r.object));
}, 60_000);

describe('differential: YAML 1.1-sensitive scalars', () => {
  it('has the scalar set the README lists', () => {
    expect(YAML11_STRINGS.length).toBeGreaterThanOrEqual(190);
    expect(oracle.stderr).toBe('');
    expect(oracle.code).toBe(0);
  });

  it('prints the set byte for byte as kubectl kustomize does', () => {
    expect(engineText).toBe(oracle.stdout);
  });

  it('gives a YAML 1.1 reader the same values from both outputs', () => {
    expect(readYaml11(engineText)).toEqual(readYaml11(oracle.stdout));
  });

  it('gives a YAML 1.1 reader every string back, except those go-yaml leaves plain', () => {
    const docs = readYaml11(engineText);
    const valueOf = (doc: Map<string, unknown>) =>
      (doc.get('data') as Map<string, unknown>).get('value');
    const changed = YAML11_STRINGS.filter((s, i) => valueOf(docs[i]) !== s);
    // go-yaml v2 quotes only what its own resolver reads as another type;
    // these it prints plain, and a stricter YAML 1.1 reader (the yaml
    // package) reads them as numbers (an overflowing float, `._5`) or
    // timestamps, or folds the Unicode line separator. kustomize prints them the same way.
    expect(changed).toEqual(CHANGED_BY_YAML11_READERS);
  });
});
