import { emptyReadSet } from './BuildCache';
import { TrustedEntries } from './trustedEntries';

function entryReading(...paths: string[]) {
  const reads = emptyReadSet();
  paths.forEach(p => reads.files.set(p, 'x'));
  return { reads };
}

describe('TrustedEntries', () => {
  const v1 = new Map([
    ['a.yaml', '1'],
    ['b.yaml', '1'],
  ]);
  const a = entryReading('a.yaml');
  const b = entryReading('b.yaml');

  it('trusts an entry for the files it was checked against, and only those', () => {
    const t = new TrustedEntries<typeof a>();
    t.add(a, v1);
    expect([t.has(a, v1), t.has(b, v1)]).toEqual([true, false]);
  });

  it('keeps trusting entries that did not read a file whose content changed', () => {
    const t = new TrustedEntries<typeof a>();
    t.add(a, v1);
    t.add(b, v1);
    const v2 = new Map([
      ['a.yaml', '1'],
      ['b.yaml', '2'],
    ]);
    expect([t.has(a, v2), t.has(b, v2)]).toEqual([true, false]);
  });

  it('trusts nothing after a file appears or disappears, since directories may differ', () => {
    const t = new TrustedEntries<typeof a>();
    t.add(a, v1);
    const added = new Map([...v1, ['c.yaml', '1']]);
    expect(t.has(a, added)).toBe(false);
  });

  it('trusts nothing for an older revision met again', () => {
    const t = new TrustedEntries<typeof a>();
    t.add(a, v1);
    const v2 = new Map([
      ['a.yaml', '1'],
      ['b.yaml', '2'],
    ]);
    t.has(a, v2);
    expect([t.has(a, v1), t.has(a, v2)]).toEqual([false, true]);
  });
});
