/*
 * The order go-yaml v2 Marshal writes map keys in (sorter.go keyList.Less):
 * a "natural" order in which runs of digits compare as numbers (`a2` before
 * `a10`), a non-letter sorts before a letter, and letters compare by code
 * point (`B` before `a`). kustomize's output is sorted this way because it
 * goes through JSON maps.
 */

const ASCII_LETTER = /[A-Za-z]/;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

const isLetter = (c: string) =>
  c.length === 1 && c < '\x80' ? ASCII_LETTER.test(c) : LETTER.test(c);
const isDigit = (c: string | undefined) =>
  c !== undefined &&
  (c.length === 1 && c < '\x80' ? c >= '0' && c <= '9' : DIGIT.test(c));
/** Go's `int64(r - '0')` for a digit rune. */
const digitValue = (c: string) => c.codePointAt(0)! - 48;

/** The runes of `s`: code units when it is ASCII, else code points. */
function runes(s: string): string[] | string {
  return /[\u0080-\u{10ffff}]/u.test(s) ? Array.from(s) : s;
}

/**
 * sorter.go keyList.Less for two string keys. Keys are nearly always ASCII,
 * where runes are code units: that case is compared in place, and anything
 * else from the first difference on goes through the rune version.
 */
export function goKeyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length;
  const x = a.charCodeAt(i);
  const y = b.charCodeAt(i);
  if (x >= 0x80 || y >= 0x80) return runeKeyLess(a, b);
  const xl = (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7a;
  const yl = (y | 0x20) >= 0x61 && (y | 0x20) <= 0x7a;
  if (xl && yl) return x < y;
  if (xl || yl) return yl;
  const digit = (c: number) => c >= 0x30 && c <= 0x39;
  if (!digit(x) && !digit(y)) return x < y;
  return runeKeyLess(a, b);
}

function runeKeyLess(a: string, b: string): boolean {
  const ar = runes(a);
  const br = runes(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++)
      an = an * 10 + digitValue(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++)
      bn = bn * 10 + digitValue(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** `keys` in go-yaml v2's map key order. */
export function sortKeysLikeGoYaml(keys: string[]): string[] {
  return keys.sort((a, b) => {
    if (goKeyLess(a, b)) return -1;
    return goKeyLess(b, a) ? 1 : 0;
  });
}
