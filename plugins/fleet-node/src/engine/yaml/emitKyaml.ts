/*
 * Objects printed byte for byte as `kustomize build` prints them. kustomize
 * (resmap AsYaml) marshals each resource to JSON and through
 * sigs.k8s.io/yaml JSONToYAML, i.e. go-yaml v2's Marshal of Go maps, and
 * joins the documents with `---\n`. So: keys in go-yaml's natural order,
 * 2-space indentation with sequences not indented under their key, empty
 * collections as `{}` / `[]`, strings a YAML 1.1 reader would take for
 * something else double-quoted, strings with a line feed as literal blocks,
 * and long lines folded at spaces after column 80. The block structure below
 * follows emitterc.go's states (block mapping key/value, block sequence item).
 */
import { writeDoubleQuoted, writeLiteral } from './emitMultiline';
import { kyamlQuotes } from './emitResolve';
import { goKeyLess, sortKeysLikeGoYaml } from './emitKeyOrder';
import {
  analyzeScalar,
  BEST_INDENT,
  type EmitterState,
  writeFlowScalar,
  writeIndent,
  writeIndicator,
} from './emitScalar';

type Style = 'plain' | 'single' | 'double' | 'literal';

/** A string every style allows and no reader mistakes: written as is. */
const SAFE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,60}$/;

