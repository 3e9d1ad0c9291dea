/*
 * kyaml's path handling as replacements use it: SmarterPathSplitter
 * (`.`-separated, brackets protect dots) and PathMatcher (`[k=v]` list
 * element selectors, `*` wildcards, numeric list indexes, plain fields,
 * optional creation of what is missing).
 */
import type { FieldHolder } from './walkFieldSpec';
import { isRecord } from '../../core/records';

/** Splits a replacement field path on dots outside brackets, as kyaml's SmarterPathSplitter. */
export function splitReplacementPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth = Math.max(0, depth - 1);
    if (c === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  // as kyaml: `[a.b]` without `=` is a plain key holding dots
  return out.map(p =>
    p.startsWith('[') && p.endsWith(']') && !p.includes('=')
      ? p.slice(1, -1)
      : p,
  );
}

/** What to create when a path is missing: nothing, a scalar, a map or a list (the source value's kind). */
export type PathCreate = 'none' | 'scalar' | 'map' | 'list';

function emptyOf(kind: PathCreate): unknown {
  if (kind === 'map') return {};
  if (kind === 'list') return [];
  return undefined;
}

/**
 * Every place `parts` leads to from `node`, creating missing fields and list
 * elements when `create` is not 'none' (a created last field holds
 * undefined until set, or an empty map/list). Returns holders of the matches.
 */
export function matchPath(
  node: unknown,
  parts: string[],
  create: PathCreate,
): FieldHolder[] {
  const out: FieldHolder[] = [];
  const walk = (holder: FieldHolder, value: unknown, i: number): void => {
    if (i === parts.length) {
      out.push(holder);
      return;
    }
    const p = parts[i];
    const last = i === parts.length - 1;
    const nextEmpty = () => {
      if (last) return emptyOf(create);
      return /^\[.*=.*\]$/.test(parts[i + 1]) ? [] : {};
    };
    const sel = /^\[(.*?)=(.*)\]$/.exec(p);
    if (sel) {
      if (!Array.isArray(value)) return;
      const [, k, v] = sel;
      const hits = value
        .map((e, idx) => ({ e, idx }))
        .filter(({ e }) =>
          k === ''
            ? !isRecord(e) && String(e) === v
            : isRecord(e) && String(e[k]) === v,
        );
      if (hits.length === 0 && create !== 'none' && k !== '') {
        value.push({ [k]: v });
        hits.push({ e: value[value.length - 1], idx: value.length - 1 });
      }
      for (const { e, idx } of hits)
        walk({ parent: value, key: idx }, e, i + 1);
      return;
    }
    if (p === '*') {
      if (Array.isArray(value))
        value.forEach((e, idx) => walk({ parent: value, key: idx }, e, i + 1));
      else if (isRecord(value))
        Object.keys(value).forEach(k =>
          walk({ parent: value, key: k }, value[k], i + 1),
        );
      return;
    }
    if (Array.isArray(value)) {
      if (!/^-?[0-9]+$/.test(p)) return;
      const idx = Number(p) < 0 ? value.length + Number(p) : Number(p);
      if (idx >= 0 && idx < value.length)
        walk({ parent: value, key: idx }, value[idx], i + 1);
      return;
    }
    if (!isRecord(value)) return;
    if (!(p in value)) {
      if (create === 'none') return;
      value[p] = nextEmpty();
    } else if (value[p] === null && !last && create !== 'none') {
      value[p] = nextEmpty();
    }
    walk({ parent: value, key: p }, value[p], i + 1);
  };
  walk({ parent: { root: node }, key: 'root' }, node, 0);
  return out;
}
