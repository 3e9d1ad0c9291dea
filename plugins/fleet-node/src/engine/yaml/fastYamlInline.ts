/*
 * The single-line pieces of the fast YAML path (see fastYaml.ts): mapping
 * keys, plain and quoted scalars, and flow collections that fit on one line.
 * Anything else throws GiveUp, so the caller falls back to the yaml package.
 */
import { resolveGoPlain } from './goScalars';

/** Thrown when the input leaves the fast path's subset. */
export class GiveUp extends Error {}

/** Leaves the fast path. */
export const giveUp = (): never => {
  throw new GiveUp();
};

/** `key: rest` or `key:` with a plain or single-line quoted key; undefined when the line is no mapping entry. */
export function keyOf(text: string): { key: string; rest: string } | undefined {
  const simple = simpleKeyEnd(text);
  if (simple > 0) {
    // the common `name: value`: same result as the general path below, without its regular expression
    const resolved = resolveGoPlain(text.slice(0, simple));
    if (typeof resolved !== 'string') giveUp();
    return {
      key: resolved as string,
      rest: simple + 1 < text.length ? text.slice(simple + 2).trimStart() : '',
    };
  }
  let key: string;
  let after: string;
  if (text.startsWith('"') || text.startsWith("'")) {
    const q = quoted(text, 0);
    if (!q) return undefined;
    key = q.value;
    after = text.slice(q.end);
    if (!after.startsWith(':')) return undefined;
  } else {
    const m = /^([^\s#&*!|>'"%@`{}[\],?:-]|[?:-](?=\S))(.*?)\s*:(?:\s|$)/.exec(
      text,
    );
    if (!m) return undefined;
    const rawKey = text.slice(0, m[0].lastIndexOf(':')).trimEnd();
    if (rawKey.includes(' #')) giveUp();
    const resolved = resolveGoPlain(rawKey);
    if (typeof resolved !== 'string' || /^[?:]/.test(rawKey)) giveUp();
    key = resolved as string;
    after = text.slice(m[0].lastIndexOf(':'));
  }
  if (after.length > 1 && after[1] !== ' ') return undefined;
  return { key, rest: after.slice(1).trimStart() };
}

/**
 * The index of the colon of a plain key made of letters, digits and `_./-`
 * (starting with a letter or `_`) followed by a space or the end of the
 * line; 0 when the line does not start that way.
 */
function simpleKeyEnd(text: string): number {
  const n = text.length;
  const c0 = text.charCodeAt(0);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95))
    return 0;
  let i = 1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 45 && c <= 57) ||
      c === 95
    )
      continue;
    break;
  }
  if (i >= n || text.charCodeAt(i) !== 58) return 0;
  return i + 1 === n || text.charCodeAt(i + 1) === 32 ? i : 0;
}

/** A single-line scalar or flow collection, with an optional trailing comment. */
export function inlineValue(text: string, depth: number): unknown {
  const r = flowNode(text, 0, false, depth);
  if (!/^(\s*|\s+#.*)$/.test(text.slice(r.end))) giveUp();
  return r.value;
}

function flowNode(
  text: string,
  at: number,
  inFlow: boolean,
  depth: number,
): { value: unknown; end: number } {
  if (depth > 100) giveUp();
  const c = text[at];
  if (c === '"' || c === "'") {
    const q = quoted(text, at) ?? giveUp();
    return { value: q.value, end: q.end };
  }
  if (c === '[' || c === '{') {
    const isMap = c === '{';
    const out: Record<string, unknown> = {};
    const list: unknown[] = [];
    let i = skipSpaces(text, at + 1);
    if (text[i] === (isMap ? '}' : ']'))
      return { value: isMap ? out : list, end: i + 1 };
    for (;;) {
      if (isMap) {
        const k = flowNode(text, i, true, depth + 1);
        if (
          typeof k.value !== 'string' ||
          k.value === '__proto__' ||
          Object.prototype.hasOwnProperty.call(out, k.value)
        )
          giveUp();
        i = skipSpaces(text, k.end);
        if (text[i] !== ':' || text[i + 1] !== ' ') giveUp();
        const v = flowNode(text, skipSpaces(text, i + 1), true, depth + 1);
        out[k.value as string] = v.value;
        i = skipSpaces(text, v.end);
      } else {
        const v = flowNode(text, i, true, depth + 1);
        list.push(v.value);
        i = skipSpaces(text, v.end);
        if (text[i] === ':') giveUp();
      }
      if (text[i] === ',') {
        i = skipSpaces(text, i + 1);
        if (text[i] === ']' || text[i] === '}') giveUp();
        continue;
      }
      if (text[i] !== (isMap ? '}' : ']')) giveUp();
      return { value: isMap ? out : list, end: i + 1 };
    }
  }
  // plain scalar
  if (
    c === undefined ||
    /[#&*!|>'"%@`{}[\],]/.test(c) ||
    (/[?:-]/.test(c) && /[\s,[\]{}]|^$/.test(text[at + 1] ?? ''))
  )
    giveUp();
  let i = at;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (
      ch === ':' &&
      (i + 1 === text.length ||
        text[i + 1] === ' ' ||
        (inFlow && /[,[\]{}]/.test(text[i + 1])))
    ) {
      if (!inFlow) giveUp();
      break;
    }
    if (ch === '#' && text[i - 1] === ' ') break;
    if (inFlow && /[,[\]{}]/.test(ch)) break;
  }
  const rawValue = text.slice(at, i).trimEnd();
  return { value: resolveGoPlain(rawValue), end: at + rawValue.length };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ') i++;
  return i;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A single-line quoted scalar starting at `at`. */
function quoted(
  text: string,
  at: number,
): { value: string; end: number } | undefined {
  const q = text[at];
  let out = '';
  for (let i = at + 1; i < text.length; i++) {
    const ch = text[i];
    if (q === "'") {
      if (ch === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i++;
          continue;
        }
        return { value: out, end: i + 1 };
      }
      out += ch;
    } else if (ch === '"') {
      return { value: out, end: i + 1 };
    } else if (ch === '\\') {
      const e = text[i + 1];
      const hex = HEX_ESCAPES[e] ?? 0;
      if (hex) {
        const digits = text.slice(i + 2, i + 2 + hex);
        if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) giveUp();
        out += String.fromCodePoint(parseInt(digits, 16));
        i += 1 + hex;
      } else {
        if (e === undefined || !(e in ESCAPES)) giveUp();
        out += ESCAPES[e];
        i++;
      }
    } else {
      out += ch;
    }
  }
  return giveUp();
}
