/*
 * kustomize's fieldspec traversal (api/filters/fieldspec): follow a
 * `/`-separated path through maps, fanning out over every element of a
 * sequence met on the way, optionally creating missing maps, and hand the
 * holder of the final field to a setter.
 */
import type { KObject } from '../../core/types';
import { splitApiVersion } from '../../core/resId';
import type { FieldSpec } from '../types';

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

interface PathStep {
  field: string;
  /** True for a `name[]` step: the field must hold a sequence. */
  isSeq: boolean;
}

// fieldspec paths come from a small fixed set: split each once
const parsedPaths = new Map<string, PathStep[]>();

function parsedPath(path: string): PathStep[] {
  let steps = parsedPaths.get(path);
  if (!steps) {
    steps = splitFieldSpecPath(path).map(f =>
      f.endsWith('[]')
        ? { field: f.slice(0, -2), isSeq: true }
        : { field: f, isSeq: false },
    );
    // user-written paths (labels fields, replacements) could grow it without end
    if (parsedPaths.size > 10_000) parsedPaths.clear();
    parsedPaths.set(path, steps);
  }
  return steps;
}

/** True when the fieldspec's group/version/kind (empty = any) select the object, as fsslice's isMatchGVK. */
export function fieldSpecSelects(fs: FieldSpec, obj: KObject): boolean {
  if (fs.kind && fs.kind !== obj.kind) return false;
  if (!fs.group && !fs.version) return true;
  const { group, version } = splitApiVersion(obj.apiVersion);
  if (fs.group && fs.group !== group) return false;
  if (fs.version && fs.version !== version) return false;
  return true;
}

/**
 * Visits the field at `fs.path` in `obj` (ignoring the fieldspec's kind
 * filter: callers check {@link fieldSpecSelects}). Missing fields are created
 * only when `fs.create` and `createKind` are both set, as kustomize. Returns
 * an error message when the path runs into a scalar, else undefined. With
 * `dry`, the walk itself writes nothing (a null sequence stays null) and
 * sets `dry.wrote` where it would have.
 */
export function visitFieldSpec(
  obj: KObject,
  fs: FieldSpec,
  visit: (holder: FieldHolder) => void,
  createKind?: CreateKind,
  dry?: { wrote: boolean },
): string | undefined {
  const path = parsedPath(fs.path);
  const create = !!fs.create && createKind !== undefined;
  let error: string | undefined;

  // parent and key travel as arguments: a holder is only made for a visit
  const walk = (
    node: unknown,
    at: number,
    parent: FieldHolder['parent'],
    key: string | number,
  ): void => {
    if (at === path.length) {
      visit({ parent, key });
      return;
    }
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      // as Array.prototype.forEach: the length seen at the start, holes skipped
      const n = node.length;
      for (let i = 0; i < n; i++) if (i in node) walk(node[i], at, node, i);
      return;
    }
    if (typeof node !== 'object') {
      error = `expected sequence or mapping node at '${fs.path}'`;
      return;
    }
    const map = node as Record<string, unknown>;
    const { field, isSeq } = path[at];
    if (!create || isSeq) {
      if (!(field in map)) return;
      if (isSeq && map[field] === null) {
        // an empty sequence is visited for nothing: a dry walk only notes the write
        if (dry) {
          dry.wrote = true;
          return;
        }
        map[field] = [];
      }
    } else if (at === path.length - 1) {
      if (!(field in map) || map[field] === null) {
        map[field] = createKind === 'map' ? {} : '';
      }
    } else if (!(field in map) || map[field] === null) {
      map[field] = {};
    }
    walk(map[field], at + 1, map, field);
  };

  walk(obj, 0, { root: obj }, 'root');
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
