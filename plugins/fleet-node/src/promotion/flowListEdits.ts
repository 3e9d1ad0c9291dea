/*
 * Edits of a flow list (`resources: [a, b]`, on one line or several) as
 * text splices at the ranges `yaml` reports, instead of re-rendering the
 * document: a re-render re-spaced the brackets and dropped a comment that
 * sat on its own line before a removed entry (found by
 * editResources.fuzz.test.ts). Every byte outside the entry, its comma
 * and its own line stays as it was.
 */
import { type Alias, isAlias, isScalar, type Scalar, type YAMLSeq } from 'yaml';

/** `text` with `entry` (already quoted) after the last item of `seq`. */
export function appendToFlow(
  text: string,
  seq: YAMLSeq,
  entry: string,
): string | undefined {
  const last = seq.items[seq.items.length - 1];
  if (!seq.range) return undefined;
  if (!last) {
    const open = text.indexOf('[', seq.range[0]);
    return `${text.slice(0, open + 1)}${entry}${text.slice(open + 1)}`;
  }
  if ((!isScalar(last) && !isAlias(last)) || !last.range) return undefined;
  const at = last.range[1];
  const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
  const multiLine = text.slice(seq.range[0], last.range[0]).includes('\n');
  // one entry a line: the new one on a line of its own, at the last one's
  // column, after the file's own line break (CRLF or LF)
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = multiLine
    ? `,${eol}${text.slice(lineStart, last.range[0]).replace(/\S.*$/, '')}`
    : ', ';
  return `${text.slice(0, at)}${sep}${entry}${text.slice(at)}`;
}

/** `text` without the items `gone` of `seq`, each with one comma and its own line. */
export function removeFromFlow(
  text: string,
  seq: YAMLSeq,
  gone: Array<Scalar | Alias>,
): string | undefined {
  if (gone.some(i => !i.range)) return undefined;
  let out = text;
  // from the last to the first, so earlier ranges stay valid
  for (const item of [...gone].reverse()) {
    const idx = seq.items.indexOf(item);
    const [start, end] = item.range!;
    const after = /^[ \t]*,[ \t]*/.exec(out.slice(end));
    let from = start;
    let to = end;
    if (after && idx < seq.items.length - 1) {
      to = end + after[0].length;
    } else if (idx > 0) {
      // the last item: the comma after the previous item goes instead
      const prev = seq.items[idx - 1] as Scalar | Alias;
      const comma = out.indexOf(',', prev.range![1]);
      out = `${out.slice(0, comma)}${out.slice(comma + 1)}`;
      from -= 1;
      to -= 1;
      const gap = /[ \t]*$/.exec(out.slice(0, from))![0];
      if (!out.slice(comma, from).includes('\n')) from -= gap.length;
    }
    const lineStart = out.lastIndexOf('\n', from - 1) + 1;
    let lineEnd = out.indexOf('\n', to);
    if (lineEnd === -1) lineEnd = out.length;
    const rest = out.slice(lineStart, from) + out.slice(to, lineEnd);
    // alone on its line (with, at most, its own comment and a CRLF's CR):
    // the line goes
    if (
      /^[ \t]*(#[^\r\n]*)?\r?$/.test(rest) &&
      out.slice(lineStart, lineEnd).trim()
    ) {
      out =
        out.slice(0, lineStart) + out.slice(Math.min(lineEnd + 1, out.length));
    } else {
      out = out.slice(0, from) + out.slice(to);
    }
  }
  return out;
}
