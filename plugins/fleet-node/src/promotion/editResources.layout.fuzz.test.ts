/*
 * Property-based tests of the resources editor on the file layouts the
 * first fuzzer did not generate: CRLF line ends, more than one YAML
 * document, a directives end marker, and anchors. kubectl kustomize reads
 * CRLF files as LF files and only the first document of a kustomization
 * file (checked by hand with kubectl 1.3x: a second `resources` document is
 * ignored), so an edit must be the LF edit with CRLF line ends, and must
 * touch the first document only, leaving every byte of the others as it was.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
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

const NEW = '../../../apps/new-app/base';
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

/** The edits a promotion makes: add NEW, or remove one of the entries. */
const edit = fc.oneof(
  fc.constant({ kind: 'add' as const, pick: 0 }),
  fc.nat().map(pick => ({ kind: 'remove' as const, pick })),
);

function apply(
  text: string,
  entries: string[],
  e: { kind: 'add' | 'remove'; pick: number },
) {
  if (e.kind === 'add') return addResource(text, LIST, NEW);
  const gone = entries[e.pick % entries.length];
  return removeResource(text, LIST, entryTarget(LIST, gone));
}

const OTHER_DOCUMENT = [
  '---',
  '# a second document: kubectl reads only the first',
  'resources:',
  '- ../../../apps/not-this-one',
  '',
].join('\n');

describe('editResources on other file layouts (fuzzed)', () => {
  it('edits a CRLF file exactly as the LF file, with CRLF line ends', () => {
    fc.assert(
      fc.property(fixture, edit, (f, e) => {
        const lf = apply(f.text, f.entries, e);
        const out = apply(crlf(f.text), f.entries, e);
        expect(out).toBe(crlf(lf));
        expect(out).not.toMatch(/(^|[^\r])\n/);
        expect(listResources(out)).toEqual(listResources(lf));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('edits the first document only and keeps every byte of the next one', () => {
    fc.assert(
      fc.property(fixture, edit, fc.boolean(), (f, e, marker) => {
        const head = marker ? '---\n' : '';
        const text = f.text.endsWith('\n') ? f.text : `${f.text}\n`;
        const lf = apply(text, f.entries, e);
        const out = apply(`${head}${text}${OTHER_DOCUMENT}`, f.entries, e);
        expect(out).toBe(`${head}${lf}${OTHER_DOCUMENT}`);
        const docs = parseAllDocuments(out);
        expect(Array.isArray(docs) && docs.length).toBe(2);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('keeps an anchor on the list and on an entry, and edits as without them', () => {
    fc.assert(
      fc.property(fixture, edit, (f, e) => {
        if (f.flow) return;
        const anchored = f.text
          .replace(/^resources:/m, 'resources: &apps')
          .replace(/^(\s*)- /m, '$1- &first ');
        const lf = apply(f.text, f.entries, e);
        const out = apply(anchored, f.entries, e);
        expect(listResources(out)).toEqual(listResources(lf));
        expect(out).toContain('&apps');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('editResources on lists it must not guess about', () => {
  const text = [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'components: &shared',
    '- ../../../components/monitoring',
    'resources: *shared',
    '',
  ].join('\n');

  it('reads a list given as an alias', () => {
    expect(listResources(text)).toEqual(['../../../components/monitoring']);
  });

  it('refuses to edit a list given as an alias, whose anchor other keys share', () => {
    expect(() => addResource(text, LIST, NEW)).toThrow(
      /resources is an alias \(\*shared\)/,
    );
    expect(() =>
      removeResource(
        text,
        LIST,
        entryTarget(LIST, '../../../components/monitoring'),
      ),
    ).toThrow(/resources is an alias \(\*shared\)/);
  });

  it('reads, finds and removes an entry given as an alias', () => {
    const aliased = [
      'resources:',
      '- &podinfo ../../../apps/podinfo/base',
      '- ../../../apps/foo-app/base',
      'x-note: *podinfo',
      '',
    ].join('\n');
    const withAlias = `${aliased.replace(
      'x-note: *podinfo\n',
      '',
    )}- *podinfo\n`;
    expect(listResources(withAlias)).toEqual([
      '../../../apps/podinfo/base',
      '../../../apps/foo-app/base',
      '../../../apps/podinfo/base',
    ]);
    // already listed through the alias: nothing to add
    expect(addResource(withAlias, LIST, '../../../apps/podinfo/base')).toBe(
      withAlias,
    );
    // the anchored entry and its alias both go
    const podinfo = entryTarget(LIST, '../../../apps/podinfo/base');
    expect(removeResource(withAlias, LIST, podinfo)).toBe(
      'resources:\n- ../../../apps/foo-app/base\n',
    );
    // an anchor another key still aliases cannot go: refused, not broken
    expect(() => removeResource(aliased, LIST, podinfo)).toThrow(
      /would leave the file unreadable/,
    );
  });

  it('creates the list in the first document of a multi-document file and keeps the rest', () => {
    const multi = `kind: Kustomization\n${OTHER_DOCUMENT}`;
    const out = addResource(multi, LIST, NEW);
    expect(listResources(out)).toEqual([NEW]);
    expect(out.endsWith(OTHER_DOCUMENT)).toBe(true);
  });
});
