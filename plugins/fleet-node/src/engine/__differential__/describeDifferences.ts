/*
 * A readable report of how the engine's build differs from kubectl's:
 * which objects are missing or extra, whether the order differs, and a
 * line diff of each object whose body differs. Empty when they match.
 */
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import type { KObject } from '../core/types';

/** `kind namespace/name` of an object, as a person reads it. */
export function objectKey(o: KObject): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.apiVersion ?? '?'} ${o.kind ?? '?'} ${ns}${
    o.metadata?.name ?? '?'
  }`;
}

/** Drops `undefined` members and copies, so both sides compare as JSON. */
function asJson(o: KObject): KObject {
  return JSON.parse(JSON.stringify(o)) as KObject;
}

/**
 * Compares `actual` (engine) with `expected` (kubectl) object for object:
 * same set, same order, deep-equal bodies. Returns '' when they match,
 * otherwise a multi-line report.
 */
export function describeDifferences(
  actual: KObject[],
  expected: KObject[],
): string {
  const a = actual.map(asJson);
  const e = expected.map(asJson);
  const aKeys = a.map(objectKey);
  const eKeys = e.map(objectKey);
  const lines: string[] = [];
  const missing = eKeys.filter(k => !aKeys.includes(k));
  const extra = aKeys.filter(k => !eKeys.includes(k));
  if (missing.length)
    lines.push(
      'objects kubectl has and the engine does not:',
      ...missing.map(k => `  - ${k}`),
    );
  if (extra.length)
    lines.push(
      'objects the engine has and kubectl does not:',
      ...extra.map(k => `  + ${k}`),
    );
  const aCommon = aKeys.filter(k => eKeys.includes(k));
  const eCommon = eKeys.filter(k => aKeys.includes(k));
  if (!isDeepStrictEqual(aCommon, eCommon)) {
    lines.push(
      'order differs:',
      '  kubectl:',
      ...eCommon.map(k => `    ${k}`),
      '  engine:',
      ...aCommon.map(k => `    ${k}`),
    );
  }
  if (aKeys.length !== new Set(aKeys).size)
    lines.push(`engine output has duplicate keys: ${aKeys.join(', ')}`);
  for (const [i, key] of eKeys.entries()) {
    let j = aKeys.indexOf(key);
    let title = `body of ${key} differs (- kubectl, + engine):`;
    if (j < 0) {
      // a generated object whose hash differs: show why, by pairing it with
      // the engine's object of the same name before the hash suffix
      j = aKeys.findIndex(
        k =>
          missing.length > 0 &&
          extra.includes(k) &&
          unhashed(k) === unhashed(key),
      );
      if (j < 0) continue;
      title = `bodies of ${key} and ${aKeys[j]} (same object, different hash) differ (- kubectl, + engine):`;
    }
    if (isDeepStrictEqual(a[j], e[i])) continue;
    lines.push(title, ...lineDiff(toYaml(e[i]), toYaml(a[j])));
  }
  return lines.join('\n');
}

/** The key without a kustomize name hash suffix (`-` and 10 hash characters). */
function unhashed(key: string): string {
  return key.replace(/-[bcdfghkmt2-9]{10}$/, '');
}

function toYaml(o: KObject): string[] {
  return stringify(o, { sortMapEntries: true, lineWidth: 0 })
    .trimEnd()
    .split('\n');
}

/**
 * A unified-style diff of two line arrays (longest common subsequence),
 * with two lines of context around each change.
 */
export function lineDiff(from: string[], to: string[]): string[] {
  const n = from.length;
  const m = to.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () =>
    new Array<number>(m + 1).fill(0),
  );
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] =
        from[i] === to[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: { tag: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && from[i] === to[j]) {
      ops.push({ tag: ' ', text: from[i++] });
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push({ tag: '+', text: to[j++] });
    } else {
      ops.push({ tag: '-', text: from[i++] });
    }
  }
  const near = (k: number) =>
    ops.slice(Math.max(0, k - 2), k + 3).some(op => op.tag !== ' ');
  const out: string[] = [];
  let skipped = false;
  ops.forEach((op, k) => {
    if (op.tag !== ' ' || near(k)) {
      if (skipped) out.push('    …');
      skipped = false;
      out.push(`  ${op.tag} ${op.text}`);
    } else {
      skipped = true;
    }
  });
  return out;
}
