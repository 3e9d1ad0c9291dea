/*
 * Plain scalars as kustomize reads them. kustomize turns every object into
 * Go values with yaml.v3 (resolve.go) and back through JSON, so a plain
 * `0755` is the integer 493, `2024-01-01` becomes "2024-01-01T00:00:00Z",
 * `yes` / `on` stay strings, `1_000` is 1000, and `.inf` / `.nan` make the
 * build fail (json: unsupported value).
 */
import type { ScalarTag, Tags } from 'yaml';

const MAX_UINT64 = 18446744073709551615;
const MIN_INT64 = -9223372036854775808;
/** yaml.v3's yamlStyleFloat. */
const YAML_STYLE_FLOAT =
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/**
 * The JSON value yaml.v3 + encoding/json give a plain scalar: null, boolean,
 * number (±Infinity / NaN for .inf / .nan, which kustomize then rejects) or
 * string.
 */
export function resolveGoPlain(s: string): unknown {
  const c = s[0];
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL')
    return null;
  if (c === undefined) return null;
  if (/^[yYnNtTfFoO]/.test(c)) {
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    return s;
  }
  if (c === '.') {
    if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
    if (/^\.(inf|Inf|INF)$/.test(s)) return Infinity;
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)
      ? finiteOr(parseFloat(s), s)
      : s;
  }
  if (c !== '+' && c !== '-' && !(c >= '0' && c <= '9')) return s;
  if (/^[-+]\.(inf|Inf|INF)$/.test(s)) return c === '-' ? -Infinity : Infinity;
  if (c >= '0' && c <= '9') {
    const t = goTimestamp(s);
    if (t !== undefined) return t;
  }
  const plain = s.replace(/_/g, '');
  const int = goParseInt(plain);
  if (int !== undefined) return int;
  if (YAML_STYLE_FLOAT.test(plain)) return finiteOr(parseFloat(plain), s);
  return s;
}

/** strconv.ParseInt(s, 0, 64), falling back to ParseUint, as yaml.v3. */
function goParseInt(s: string): number | undefined {
  const m =
    /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(
      s,
    );
  if (!m) return undefined;
  const body = m[2];
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body[0] === '0') v = parseInt(body.slice(1), 8);
  else v = parseInt(body, 10);
  if (m[1] === '-') v = -v;
  if (
    v > MAX_UINT64 ||
    v < MIN_INT64 ||
    (m[1] === '+' && v > 9223372036854775807)
  )
    return undefined;
  return v === 0 ? 0 : v;
}

function finiteOr(n: number, s: string): number | string {
  // as strconv.ParseFloat: out of range is an error, and yaml.v3 then keeps the string
  if (!Number.isFinite(n)) return s;
  return n === 0 ? 0 : n;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * yaml.v3 parseTimestamp (formats 2006-1-2T15:4:5.999999999Z07:00, the same
 * with `t`, `2006-1-2 15:4:5.999999999`, `2006-1-2`) rendered as Go's
 * time.Time MarshalJSON (RFC 3339 with nanoseconds, trailing zeros cut).
 */
export function goTimestamp(s: string): string | undefined {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,9}))?(Z|[-+]\d{2}:\d{2})?)?$/.exec(
      s,
    );
  if (!m) return undefined;
  const [, y, mo, d, sep, h, mi, se, frac, zone] = m;
  if (sep === ' ' && zone !== undefined) return undefined;
  if ((sep === 'T' || sep === 't') && zone === undefined) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > (month === 2 && !leap ? 28 : DAYS[month - 1])
  )
    return undefined;
  const pad = (n: string | number, w = 2) => String(n).padStart(w, '0');
  const date = `${y}-${pad(month)}-${pad(day)}`;
  if (sep === undefined) return `${date}T00:00:00Z`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return undefined;
  const fraction = frac ? frac.replace(/0+$/, '') : '';
  let offset = 'Z';
  if (zone && zone !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59) return undefined;
    if (zh !== 0 || zm !== 0) offset = zone;
  }
  return `${date}T${pad(h)}:${pad(mi)}:${pad(se)}${
    fraction ? `.${fraction}` : ''
  }${offset}`;
}

/** A yaml package tag resolving plain numbers and timestamps as {@link resolveGoPlain}. */
const goNumberTag: ScalarTag = {
  tag: 'tag:fleet:go-plain',
  default: true,
  test: /^(?:[-+.0-9]|[-+]?\.)/,
  resolve: (str: string) => resolveGoPlain(str) as never,
};

/**
 * customTags for the yaml package: the core schema with its int and float
 * tags replaced by yaml.v3's resolution.
 */
export function goCustomTags(tags: Tags): Tags {
  return [
    ...tags.filter(t => typeof t === 'string' || !/:(int|float)$/.test(t.tag)),
    goNumberTag,
  ];
}
