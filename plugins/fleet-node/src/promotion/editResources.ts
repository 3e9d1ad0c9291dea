/*
 * Edits of a kustomization's `resources` list through the `yaml` Document
 * API, so that a promotion keeps what a reviewer cares about: comments, the
 * order of the entries, the file's indentation and its own list style (block
 * or flow, `- x` at the key's column or indented under it). Every edit is
 * idempotent: adding an entry that is there, or removing one that is not,
 * returns the text unchanged.
 */
import { posix } from 'node:path';
import {
  type Document,
  type Alias,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  Scalar,
  YAMLSeq,
} from 'yaml';
import { appendToFlow, removeFromFlow } from './flowListEdits';
import { PromotionRefusal } from './types';

// the quoting of the list's first entry, kept for new entries
const QUOTES: Record<string, string> = { QUOTE_DOUBLE: '"', QUOTE_SINGLE: "'" };

/** The resolved repository path an entry of the list in `listFile` points at. */
export function entryTarget(listFile: string, entry: string): string {
  return posix
    .normalize(posix.join(posix.dirname(listFile), entry))
    .replace(/\/$/, '');
}

/** The entry text that reaches `target` from `listFile`, written as kustomize lists expect. */
export function entryFor(listFile: string, target: string): string {
  const rel = posix.relative(posix.dirname(listFile), target);
  return rel === '' ? '.' : rel;
}

// a preview reads the same long lists (every app of a cluster) several times: parse each text once
const listed = new Map<string, readonly string[] | null>();
const LISTED_MAX = 64;

/**
 * The `resources` entries of a kustomization file, or null when the text has no such list.
 *
 * @public
 */
export function listResources(text: string): readonly string[] | null {
  const hit = listed.get(text);
  if (hit !== undefined) return hit;
  const { doc } = firstDocument(text);
  const seq = resourcesSeq(doc, { read: true });
  const entries = seq
    ? Object.freeze(seq.items.map(i => entryValue(doc, i) ?? String(i)))
    : null;
  if (listed.size >= LISTED_MAX) listed.delete(listed.keys().next().value!);
  listed.set(text, entries);
  return entries;
}

/**
 * `text` with `entry` appended to `resources` unless an entry already
 * resolves to the same path. Creates the list when the file has none.
 *
 * @public
 */
export function addResource(
  text: string,
  listFile: string,
  entry: string,
): string {
  const { doc, end } = firstDocument(text);
  const eol = lineBreakOf(text);
  const want = entryTarget(listFile, entry);
  let seq = resourcesSeq(doc, { listFile });
  if (
    seq?.items.some(i => {
      const value = entryValue(doc, i);
      return value !== undefined && entryTarget(listFile, value) === want;
    })
  ) {
    return text;
  }
  const first = seq?.items[0];
  const quote = isScalar(first) ? QUOTES[first.type ?? ''] ?? '' : '';
  const last = seq?.items[seq.items.length - 1];
  const lastStart =
    isScalar(last) || isAlias(last) ? last.range ?? undefined : undefined;
  const lineStart = lastStart
    ? text.lastIndexOf('\n', lastStart[0] - 1) + 1
    : 0;
  // the last entry's indentation, before its `-` (an anchor or a tag may
  // sit between the `-` and the value)
  const dash = lastStart && /^([ \t]*)-[ \t]/.exec(text.slice(lineStart));
  if (seq && !seq.flow && lastStart && dash) {
    // a block list: one new line after the last entry's line, at its column,
    // so every other byte (comments on the key, blank lines) stays as it was
    let lineEnd = text.indexOf('\n', lastStart[1]);
    if (lineEnd === -1) lineEnd = text.length;
    const line = `${dash[1]}- ${quote}${entry}${quote}`;
    return checked(
      lineEnd === text.length
        ? `${text}${eol}${line}`
        : `${text.slice(0, lineEnd + 1)}${line}${eol}${text.slice(
            lineEnd + 1,
          )}`,
      listFile,
    );
  }
  if (seq?.flow) {
    const out = appendToFlow(text, seq, `${quote}${entry}${quote}`);
    if (out !== undefined) return checked(out, listFile);
  }
  if (!seq) {
    seq = new YAMLSeq();
    doc.set('resources', seq);
  }
  const item = new Scalar(entry);
  if (quote) item.type = quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  seq.items.push(item);
  return checked(render(doc, text, end), listFile);
}

/**
 * `text` without the `resources` entries that resolve to `target`; unchanged when there is none.
 *
 * @public
 */
