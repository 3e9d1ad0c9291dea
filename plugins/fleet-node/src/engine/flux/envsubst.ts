/*
 * Flux's post-build variable syntax, as fluxcd/pkg/envsubst (a fork of
 * drone/envsubst) parses and evaluates it: `${var}`, the default operators
 * (`=`, `:=`, `:-`, `-`, `+`, `:+`, `?`, `:?`, which all mean "the value, or
 * the default when empty"), case (`^ ^^ , ,,`), length (`#`), substring
 * (`:off:len`), removal (`# ## % %%`) and replacement (`/ // /# /%`).
 * `$${var}` is an escape for the literal `${var}`.
 */

/** Thrown on a malformed `${…}` (Flux fails the Kustomization the same way). */
export class EnvsubstError extends Error {}

/**
 * Substitutes `${…}` expressions in `text`. `lookup` returns the value of a
 * variable, or undefined when unset (non-strict: unset reads as '').
 */
export function envsubst(
  text: string,
  lookup: (name: string) => string | undefined,
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') {
      // as drone/envsubst: `$$` escapes the dollar that follows
      out += '$';
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const { value, end } = evalExpr(text, i + 2, lookup);
      out += value;
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const IDENT = /[\p{L}\p{N}_]/u;

/** Evaluates the expression starting after `${` at `start`; returns its value and the index after `}`. */
function evalExpr(
  text: string,
  start: number,
  lookup: (n: string) => string | undefined,
): { value: string; end: number } {
  let i = start;
  if (text[i] === '#') {
    const name = readIdent(text, i + 1);
    if (!name || text[i + 1 + name.length] !== '}')
      throw new EnvsubstError(`bad substitution at offset ${start - 2}`);
    return {
      value: String((lookup(name) ?? '').length),
      end: i + 2 + name.length,
    };
  }
  const name = readIdent(text, i);
  if (!name)
    throw new EnvsubstError(
      `unable to parse variable name at offset ${start - 2}`,
    );
  i += name.length;
  const value = lookup(name) ?? '';
  if (text[i] === '}') return { value, end: i + 1 };
  const rest = text.slice(i);
  const op =
    /^(:=|:-|:\?|:\+|=|-|\?|\+|\^\^|\^|,,|,|##|#|%%|%|\/\/|\/#|\/%|\/|:)/.exec(
      rest,
    )?.[1];
  if (!op) throw new EnvsubstError(`bad substitution in \${${name}…}`);
  i += op.length;
  const { args, end } = readArgs(text, i, op, lookup);
  return { value: applyOp(op, value, args), end };
}

function readIdent(text: string, i: number): string {
  let j = i;
  while (j < text.length && IDENT.test(text[j])) j++;
  return text.slice(i, j);
}

/** Reads operator arguments up to the closing `}`; nested `${…}` are evaluated. */
function readArgs(
  text: string,
  start: number,
  op: string,
  lookup: (n: string) => string | undefined,
) {
  const args: string[] = [];
  let cur = '';
  let i = start;
  let sep: string | undefined;
  if (op === ':') sep = ':';
  else if (op.startsWith('/')) sep = '/';
  while (i < text.length) {
    const c = text[i];
    if (c === '}') {
      args.push(cur);
      return { args, end: i + 1 };
    }
    if (c === '$' && text[i + 1] === '{') {
      const r = evalExpr(text, i + 2, lookup);
      cur += r.value;
      i = r.end;
      continue;
    }
    if (
      c === '\\' &&
      (text[i + 1] === '/' || text[i + 1] === '\\') &&
      sep === '/'
    ) {
      cur += text[i + 1];
      i += 2;
      continue;
    }
    if (sep && c === sep && args.length === 0) {
      args.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += c;
    i++;
  }
  throw new EnvsubstError('missing closing brace');
}

function applyOp(op: string, v: string, args: string[]): string {
  switch (op) {
    case '^':
      return v ? v[0].toUpperCase() + v.slice(1) : v;
    case '^^':
      return v.toUpperCase();
    case ',':
      return v ? v[0].toLowerCase() + v.slice(1) : v;
    case ',,':
      return v.toLowerCase();
    case ':':
      return substr(v, args);
    case '#':
      return trimPrefix(v, args[0] ?? '', false);
    case '##':
      return trimPrefix(v, args[0] ?? '', true);
    case '%':
      return reverse(trimPrefix(reverse(v), reverse(args[0] ?? ''), false));
    case '%%':
      return reverse(trimPrefix(reverse(v), reverse(args[0] ?? ''), true));
    case '/':
      return args.length > 1
        ? v.replace(args[0], args[1])
        : v.replace(args[0] ?? '', '');
    case '//':
      return args[0] ? v.split(args[0]).join(args[1] ?? '') : v;
    case '/#':
      return args.length === 2 && v.startsWith(args[0])
        ? args[1] + v.slice(args[0].length)
        : v;
    case '/%':
      return args.length === 2 && v.endsWith(args[0])
        ? v.slice(0, v.length - args[0].length) + args[1]
        : v;
    default:
      // every default operator: the value, or the default when the value is empty
      return v.length === 0 ? args.join('') : v;
  }
}

function substr(s: string, args: string[]): string {
  let pos = Number.parseInt(args[0] ?? '', 10);
  if (Number.isNaN(pos)) return s;
  if (pos < 0) pos = Math.max(0, s.length + pos);
  if (args.length < 2) return pos < s.length ? s.slice(pos) : '';
  const len = Number.parseInt(args[1], 10);
  if (Number.isNaN(len)) return s;
  if (len < 0) {
    const end = s.length + len;
    return end < pos ? '' : s.slice(pos, end);
  }
  if (pos + len >= s.length) return pos < s.length ? s.slice(pos) : '';
  return s.slice(pos, pos + len);
}

/** Removes the shortest (or longest) prefix matching the Go path.Match pattern. */
function trimPrefix(s: string, pattern: string, longest: boolean): string {
  const re = globToRegExp(pattern);
  let match = '';
  for (let i = 0; i < s.length; i++) {
    const candidate = s.slice(0, s.length - i);
    if (re.test(candidate)) {
      if (longest) return s.slice(candidate.length);
      match = candidate;
    }
  }
  return match ? s.slice(match.length) : s;
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (const c of pattern) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}
