/*
 * RFC 6902 JSON patch as kustomize applies it: evanphx/json-patch v5 with its
 * default options (negative array indices allowed, removing a missing path is
 * an error, `add` never creates missing parents).
 */
import type { KObject } from '../../core/types';
import { cloneJson, jsonEqual } from './yamlNodes';
import { isRecord } from '../../core/records';

/** One JSON patch operation as written (unvalidated). */
export type Json6902Op = Record<string, unknown>;

/** The patched object, or why the patch does not apply (the input is never modified). */
export type Json6902Result = { object: KObject } | { error: string };

type Container = Record<string, unknown> | unknown[];

class OpError extends Error {}

/** As json-patch decodePatchKey (RFC 6901 unescaping). */
function decodeKey(k: string): string {
  return k.replace(/~[01]/g, m => (m === '~1' ? '/' : '~'));
}

/** As strconv.Atoi plus json-patch's negative index rule; `extra` is 1 for add. */
function arrayIndex(key: string, length: number, extra: number): number {
  if (!/^[+-]?\d+$/.test(key))
    throw new OpError(`value was not a proper array index: '${key}'`);
  let idx = Number(key);
  const size = length + extra;
  if (idx >= size) throw new OpError(`Unable to access invalid index: ${idx}`);
  if (idx < 0) {
    if (idx < -size)
      throw new OpError(`Unable to access invalid index: ${idx}`);
    idx += size;
  }
  return idx;
}

/** As json-patch container get: a missing map key is undefined, a bad array index an error. */
function get(c: Container, key: string): unknown {
  if (Array.isArray(c)) return c[arrayIndex(key, c.length, 0)];
  return Object.prototype.hasOwnProperty.call(c, key) ? c[key] : undefined;
}

/** As json-patch findObject: the container of the path's last segment and that segment. */
function findObject(
  doc: Container,
  path: string,
  op: string,
): [Container, string] {
  const split = path.split('/');
  if (split.length < 2)
    throw new OpError(
      `${op} operation does not apply: doc is missing path: "${path}"`,
    );
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(cur, decodeKey(part));
    } catch {
      next = undefined;
    }
    if (!Array.isArray(next) && !isRecord(next)) {
      throw new OpError(
        `${op} operation does not apply: doc is missing path: "${path}"`,
      );
    }
    cur = next;
  }
  return [cur, decodeKey(split[split.length - 1])];
}

function add(c: Container, key: string, value: unknown): void {
  if (!Array.isArray(c)) {
    c[key] = value;
  } else if (key === '-') {
    c.push(value);
  } else {
    c.splice(arrayIndex(key, c.length, 1), 0, value);
  }
}

function remove(c: Container, key: string): void {
  if (Array.isArray(c)) {
    c.splice(arrayIndex(key, c.length, 0), 1);
  } else {
    if (!Object.prototype.hasOwnProperty.call(c, key)) {
      throw new OpError(
        `Unable to remove nonexistent key: ${key}: missing value`,
      );
    }
    delete c[key];
  }
}

function pathOf(op: Json6902Op, field: 'path' | 'from'): string {
  const p = op[field];
  if (typeof p !== 'string')
    throw new OpError(`operation missing ${field} field`);
  return p;
}

function applyOp(doc: Container, op: Json6902Op): void {
  const value = op.value === undefined ? null : cloneJson(op.value);
  switch (op.op) {
    case 'add': {
      const [c, key] = findObject(doc, pathOf(op, 'path'), 'add');
      add(c, key, value);
      return;
    }
    case 'remove': {
      const [c, key] = findObject(doc, pathOf(op, 'path'), 'remove');
      remove(c, key);
      return;
    }
    case 'replace': {
      // as json-patch v5: replacing a missing map key adds it; array indices must exist
      const path = pathOf(op, 'path');
      const [c, key] = findObject(doc, path, 'replace');
      if (Array.isArray(c)) c[arrayIndex(key, c.length, 0)] = value;
      else c[key] = value;
      return;
    }
    case 'move':
    case 'copy': {
      const from = pathOf(op, 'from');
      const [fc, fkey] = findObject(doc, from, op.op);
      // as json-patch v5: copying a missing map key copies null
      const moved = get(fc, fkey) ?? null;
      if (op.op === 'move') remove(fc, fkey);
      const [c, key] = findObject(doc, pathOf(op, 'path'), op.op);
      add(c, key, op.op === 'copy' ? cloneJson(moved) : moved);
      return;
    }
    case 'test': {
      const path = pathOf(op, 'path');
      const [c, key] = findObject(doc, path, 'test');
      const actual = get(c, key);
      // as json-patch v5: a missing value passes only a test for null, a present one never does
      const ok =
        actual === undefined
          ? value === null
          : value !== null && jsonEqual(actual, value);
      if (!ok) throw new OpError(`testing value ${path} failed: test failed`);
      return;
    }
    default:
      throw new OpError(`Unexpected kind: ${String(op.op)}`);
  }
}

/**
 * Applies RFC 6902 operations in order to a copy of `target`, as kustomize's
 * patchjson6902 filter. Any failing operation (missing path, failed test,
 * bad index, unknown op) fails the whole patch: the result is an error and no
 * partial change escapes.
 */
export function applyJson6902(
  target: KObject,
  ops: readonly Json6902Op[],
): Json6902Result {
  const doc = cloneJson(target) as Record<string, unknown>;
  for (const [i, op] of ops.entries()) {
    if (!isRecord(op)) return { error: `operation ${i + 1} is not an object` };
    try {
      applyOp(doc, op);
    } catch (e) {
      if (e instanceof OpError)
        return { error: `operation ${i + 1} (${String(op.op)}): ${e.message}` };
      throw e;
    }
  }
  // as kustomize: the patched object must still be a resource
  const name = (doc.metadata as { name?: unknown } | undefined)?.name;
  if (!isRecord(doc.metadata) || typeof name !== 'string' || name === '') {
    return {
      error:
        'the patched object has no metadata.name (as kustomize: "missing metadata.name in object")',
    };
  }
  if (typeof doc.kind !== 'string' || doc.kind === '') {
    return {
      error:
        'the patched object has no kind (as kustomize: "missing kind in object")',
    };
  }
  return { object: doc as KObject };
}
