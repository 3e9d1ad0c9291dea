/*
 * go-yaml v2's emitter (emitterc.go) for scalars, ported line for line where
 * the output depends on it: the analysis that decides which styles a string
 * allows (yaml_emitter_analyze_scalar), and the writers of the plain,
 * single-quoted, double-quoted and literal styles, with their line folding
 * at 80 columns. Columns count code points, as the emitter counts UTF-8
 * characters.
 */

/** The emitter's position and flags (yaml_emitter_t fields of the same names). */
export interface EmitterState {
  out: string;
  column: number;
  indent: number;
  whitespace: boolean;
  indention: boolean;
}

/** yaml_emitter_t best_width and best_indent as Marshal leaves them. */
export const BEST_WIDTH = 80;
export const BEST_INDENT = 2;

const isBreak = (c: number) =>
  c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number) => c === 0x20 || c === 0x09;
/** yamlprivateh.go is_printable, on code points. */
const isPrintable = (c: number) =>
  c === 0x0a ||
  (c >= 0x20 && c <= 0x7e) ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

/** Which styles a scalar may take (yaml_emitter_t scalar_data). */
export interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const FIRST_INDICATORS = new Set('#,[]{}&*!|>\'"%@`');

/** yaml_emitter_analyze_scalar. */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (value.length === 0) {
    return {
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0; i < value.length; ) {
    const c = value.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    const last = i + w >= value.length;
    const followedByWhitespace = last || isBlank(value.charCodeAt(i + w));
    const ch = value[i];
    if (i === 0) {
      if (FIRST_INDICATORS.has(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(ch)) {
      flowIndicators = true;
    } else if (ch === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === 0;
    i += w;
  }
  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.flowPlainAllowed = a.blockPlainAllowed = false;
    a.singleQuotedAllowed = a.blockAllowed = false;
  }
  if (lineBreaks) a.flowPlainAllowed = a.blockPlainAllowed = false;
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

function putBreak(e: EmitterState) {
  e.out += '\n';
  e.column = 0;
}

const SPACES = ' '.repeat(64);

/** yaml_emitter_write_indent. */
export function writeIndent(e: EmitterState) {
  const indent = Math.max(e.indent, 0);
  if (
    !e.indention ||
    e.column > indent ||
    (e.column === indent && !e.whitespace)
  ) {
    putBreak(e);
  }
  if (e.column < indent) {
    const n = indent - e.column;
    e.out += n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
    e.column = indent;
  }
  e.whitespace = true;
  e.indention = true;
}

/** yaml_emitter_write_indicator. */
export function writeIndicator(
  e: EmitterState,
  indicator: string,
  needWhitespace: boolean,
  isWhitespace: boolean,
  isIndention: boolean,
) {
  if (needWhitespace && !e.whitespace) {
    e.out += ' ';
    e.column++;
  }
  e.out += indicator;
  e.column += indicator.length;
  e.whitespace = isWhitespace;
  e.indention = e.indention && isIndention;
}

/**
 * yaml_emitter_write_plain_scalar and write_single_quoted_scalar (which
 * differ only in the quotes, the doubling of `'` and where a fold may go).
 * A string with a line feed never gets here (it is a literal block or
 * double-quoted); one with a Unicode line separator can.
 */
export function writeFlowScalar(
  e: EmitterState,
  value: string,
  quoted: boolean,
  allowBreaks: boolean,
) {
  if (quoted) writeIndicator(e, "'", true, false, false);
  else if (!e.whitespace) {
    e.out += ' ';
    e.column++;
  }
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < value.length; ) {
    const c = value.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    if (c === 0x20) {
      const next = value.charCodeAt(i + 1);
      if (
        allowBreaks &&
        !spaces &&
        e.column > BEST_WIDTH &&
        next !== 0x20 &&
        (!quoted || (i > 0 && i < value.length - 1))
      ) {
        writeIndent(e);
      } else {
        e.out += ' ';
        e.column++;
      }
      spaces = true;
    } else if (isBreak(c)) {
      // only a Unicode line or paragraph separator gets here: a line feed
      // makes the string a literal block or double-quoted
      if (!breaks && c === 0x0a) putBreak(e);
      e.out += c === 0x0a ? '\n' : value.slice(i, i + w);
      e.column = 0;
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      const ch = value.slice(i, i + w);
      e.out += quoted && ch === "'" ? "''" : ch;
      e.column += quoted && ch === "'" ? 2 : 1;
      e.indention = false;
      spaces = false;
      breaks = false;
    }
    i += w;
  }
  if (quoted) writeIndicator(e, "'", false, false, false);
  e.whitespace = false;
  e.indention = false;
}
