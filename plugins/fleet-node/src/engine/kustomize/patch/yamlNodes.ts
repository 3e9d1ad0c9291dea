/*
 * The node vocabulary of kyaml (sigs.k8s.io/kustomize/kyaml/yaml) over plain
 * JSON values, so the strategic merge port below reads like its Go original.
 * `undefined` is kyaml's missing node (nil RNode), `null` a tagged null.
 */
import { isRecord } from '../../core/records';

/** A JSON value, or undefined for a missing node. */
export type Node = unknown;

/** A YAML mapping as a plain object. */
export type MapNode = Record<string, unknown>;

/** As kyaml IsMissingOrNull. */
export function isMissingOrNull(n: Node): boolean {
  return n === undefined || n === null;
}

/** As kyaml IsEmptyMap. */
export function isEmptyMap(n: Node): boolean {
  return isRecord(n) && Object.keys(n).length === 0;
}

/** kyaml's node kinds. */
export type NodeKind = 'map' | 'seq' | 'scalar';

/** The kind of a present, non-null node. */
export function kindOf(n: Node): NodeKind {
  if (Array.isArray(n)) return 'seq';
  return isRecord(n) ? 'map' : 'scalar';
}

/**
 * A node's `Value` as go-yaml holds it: the scalar text, '' for mappings,
 * sequences and nulls (kyaml compares merge keys as these strings, so `80`
 * and `"80"` are the same key).
 */
export function scalarText(n: Node): string {
  if (typeof n === 'string') return n;
  if (typeof n === 'number' || typeof n === 'boolean' || typeof n === 'bigint')
    return String(n);
  return '';
}

/** Deep copy of a JSON value (faster than structuredClone for parsed YAML). */
export function cloneJson<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const arr = new Array(v.length);
    for (let i = 0; i < v.length; i++) arr[i] = cloneJson(v[i]);
    return arr as unknown as T;
  }
  const out: MapNode = {};
  for (const k in v) {
    if (Object.prototype.hasOwnProperty.call(v, k))
      out[k] = cloneJson((v as MapNode)[k]);
  }
  return out as T;
}

/** Deep equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => jsonEqual(x, b[i]))
    );
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every(
      k => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]),
    );
  }
  return false;
}
