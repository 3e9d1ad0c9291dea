/*
 * Where go-yaml's scanner (libyaml's, shared by yaml.v2 in sigs.k8s.io/yaml
 * and yaml.v3 in kyaml) reads the same text differently from the `yaml`
 * package, measured against `kubectl kustomize` (v5.5):
 *
 * - U+0085 (NEL) is a line break to go-yaml (`is_break`), as in YAML 1.1;
 *   YAML 1.2 made it an ordinary character. Inside a quoted scalar it folds
 *   to a space (`"x<NEL>y"` is `x y`); in a plain or block scalar it ends the
 *   line, which usually makes the next text an error.
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

/**
 * `text` with each NEL made the line break go-yaml takes it for; the same
 * string when there is none. Inside a quoted scalar the new line is indented
 * to the scalar's opening quote, because go-yaml folds the break to a space
 * whatever the next line's indentation, where the `yaml` package wants a
 * continuation line indented; the line count is go-yaml's either way.
 */
export function goLineBreaks(text: string): string {
  if (!text.includes('\u0085')) return text;
  let out = '';
  let column = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type && MARKERS.has(type)) continue;
    const quoted =
      type === 'single-quoted-scalar' || type === 'double-quoted-scalar';
    const read = token.replace(
      /\u0085/g,
      quoted ? `\n${' '.repeat(column)}` : '\n',
    );
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
