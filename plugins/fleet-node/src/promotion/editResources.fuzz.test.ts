/*
 * Property-based tests of the resources editor (fast-check, fixed seed,
 * bounded runs): random kustomization files with comments everywhere a
 * person writes them — head, inline, between entries, on the key, after
 * the list — block lists at the key's column or indented, flow lists on
 * one line or several, entries plain or quoted. Adding or removing an
 * entry must give the expected list, keep every comment not on a removed
 * entry's line, and leave every other byte as it was.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import {
  addResource,
  entryTarget,
  listResources,
  removeResource,
} from './editResources';
import {
  fixture,
  LIST,
  RUNS,
  SEED,
} from './__testUtils__/kustomizationFixture';

/** Comment tokens present in `text`. */
function tokens(text: string): Set<string> {
  return new Set([...text.matchAll(/# (c\d+)/g)].map(m => m[1]));
}

/** `longer` equals `shorter` with whole lines added: the lines added. */
function addedLines(shorter: string, longer: string): string[] | null {
  const a = shorter.split('\n');
  const b = longer.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return i + j === a.length ? b.slice(i, b.length - j) : null;
}

/** What `longer` inserted into `shorter` at one place, or null. */
function insertion(shorter: string, longer: string): string | null {
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  const rest = shorter.slice(i);
  return longer.endsWith(rest)
    ? longer.slice(i, longer.length - rest.length)
    : null;
}

/** A block list lost only the entry's line (and an emptied list says `[]`). */
function onlyItsLine(before: string, after: string): boolean {
  const undo = after.replace(/^resources: \[\]/m, 'resources:');
  return addedLines(undo, before)?.length === 1;
}

/** Every line of `before` without `gone` is in `after`, in order (a comma may move). */
function othersKept(before: string, after: string, gone: string): boolean {
  const bare = (l: string) => l.replace(/,/g, '').trimEnd();
  const left = after.split('\n').map(bare);
  let at = 0;
  for (const l of before.split('\n').filter(x => !x.includes(gone))) {
    at = left.indexOf(bare(l), at) + 1;
    if (at === 0) return false;
  }
  return true;
}

const NEW = '../../../apps/new-app/base';

describe('editResources (fuzzed)', () => {
  it('adds an entry: the list gains it last, every comment stays, nothing else changes', () => {
    fc.assert(
      fc.property(fixture, f => {
        const out = addResource(f.text, LIST, NEW);
        expect(listResources(out)).toEqual([...f.entries, NEW]);
        expect(parse(out)).toEqual({
          ...parse(f.text),
          resources: [...f.entries, NEW],
        });
        expect(tokens(out)).toEqual(tokens(f.text));
        // one insertion: `, entry` in a flow list, one line in a block list
        const added = f.flow
          ? insertion(f.text, out)
          : addedLines(f.text, out)?.join('\n');
        expect(added).toMatch(
          f.flow
            ? /^,\s+(["']?)\.\.\/\.\.\/\.\.\/apps\/new-app\/base\1$/
            : /^ *- (["']?)\.\.\/\.\.\/\.\.\/apps\/new-app\/base\1$/,
        );
        expect(addResource(out, LIST, NEW)).toBe(out);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('removes an entry: the list loses it, only its own comment goes, nothing else changes', () => {
    fc.assert(
      fc.property(fixture, fc.nat(), (f, pick) => {
        const gone = f.entries[pick % f.entries.length];
        const normalized = entryTarget(LIST, gone);
        const out = removeResource(f.text, LIST, normalized);
        const rest = f.entries.filter(e => e !== gone);
        expect(listResources(out)).toEqual(rest);
        expect(parse(out)).toEqual({ ...parse(f.text), resources: rest });
        const kept = f.comments.filter(c => c.on !== gone).map(c => c.token);
        expect([...tokens(out)].sort()).toEqual(kept.sort());
        expect(
          f.flow ? othersKept(f.text, out, gone) : onlyItsLine(f.text, out),
        ).toBe(true);
        expect(removeResource(out, LIST, normalized)).toBe(out);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
