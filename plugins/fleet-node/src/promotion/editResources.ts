/*
 * Edits of a kustomization's `resources` list through the `yaml` Document
 * API, so that a promotion keeps what a reviewer cares about: comments, the
 * order of the entries, the file's indentation and its own list style (block
 * or flow, `- x` at the key's column or indented under it). Every edit is
 * idempotent: adding an entry that is there, or removing one that is not,
 * returns the text unchanged.
 */
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLSeq } from 'yaml';
import { appendToFlow, removeFromFlow } from './flowListEdits';

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
  const seq = resourcesSeq(parseDocument(text));
  const entries = seq
    ? Object.freeze(seq.items.map(i => String(isScalar(i) ? i.value : i)))
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
  const doc = parseDocument(text);
  const want = entryTarget(listFile, entry);
  let seq = resourcesSeq(doc);
  if (
    seq?.items.some(
      i => isScalar(i) && entryTarget(listFile, String(i.value)) === want,
    )
  ) {
    return text;
  }
  const first = seq?.items[0];
  const quote = isScalar(first) ? QUOTES[first.type ?? ''] ?? '' : '';
  const last = seq?.items[seq.items.length - 1];
  if (seq && !seq.flow && isScalar(last) && last.range) {
    // a block list: one new line after the last entry's line, at its column,
    // so every other byte (comments on the key, blank lines) stays as it was
    const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
    const dash = text.slice(lineStart, last.range[0]).replace(/-\s*$/, '');
    let lineEnd = text.indexOf('\n', last.range[1]);
    if (lineEnd === -1) lineEnd = text.length;
    const line = `${dash}- ${quote}${entry}${quote}`;
    return lineEnd === text.length
      ? `${text}\n${line}`
      : `${text.slice(0, lineEnd + 1)}${line}\n${text.slice(lineEnd + 1)}`;
  }
  if (seq?.flow) {
    const out = appendToFlow(text, seq, `${quote}${entry}${quote}`);
    if (out !== undefined) return out;
  }
  if (!seq) {
    seq = new YAMLSeq();
    doc.set('resources', seq);
  }
  const item = new Scalar(entry);
  if (quote) item.type = quote === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  seq.items.push(item);
  return render(doc, text);
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
  const doc = parseDocument(text);
  const seq = resourcesSeq(doc);
  if (!seq) return text;
  const gone = seq.items.filter(
    i => isScalar(i) && entryTarget(listFile, String(i.value)) === target,
  );
  if (gone.length === 0) return text;
  if (!seq.flow && gone.every(i => isScalar(i) && i.range)) {
    // a block list: drop the entries' lines only, from the last to the first
    let out = text;
    for (const item of [...gone].reverse() as Scalar[]) {
      const lineStart = out.lastIndexOf('\n', item.range![0] - 1) + 1;
      const lineEnd = out.indexOf('\n', item.range![1]);
      // the file's last line without a newline: drop the newline before it instead
      out =
        lineEnd === -1
          ? out.slice(0, Math.max(0, lineStart - 1))
          : out.slice(0, lineStart) + out.slice(lineEnd + 1);
    }
    // an emptied block list would read as `resources: null`: say `[]` on the key's line
    const key = keyOf(doc, 'resources');
    if (gone.length === seq.items.length && key?.range) {
      const colon = out.indexOf(':', key.range[1]);
      out = `${out.slice(0, colon + 1)} []${out.slice(colon + 1)}`;
    }
    return out;
  }
  if (seq.flow) {
    const out = removeFromFlow(text, seq, gone as Scalar[]);
    if (out !== undefined) return out;
  }
  seq.items = seq.items.filter(i => !gone.includes(i));
  return render(doc, text);
}

/** The key node of `name` in the document's top-level map. */
function keyOf(
  doc: ReturnType<typeof parseDocument>,
  name: string,
): Scalar | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find(
    p => isScalar(p.key) && p.key.value === name,
  );
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

function resourcesSeq(doc: ReturnType<typeof parseDocument>): YAMLSeq | null {
  if (!isMap(doc.contents)) return null;
  const node = doc.get('resources', true);
  return isSeq(node) ? (node as YAMLSeq) : null;
}

/**
 * The document as text in the original file's style. `yaml` indents block
 * sequences under their key by default; files written `resources:\n- a`
 * (kubectl's and the seed's style) keep their entries at the key's column.
 */
function render(
  doc: ReturnType<typeof parseDocument>,
  original: string,
): string {
  const indentSeq = !/^[A-Za-z_][\w-]*:\s*\n-\s/m.test(original);
  const indent = /^( +)\S/m.exec(original)?.[1].length ?? 2;
  const out = doc.toString({
    indentSeq,
    indent: Math.min(indent, 8),
    lineWidth: 0,
  });
  return original.endsWith('\n') || out === '' ? out : out.replace(/\n$/, '');
}
