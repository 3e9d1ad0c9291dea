/*
 * Where go-yaml's scanner (libyaml's, shared by yaml.v2 in sigs.k8s.io/yaml
 * and yaml.v3 in kyaml) reads the same text differently from the `yaml`
 * package, measured against `kubectl kustomize` (v5.5):
 *
 * - U+0085 (NEL) is a line break to go-yaml (`is_break`), as in YAML 1.1;
 *   YAML 1.2 made it an ordinary character. Inside a quoted scalar it folds
 *   to a space (`"x<NEL>y"` is `x y`); in a plain or block scalar it ends the
 *   line, which usually makes the next text an error.
 * - U+2028 (LS) and U+2029 (PS) are line breaks to go-yaml too, in plain,
 *   block and quoted scalars and in comments alike. Inside a quoted scalar
 *   libyaml's READ_LINE keeps them (NEL becomes a line feed, LS and PS stay
 *   themselves) and the folding keeps a break that is not a line feed, so
 *   `"x <LS>  y"` is `x<LS>y`: the white space around it goes, the character
 *   stays. kubectl's emitter writes such a value back across two lines
 *   (`'x<LS>    y'`), which go-yaml reads back as the same value.
 * - A tab in the white space after a block-sequence `-` or an explicit-key
 *   `?` (or an explicit value's `:` at a line start) is refused: go-yaml eats
 *   tabs only where a simple key cannot start (`yaml_parser_scan_to_next_token`),
 *   and fails with "found character that cannot start any token".
 * - A quoted (or `!!str`-tagged) `<<` key: yaml.v3 does not merge it, and
 *   kyaml then drops the pair from a resource whatever its value; in a
 *   kustomization file sigs.k8s.io/yaml keeps it as a key, which kustomize
 *   refuses (an unknown field, or "map merge requires map or sequence of
 *   maps" once the builtin transformer's configuration is re-read).
 */
import { CST, Lexer, isScalar, visit } from 'yaml';
import type { Document, LineCounter, Scalar } from 'yaml';

/** A place where go-yaml refuses text the `yaml` package accepts. */
export interface GoLexicalHazard {
  /** 1-based line, counting NEL as a line break as go-yaml does. */
  line: number;
  /** A sentence without the file name. */
  message: string;
}

/** Tokens of the `yaml` lexer that stand for no source text. */
const MARKERS = new Set(['doc-mode', 'scalar', 'flow-error-end']);

/** go-yaml's line breaks that the `yaml` package reads as ordinary characters. */
const GO_BREAKS = /[\u0085\u2028\u2029]/;

/**
 * A single-quoted scalar token written as the double-quoted scalar of the
 * same value: the same folding rules, and escapes to write LS and PS with.
 */
function asDoubleQuoted(token: string): string {
  const inner = token
    .slice(1, -1)
    .replace(/''/g, "'")
    .replace(/[\\"]/g, c => `\\${c}`);
  return `"${inner}"`;
}

/** A quoted scalar token read as go-yaml reads its NEL, LS and PS. */
function quotedBreaks(token: string, column: number): string {
  const indent = `\n${' '.repeat(column)}`;
  let out = token.replace(/\u0085/g, indent);
  if (!/[\u2028\u2029]/.test(out)) return out;
  if (out.length > 1 && out.startsWith("'") && out.endsWith("'"))
    out = asDoubleQuoted(out);
  // `\L` / `\P` write the character, the escaped line break keeps go-yaml's
  // line count and, like go-yaml, drops the white space after the break
  return out.replace(
    /[ \t]*([\u2028\u2029])[ \t]*/g,
    (_m, c: string) => `${c === '\u2028' ? '\\L' : '\\P'}\\${indent}`,
  );
}

/**
 * `text` with each of go-yaml's line breaks that YAML 1.2 does not know
 * (NEL, LS, PS) read as go-yaml reads it; the same string when there is
 * none. Outside quoted scalars each is a line break. Inside a quoted scalar
 * NEL folds to a space, and the new line is indented to the scalar's
 * opening quote, because go-yaml folds the break whatever the next line's
 * indentation, where the `yaml` package wants a continuation line
 * indented; LS and PS stay in the value (see {@link quotedBreaks}). The
 * line count is go-yaml's either way.
 */
export function goLineBreaks(text: string): string {
  if (!GO_BREAKS.test(text)) return text;
  let out = '';
  let column = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type && MARKERS.has(type)) continue;
    const quoted =
      type === 'single-quoted-scalar' || type === 'double-quoted-scalar';
    const read = quoted
      ? quotedBreaks(token, column)
      : token.replace(/[\u0085\u2028\u2029]/g, '\n');
    out += read;
    const lastBreak = read.lastIndexOf('\n');
    column = lastBreak < 0 ? column + read.length : read.length - lastBreak - 1;
  }
  return out;
}

/**
 * The first tab that go-yaml refuses after a block indicator (`-`, `?`, or a
 * `:` opening a line), or undefined. Call it on text already passed through
 * {@link goLineBreaks}. Costs nothing for text without a tab.
 */
export function goTabHazard(text: string): GoLexicalHazard | undefined {
  if (!text.includes('\t')) return undefined;
  let offset = 0;
  let flow = 0;
  let lineStart = true;
  let after: string | undefined;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type && MARKERS.has(type)) continue;
    if (after !== undefined && type === 'space' && token.includes('\t')) {
      const line = text.slice(0, offset).split('\n').length;
      return {
        line,
        message: `has a tab after "${after}", which kustomize's YAML reader refuses ("found character that cannot start any token")`,
      };
    }
    after = undefined;
    if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
    else if ((type === 'flow-map-end' || type === 'flow-seq-end') && flow > 0)
      flow--;
    else if (
      flow === 0 &&
      (type === 'seq-item-ind' || type === 'explicit-key-ind')
    )
      after = token;
    else if (flow === 0 && type === 'map-value-ind' && lineStart) after = ':';
    if (type === 'newline') lineStart = true;
    else if (type !== 'space') lineStart = false;
    offset += token.length;
  }
  return undefined;
}

/** True for a `<<` key that the `yaml` package does not merge: quoted, or tagged `!!str`. */
function isQuotedMergeKey(key: unknown): key is Scalar {
  if (!isScalar(key) || key.value !== '<<') return false;
  return (
    (key.type !== undefined && key.type !== 'PLAIN') ||
    key.tag === 'tag:yaml.org,2002:str'
  );
}

/** The line of the first quoted `<<` key of `doc`, or undefined when it has none. */
export function quotedMergeKeyLine(
  doc: Document,
  lineCounter: LineCounter,
): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isQuotedMergeKey(pair.key)) return undefined;
      const start = pair.key.range?.[0] ?? 0;
      line = lineCounter.linePos(start).line;
      return visit.BREAK;
    },
  });
  return line;
}

/**
 * Removes every pair of `doc` whose key is a quoted `<<`, as kubectl drops
 * them from a resource. Cheap for documents without `<<` in their text.
 */
export function dropQuotedMergeKeys(doc: Document, text: string): void {
  if (!text.includes('<<')) return;
  visit(doc, {
    Pair(_key, pair) {
      return isQuotedMergeKey(pair.key) ? visit.REMOVE : undefined;
    },
  });
}
