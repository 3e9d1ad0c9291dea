/*
 * The template functions a ResourceSet may call: Go's text/template
 * builtins and the slim-sprig functions the Flux Operator documents for
 * ResourceSet templates, each behaving as its Go original for the values a
 * YAML input can hold. A function not listed here is reported by the
 * caller, never guessed.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';

type Fn = (...args: unknown[]) => unknown;

const str = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};
const isEmpty = (v: unknown): boolean =>
  v === null ||
  v === undefined ||
  v === false ||
  v === 0 ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && Object.keys(v).length === 0);
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : parseInt(str(v), 10);
  return Number.isNaN(n) ? 0 : Math.trunc(n);
};
const indent = (n: unknown, s: unknown) =>
  str(s)
    .split('\n')
    .map(l => ' '.repeat(num(n)) + l)
    .join('\n');
// Go's fmt verbs that inputs need: %s %d %v %q and %%
const printf = (format: unknown, ...args: unknown[]) => {
  let i = 0;
  return str(format).replace(/%([sdvq%])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const v = args[i++];
    return verb === 'q' ? JSON.stringify(str(v)) : str(v);
  });
};

/** The functions by name. */
export const FUNCTIONS: Record<string, Fn> = {
  // text/template builtins
  and: (...a) => a.find(v => isEmpty(v)) ?? a[a.length - 1],
  or: (...a) => a.find(v => !isEmpty(v)) ?? a[a.length - 1],
  not: (v: unknown) => isEmpty(v),
  eq: (a, ...b) => b.some(x => str(x) === str(a) && typeof x === typeof a),
  ne: (a, b) => !(str(a) === str(b) && typeof a === typeof b),
  lt: (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  len: v =>
    typeof v === 'string' || Array.isArray(v)
      ? v.length
      : Object.keys((v as object) ?? {}).length,
  index: (v, ...keys) =>
    keys.reduce(
      (cur: unknown, k) =>
        cur && typeof cur === 'object'
          ? (cur as Record<string, unknown>)[str(k)]
          : undefined,
      v,
    ),
  print: (...a) => a.map(str).join(''),
  printf,
  // slim-sprig: defaults and strings
  default: (d, v) => (isEmpty(v) ? d : v),
  empty: v => isEmpty(v),
  coalesce: (...a) => a.find(v => !isEmpty(v)),
  ternary: (a, b, c) => (c ? a : b),
  quote: (...a) => a.map(v => JSON.stringify(str(v))).join(' '),
  squote: (...a) => a.map(v => `'${str(v)}'`).join(' '),
  upper: v => str(v).toUpperCase(),
  lower: v => str(v).toLowerCase(),
  title: v => str(v).replace(/\b\w/g, c => c.toUpperCase()),
  trim: v => str(v).trim(),
  trimPrefix: (p, v) =>
    str(v).startsWith(str(p)) ? str(v).slice(str(p).length) : str(v),
  trimSuffix: (p, v) =>
    str(p) && str(v).endsWith(str(p))
      ? str(v).slice(0, -str(p).length)
      : str(v),
  replace: (from, to, v) => str(v).split(str(from)).join(str(to)),
  contains: (sub, v) => str(v).includes(str(sub)),
  hasPrefix: (p, v) => str(v).startsWith(str(p)),
  hasSuffix: (p, v) => str(v).endsWith(str(p)),
  repeat: (n, v) => str(v).repeat(num(n)),
  trunc: (n, v) => str(v).slice(0, num(n)),
  join: (sep, v) => (Array.isArray(v) ? v.map(str).join(str(sep)) : str(v)),
  splitList: (sep, v) => str(v).split(str(sep)),
  toString: (v: unknown) => str(v),
  int: v => num(v),
  atoi: v => num(v),
  add: (...a) => a.reduce((s: number, v: unknown) => s + num(v), 0),
  sub: (a, b) => num(a) - num(b),
  list: (...a) => a,
  dict: (...a) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i + 1 < a.length; i += 2) out[str(a[i])] = a[i + 1];
    return out;
  },
  hasKey: (m, k) =>
    !!m && typeof m === 'object' && Object.hasOwn(m as object, str(k)),
  keys: m => Object.keys((m as object) ?? {}).sort(),
  toYaml: v => stringify(v).trimEnd(),
  toJson: v => JSON.stringify(v ?? null),
  indent,
  nindent: (n, s) => `\n${indent(n, s)}`,
  b64enc: v => Buffer.from(str(v)).toString('base64'),
  b64dec: v => Buffer.from(str(v), 'base64').toString('utf8'),
  sha256sum: v => createHash('sha256').update(str(v)).digest('hex'),
  // the Flux Operator's own: a DNS-1123 label of the value
  slugify: v =>
    str(v)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, ''),
};
