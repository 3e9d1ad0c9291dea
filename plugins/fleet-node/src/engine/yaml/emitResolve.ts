/*
 * Which strings kustomize quotes on output. `kustomize build` prints each
 * resource through sigs.k8s.io/yaml JSONToYAML, that is go-yaml v2's
 * Marshal (the goyaml.v2 fork): a string is written plain only when v2's
 * resolver (resolve.go, YAML 1.1 flavoured) reads it back as a string and it
 * is not a base-60 float (encode.go stringv). This file ports that resolver.
 */

/** resolve.go resolveMap: the YAML 1.1 words that are not strings. */
const RESOLVE_MAP = new Set(
  [
    'y Y yes Yes YES true True TRUE on On ON',
    'n N no No NO false False FALSE off Off OFF',
    '~ null Null NULL',
    '.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<',
  ]
    .join(' ')
    .split(' '),
);

/** resolve.go resolveTable: the hint a first character gives (0: a string). */
function hintOf(c: string): string {
  if (c >= '0' && c <= '9') return 'D';
  if (c === '+' || c === '-') return 'S';
  if (c === '.') return '.';
  return 'yYnNtTfFoO~'.includes(c) ? 'M' : '';
}

const YAML_STYLE_FLOAT =
  /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/** strconv.ParseFloat of a string starting with `.` (underscores only between digits). */
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) (signed) or ParseUint(s, 0, 64) (unsigned) succeeds. */
function goParsesInt(s: string, signed: boolean): boolean {
  const m =
    /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(
      s,
    );
  if (!m || (!signed && m[1] !== '')) return false;
  const body = m[2];
  let digits = body;
  if (body.length > 1 && body[0] === '0' && !/[xXoObB]/.test(body[1])) {
    digits = `0o${body.slice(1)}`;
  }
  const v = BigInt(digits.replace(/^0([OB])/, (_, p) => `0${p.toLowerCase()}`));
  if (!signed) return v <= UINT64_MAX;
  return m[1] === '-' ? v <= INT64_MAX + 1n : v <= INT64_MAX;
}

/** strconv.ParseInt(s, 2, 64) or ParseUint(s, 2, 64) succeeds. */
function goParsesBinary(s: string): boolean {
  const m = /^([-+]?)([01]+)$/.exec(s);
  if (!m) return false;
  const v = BigInt(`0b${m[2]}`);
  if (m[1] === '-') return v <= INT64_MAX + 1n;
  return v <= (m[1] === '+' ? INT64_MAX : UINT64_MAX);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * resolve.go parseTimestamp: time.Parse with the layouts
 * `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`,
 * `2006-1-2 15:4:5.999999999` (a layout space matches any run of spaces) and
 * `2006-1-2`; the day is checked against the month as time.Parse does.
 */
export function goParsesTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:([Tt])|( +))(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(Z|[-+]\d\d:\d\d)?)?$/.exec(
      s,
    );
  if (!m) return false;
  const [, y, mo, d, t, sp, h, mi, se, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (day > days) return false;
  if (t === undefined && sp === undefined) return true;
  if (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59) return false;
  if (t !== undefined) {
    if (zone === undefined) return false;
    if (zone === 'Z') return true;
    return Number(zone.slice(1, 3)) <= 24 && Number(zone.slice(4, 6)) <= 60;
  }
  return zone === undefined;
}

/** resolve.go resolve("", s) gives a tag other than !!str. */
export function goV2ResolvesNonString(s: string): boolean {
  if (s === '') return true;
  const hint = hintOf(s[0]);
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === 'M') return false;
  if (hint === '.') return DOT_FLOAT.test(s);
  if (goParsesTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  if (goParsesInt(plain, true) || goParsesInt(plain, false)) return true;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain)))
    return true;
  if (plain.startsWith('0b')) return goParsesBinary(plain.slice(2));
  if (plain.startsWith('-0b')) return goParsesBinary(`-${plain.slice(3)}`);
  return false;
}

/** encode.go isBase60Float: YAML 1.1 sexagesimal numbers, quoted for other readers. */
export function isBase60Float(s: string): boolean {
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':'))
    return false;
  return BASE60_FLOAT.test(s);
}

/**
 * True when go-yaml v2 Marshal writes the string `s` quoted because a YAML
 * 1.1 reader would otherwise read something else than this string (encode.go
 * stringv: `rtag != yaml_STR_TAG || isBase60Float(s)`).
 */
export function kyamlQuotes(s: string): boolean {
  return goV2ResolvesNonString(s) || isBase60Float(s);
}