export function removeResource(
  text: string,
  listFile: string,
  target: string,
): string {
  const { doc, end } = firstDocument(text);
  const seq = resourcesSeq(doc, { listFile });
  if (!seq) return text;
  const gone = seq.items.filter(i => {
    const value = entryValue(doc, i);
    return value !== undefined && entryTarget(listFile, value) === target;
  }) as Array<Scalar | Alias>;
  if (gone.length === 0) return text;
  if (!seq.flow && gone.every(i => i.range)) {
    // a block list: drop the entries' lines only, from the last to the first
    let out = text;
    for (const item of [...gone].reverse()) {
      const lineStart = out.lastIndexOf('\n', item.range![0] - 1) + 1;
      const lineEnd = out.indexOf('\n', item.range![1]);
      // the file's last line without a line break: drop the break before
      // it instead (both bytes of a CRLF)
      const before = out[lineStart - 2] === '\r' ? 2 : 1;
      out =
        lineEnd === -1
          ? out.slice(0, Math.max(0, lineStart - before))
          : out.slice(0, lineStart) + out.slice(lineEnd + 1);
    }
    // an emptied block list would read as `resources: null`: say `[]` on the key's line
    const key = keyOf(doc, 'resources');
    if (gone.length === seq.items.length && key?.range) {
      // after the list's own anchor or tag, if it has one
      const colon = out.indexOf(':', key.range[1]);
      const props = /^(?:[ \t]+[&!][^\s]*)*/.exec(out.slice(colon + 1))![0];
      const at = colon + 1 + props.length;
      out = `${out.slice(0, at)} []${out.slice(at)}`;
    }
    return checked(out, listFile);
  }
  if (seq.flow) {
    const out = removeFromFlow(text, seq, gone);
    if (out !== undefined) return checked(out, listFile);
  }
  seq.items = seq.items.filter(i => !gone.includes(i as Scalar | Alias));
  return checked(render(doc, text, end), listFile);
}

/** The key node of `name` in the document's top-level map. */
function keyOf(doc: Document, name: string): Scalar | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find(
    p => isScalar(p.key) && p.key.value === name,
  );
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/**
 * The first YAML document of `text` and where it ends: kubectl kustomize
 * reads only the first document of a kustomization file, so an edit touches
 * that one and leaves the bytes of the others as they are.
 */
function firstDocument(text: string): { doc: Document; end: number } {
  const docs = parseAllDocuments(text);
  if (docs.length > 1) return { doc: docs[0], end: docs[0].range[2] };
  return { doc: docs[0] ?? parseDocument(text), end: text.length };
}

/** The line break the file uses: CRLF when it has one, else LF. */
function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** An entry's string, through an alias to a scalar too. */
function entryValue(doc: Document, item: unknown): string | undefined {
  const node = isAlias(item) ? item.resolve(doc) : item;
  return isScalar(node) ? String(node.value) : undefined;
}

/**
 * The `resources` list of `doc`. A list given as an alias (`resources:
 * *shared`) is read through it, but not edited: its anchor belongs to
 * another key too, which an edit would change as well.
 */
function resourcesSeq(
  doc: Document,
  mode: { read: true } | { listFile: string },
): YAMLSeq | null {
  if (!isMap(doc.contents)) return null;
  const node = doc.get('resources', true);
  if (isAlias(node)) {
    if ('listFile' in mode) {
      throw new PromotionRefusal(
        `${mode.listFile}: resources is an alias (*${node.source}) of a list another key shares; edit that list by hand.`,
      );
    }
    const target = node.resolve(doc);
    return isSeq(target) ? (target as YAMLSeq) : null;
  }
  return isSeq(node) ? (node as YAMLSeq) : null;
}

/**
 * `out`, once its first document is known to parse: an edit never writes a
 * file kustomize would refuse (an entry's line that held an anchor another
 * key still aliases, say); the promotion is refused instead, changing no file.
 */
function checked(out: string, listFile: string): string {
  const { doc } = firstDocument(out);
  let error: unknown = doc.errors[0];
  if (!error) {
    try {
      // an alias whose anchor is gone is an error only once resolved
      doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      error = e;
    }
  }
  if (error) {
    throw new PromotionRefusal(
      `${listFile}: editing its resources would leave the file unreadable (${
        (error as Error).message
      }); edit it by hand.`,
    );
  }
  return out;
}

/**
 * The first document as text in the original file's style, followed by the
 * file's other documents as they were. `yaml` indents block
 * sequences under their key by default; files written `resources:\n- a`
 * (kubectl's and the seed's style) keep their entries at the key's column.
 */
function render(doc: Document, text: string, end: number): string {
  const original = text.slice(0, end);
  const indentSeq = !/^[A-Za-z_][\w-]*:\s*\n-\s/m.test(original);
  const indent = /^( +)\S/m.exec(original)?.[1].length ?? 2;
  let out = doc.toString({
    indentSeq,
    indent: Math.min(indent, 8),
    lineWidth: 0,
  });
  if (!original.endsWith('\n') && out !== '' && end === text.length)
    out = out.replace(/\n$/, '');
  if (lineBreakOf(text) === '\r\n') out = out.replace(/\r?\n/g, '\r\n');
  return out + text.slice(end);
}
