/*
 * go-yaml v2's writers for the two styles that can hold any string
 * (emitterc.go): double-quoted, with its escapes and line folding, and
 * literal blocks, with their indentation and chomping indicators.
 */
import {
  BEST_INDENT,
  BEST_WIDTH,
  type EmitterState,
  writeIndent,
  writeIndicator,
} from './emitScalar';

const isBreak = (c: number) =>
  c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isPrintable = (c: number) =>
  c === 0x0a ||
  (c >= 0x20 && c <= 0x7e) ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

const SHORT_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function escape(c: number): string {
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) return `\\${short}`;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (c <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** yaml_emitter_write_double_quoted_scalar. */
export function writeDoubleQuoted(
  e: EmitterState,
  value: string,
  allowBreaks: boolean,
) {
  writeIndicator(e, '"', true, false, false);
  // yamlprivateh.go is_bom looks at the start of the value whatever the
  // index, so a value starting with a BOM has every character escaped
  const bom = value.charCodeAt(0) === 0xfeff;
  let spaces = false;
  for (let i = 0; i < value.length; ) {
    const c = value.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    if (bom || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
      const text = escape(c);
      e.out += text;
      e.column += text.length;
      spaces = false;
    } else if (c === 0x20) {
      if (
        allowBreaks &&
        !spaces &&
        e.column > BEST_WIDTH &&
        i !== 0 &&
        i !== value.length - 1
      ) {
        writeIndent(e);
        if (value.charCodeAt(i + 1) === 0x20) {
          e.out += '\\';
          e.column++;
        }
      } else {
        e.out += ' ';
        e.column++;
      }
      spaces = true;
    } else {
      e.out += value.slice(i, i + w);
      e.column++;
      spaces = false;
    }
    i += w;
  }
  writeIndicator(e, '"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

/** yaml_emitter_write_block_scalar_hints: `|2` for a leading space or break, then `-` or `+`. */
function blockHints(value: string): string {
  let hints = '';
  const first = value.charCodeAt(0);
  if (first === 0x20 || isBreak(first)) hints += String(BEST_INDENT);
  if (value.length === 0) return `${hints}-`;
  const last = value.codePointAt(value.length - 1)!;
  if (!isBreak(last)) return `${hints}-`;
  if (value.length === 1) return `${hints}+`;
  return isBreak(value.charCodeAt(value.length - 2)) ? `${hints}+` : hints;
}

/** yaml_emitter_write_literal_scalar. */
export function writeLiteral(e: EmitterState, value: string) {
  writeIndicator(e, '|', true, false, false);
  const hints = blockHints(value);
  if (hints) writeIndicator(e, hints, false, false, false);
  e.out += '\n';
  e.column = 0;
  e.indention = true;
  e.whitespace = true;
  let breaks = true;
  for (let i = 0; i < value.length; ) {
    const c = value.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    if (isBreak(c)) {
      // write_break: a line feed is a newline; other breaks are copied
      e.out += c === 0x0a ? '\n' : value.slice(i, i + w);
      e.column = 0;
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      e.out += value.slice(i, i + w);
      e.column++;
      e.indention = false;
      breaks = false;
    }
    i += w;
  }
}
