/*
 * Kubernetes label selector strings (k8s.io/apimachinery/pkg/labels.Parse),
 * which kustomize uses for both `labelSelector` and `annotationSelector`:
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`,
 * comma-separated and all required.
 */

/** A parsed selector: tests a label (or annotation) map. */
export type LabelMatcher = (
  labels: Readonly<Record<string, string>> | undefined,
) => boolean;

type Token = { kind: 'id' | 'op' | 'end'; text: string };

const SPECIAL = '!=,()<>';

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
    } else if (SPECIAL.includes(c)) {
      const two = s.slice(i, i + 2);
      const op = two === '==' || two === '!=' ? two : c;
      out.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j]) && !SPECIAL.includes(s[j])) j++;
      out.push({ kind: 'id', text: s.slice(i, j) });
      i = j;
    }
  }
  out.push({ kind: 'end', text: '' });
  return out;
}

const has = (l: Readonly<Record<string, string>>, k: string): boolean =>
  Object.prototype.hasOwnProperty.call(l, k);

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

function parseRequirement(t: Token[], pos: { i: number }): Requirement {
  const next = () => t[pos.i++];
  const peek = () => t[pos.i];
  let tok = next();
  if (tok.kind === 'op' && tok.text === '!') {
    const key = next();
    if (key.kind !== 'id') throw new Error(`expected a key after '!'`);
    return l => !has(l, key.text);
  }
  if (tok.kind !== 'id') throw new Error(`expected a key, found '${tok.text}'`);
  const key = tok.text;
  tok = peek();
  if (tok.kind === 'end' || (tok.kind === 'op' && tok.text === ','))
    return l => has(l, key);
  next();
  const op = tok.text;
  if (op === 'in' || op === 'notin') {
    if (next().text !== '(') throw new Error(`expected '(' after ${op}`);
    const set = new Set<string>();
    for (;;) {
      const v = next();
      if (v.kind === 'id') set.add(v.text);
      const sep = v.kind === 'id' ? next() : v;
      if (sep.text === ')') break;
      if (sep.text !== ',')
        throw new Error(`expected ',' or ')' in the values of ${key}`);
    }
    if (set.size === 0)
      throw new Error(`the values of ${key} ${op} cannot be empty`);
    return op === 'in'
      ? l => has(l, key) && set.has(l[key])
      : l => !has(l, key) || !set.has(l[key]);
  }
  if (!['=', '==', '!=', '<', '>'].includes(op))
    throw new Error(`unknown operator '${op}'`);
  const value = peek().kind === 'id' ? next().text : '';
  if (op === '<' || op === '>') {
    if (!/^-?\d+$/.test(value))
      throw new Error(`${key}${op} needs an integer value`);
    const n = Number(value);
    return l =>
      has(l, key) &&
      /^-?\d+$/.test(l[key]) &&
      (op === '<' ? Number(l[key]) < n : Number(l[key]) > n);
  }
  return op === '!='
    ? l => !has(l, key) || l[key] !== value
    : l => has(l, key) && l[key] === value;
}

/**
 * Parses a label selector string; the empty string selects everything.
 * Returns the matcher, or an error message for a malformed selector.
 */
export function parseLabelSelector(
  selector: string,
): LabelMatcher | { error: string } {
  const t = tokenize(selector);
  const reqs: Requirement[] = [];
  const pos = { i: 0 };
  try {
    while (t[pos.i].kind !== 'end') {
      reqs.push(parseRequirement(t, pos));
      const sep = t[pos.i++];
      if (sep.kind === 'end') break;
      if (sep.text !== ',')
        throw new Error(
          `expected ',' after a requirement, found '${sep.text}'`,
        );
    }
  } catch (e) {
    return { error: `invalid selector "${selector}": ${(e as Error).message}` };
  }
  return labels => {
    const l = labels ?? {};
    return reqs.every(r => r(l));
  };
}
