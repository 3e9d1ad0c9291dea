/*
 * kustomize's fieldspec traversal (api/filters/fieldspec): follow a
 * `/`-separated path through maps, fanning out over every element of a
 * sequence met on the way, optionally creating missing maps, and hand the
 * holder of the final field to a setter.
 */
import type { KObject } from '../../types';
import { splitApiVersion } from '../resource';
import type { FieldSpec } from '../kustomization';

/** A place a value lives: its parent map or list and the key in it. */
export interface FieldHolder {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/** What to create for a missing last field (kustomize's CreateKind); none means look up only. */
export type CreateKind = 'map' | 'scalar' | undefined;

/**
 * Splits a fieldspec path on `/`, honouring `\/` escapes, as kustomize's
 * utils.PathSplitter.
 */
export function splitFieldSpecPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (c === '/') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

/** True when the fieldspec's group/version/kind (empty = any) select the object, as fsslice's isMatchGVK. */
export function fieldSpecSelects(fs: FieldSpec, obj: KObject): boolean {
  const { group, version } = splitApiVersion(obj.apiVersion);
  if (fs.kind && fs.kind !== obj.kind) return false;
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  return true;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Visits the field at `fs.path` in `obj` (ignoring the fieldspec's kind
 * filter: callers check {@link fieldSpecSelects}). Missing fields are created
 * only when `fs.create` and `createKind` are both set, as kustomize. Returns
 * an error message when the path runs into a scalar, else undefined.
 */
export function visitFieldSpec(
  obj: KObject,
  fs: FieldSpec,
  visit: (holder: FieldHolder) => void,
  createKind?: CreateKind,
): string | undefined {
  const path = splitFieldSpecPath(fs.path);
  const create = !!fs.create && createKind !== undefined;
  let error: string | undefined;

  const walk = (node: unknown, rest: string[], holder: FieldHolder): void => {
    if (rest.length === 0) {
      visit(holder);
      return;
    }
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      node.forEach((_, i) => walk(node[i], rest, { parent: node, key: i }));
      return;
    }
    if (!isMap(node)) {
      error = `expected sequence or mapping node at '${fs.path}'`;
      return;
    }
    let field = rest[0];
    const isSeq = field.endsWith('[]');
    if (isSeq) field = field.slice(0, -2);
    if (!create || isSeq) {
      if (!(field in node)) return;
      if (isSeq && node[field] === null) node[field] = [];
    } else if (rest.length <= 1) {
      if (!(field in node) || node[field] === null) {
        node[field] = createKind === 'map' ? {} : '';
      }
    } else if (!(field in node) || node[field] === null) {
      node[field] = {};
    }
    walk(node[field], rest.slice(1), { parent: node, key: field });
  };

  walk(obj, path, { parent: { root: obj }, key: 'root' });
  return error;
}

/** Reads the value a holder points at. */
export function holderValue(h: FieldHolder): unknown {
  return (h.parent as Record<string | number, unknown>)[h.key];
}

/** Writes the value a holder points at. */
export function setHolderValue(h: FieldHolder, value: unknown): void {
  (h.parent as Record<string | number, unknown>)[h.key] = value;
}