/** A number as encoding/json then go-yaml v2 print it (encode.go intv / floatv). */
export function formatGoNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  // JSON has no int/float distinction: an integral value reads back as an
  // int when it fits int64 or uint64
  if (Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 64)
    return BigInt(n).toString();
  // strconv.FormatFloat(f, 'g', -1, 64): shortest digits, %e when the
  // exponent is < -4 or >= 6 (the precision 'g' uses for shortest output)
  const [mantissa, exp] = Math.abs(n).toExponential().split('e');
  const e = Number(exp);
  const sign = n < 0 ? '-' : '';
  if (e < -4 || e >= 6) {
    const digits = String(Math.abs(e)).padStart(2, '0');
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${digits}`;
  }
  return `${sign}${String(Math.abs(n))}`;
}

function withScalarIndent(e: EmitterState, write: () => void) {
  // yaml_emitter_emit_scalar: increase_indent(flow=true) around the scalar
  const saved = e.indent;
  e.indent = saved < 0 ? BEST_INDENT : saved + BEST_INDENT;
  write();
  e.indent = saved;
}

function writePlainText(e: EmitterState, text: string) {
  if (!e.whitespace) {
    e.out += ' ';
    e.column++;
  }
  e.out += text;
  e.column += text.length;
  e.whitespace = false;
  e.indention = false;
}

/**
 * The style of each string, and key orders already sorted: both repeat
 * across a fleet's objects (`apiVersion`, `metadata`, label values, image
 * references), so remembering them keeps printing cheap. Bounded so memory
 * stays flat.
 */
const CACHE_LIMIT = 50_000;
const valueStyles = new Map<string, Style>();
const keyStyles = new Map<string, Style>();
const keyOrders = new Map<string, string[]>();

function sortedKeys(map: Record<string, unknown>): string[] {
  const keys = Object.keys(map);
  // most objects come in kustomize's order already (apiVersion, kind,
  // metadata, spec): checking is cheaper than looking the order up
  let ordered = true;
  for (let i = 1; i < keys.length && ordered; i++)
    ordered = goKeyLess(keys[i - 1], keys[i]);
  if (ordered) return keys;
  const signature = keys.join('\u0000');
  let sorted = keyOrders.get(signature);
  if (sorted === undefined) {
    sorted = sortKeysLikeGoYaml([...keys]);
    if (keyOrders.size >= CACHE_LIMIT) keyOrders.clear();
    keyOrders.set(signature, sorted);
  }
  return sorted;
}

const simpleKeys = new Map<string, boolean>();

/**
 * yaml_emitter_check_simple_key: one line and at most 128 bytes (a UTF-16
 * unit is at most 3 UTF-8 bytes, so short keys need no count).
 */
function isSimpleKey(key: string): boolean {
  let simple = simpleKeys.get(key);
  if (simple === undefined) {
    simple =
      !/[\n\r\u0085\u2028\u2029]/.test(key) &&
      (key.length <= 42 || Buffer.byteLength(key, 'utf8') <= 128);
    if (simpleKeys.size >= CACHE_LIMIT) simpleKeys.clear();
    simpleKeys.set(key, simple);
  }
  return simple;
}

/** encode.go stringv's choice, then yaml_emitter_select_scalar_style. */
function selectStyle(s: string, simpleKey: boolean): Style {
  if (SAFE_PLAIN.test(s) && !kyamlQuotes(s)) return 'plain';
  let style: Style = 'plain';
  if (s.includes('\n')) style = 'literal';
  else if (kyamlQuotes(s)) style = 'double';
  const a = analyzeScalar(s);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed || (s === '' && simpleKey)) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function styleOf(s: string, simpleKey: boolean): Style {
  const styles = simpleKey ? keyStyles : valueStyles;
  let style = styles.get(s);
  if (style === undefined) {
    style = selectStyle(s, simpleKey);
    if (s.length <= 256) {
      if (styles.size >= CACHE_LIMIT) styles.clear();
      styles.set(s, style);
    }
  }
  return style;
}

/** A string in the style go-yaml chooses for it, written as its emitter writes it. */
function emitString(e: EmitterState, s: string, simpleKey: boolean) {
  const style = styleOf(s, simpleKey);
  // a plain string without spaces cannot fold: written as is
  if (style === 'plain' && !s.includes(' ')) {
    writePlainText(e, s);
    return;
  }
  withScalarIndent(e, () => {
    if (style === 'literal') writeLiteral(e, s);
    else if (style === 'double') writeDoubleQuoted(e, s, !simpleKey);
    else writeFlowScalar(e, s, style === 'single', !simpleKey);
  });
}

function emitMapping(e: EmitterState, map: Record<string, unknown>) {
  const keys = sortedKeys(map);
  let defined = 0;
  for (const key of keys) if (map[key] !== undefined) defined++;
  if (defined === 0) {
    writeIndicator(e, '{', true, true, false);
    writeIndicator(e, '}', false, false, false);
    return;
  }
  const saved = e.indent;
  e.indent = saved < 0 ? 0 : saved + BEST_INDENT;
  for (const key of keys) {
    const value = map[key];
    // encoding/json leaves undefined out
    if (value === undefined) continue;
    writeIndent(e);
    if (isSimpleKey(key)) {
      emitString(e, key, true);
      writeIndicator(e, ':', false, false, false);
    } else {
      writeIndicator(e, '?', true, false, true);
      emitString(e, key, false);
      writeIndent(e);
      writeIndicator(e, ':', true, false, true);
    }
    emitNode(e, value, true);
  }
  e.indent = saved;
}

function emitSequence(e: EmitterState, items: unknown[], inMapping: boolean) {
  if (items.length === 0) {
    writeIndicator(e, '[', true, true, false);
    writeIndicator(e, ']', false, false, false);
    return;
  }
  const saved = e.indent;
  // a sequence that is a mapping value is not indented under its key
  const indentless = inMapping && !e.indention;
  if (saved < 0) e.indent = 0;
  else if (!indentless) e.indent = saved + BEST_INDENT;
  for (const item of items) {
    writeIndent(e);
    writeIndicator(e, '-', true, false, true);
    emitNode(e, item === undefined ? null : item, false);
  }
  e.indent = saved;
}

function emitNode(e: EmitterState, v: unknown, inMapping: boolean) {
  if (typeof v === 'string') emitString(e, v, false);
  else if (typeof v === 'number') writePlainText(e, formatGoNumber(v));
  else if (typeof v === 'boolean') writePlainText(e, v ? 'true' : 'false');
  else if (v === null || v === undefined) writePlainText(e, 'null');
  else if (Array.isArray(v)) emitSequence(e, v, inMapping);
  else if (typeof v === 'bigint') writePlainText(e, v.toString());
  else emitMapping(e, v as Record<string, unknown>);
}

/** One object as the YAML document kustomize prints for it (ends with a newline). */
export function emitKyamlDocument(object: unknown): string {
  const e: EmitterState = {
    out: '',
    column: 0,
    indent: -1,
    whitespace: true,
    indention: true,
  };
  emitNode(e, object, false);
  // yaml_emitter_emit_document_end
  writeIndent(e);
  return e.out;
}

/**
 * Objects as `kustomize build` prints them: each document as
 * {@link emitKyamlDocument}, joined by `---\n`; the empty string for none.
 */
export function emitKyamlStream(objects: readonly unknown[]): string {
  return objects.map(emitKyamlDocument).join('---\n');
}
