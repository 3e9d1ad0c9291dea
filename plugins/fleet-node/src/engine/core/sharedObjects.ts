/*
 * The shared-object registry behind copy-on-write build results
 * (kustomize/sharedObjects.ts): which objects the build cache and the parse
 * memo own, and the copy a writer takes first. In core so that the
 * transformers, which write objects, can use it without importing the
 * kustomize folder that imports them.
 */
import type { KObject } from './types';

const shared = new WeakSet<object>();
let freezing = false;

/**
 * Deep-freezes every object from now on when it becomes shared, so that a
 * write that forgot to {@link own} it throws (modules are strict) instead of
 * corrupting the cache. For tests: freezing costs time on the cold path.
 */
export function freezeSharedObjects(on: boolean): void {
  freezing = on;
}

/** Whether shared objects are deep-frozen (see {@link freezeSharedObjects}). */
export function freezingSharedObjects(): boolean {
  return freezing;
}

/** Whether `object` is owned by the cache or the parse memo (never to be written). */
export function isShared(object: object): boolean {
  return shared.has(object);
}

/** Marks `object` as shared; from now on nobody writes it. */
export function shareObject<T extends object>(object: T): T {
  if (!shared.has(object)) {
    shared.add(object);
    if (freezing) deepFreeze(object);
  }
  return object;
}

/**
 * A resource's own object, copied first when it is shared: call before
 * writing into `r.object`.
 */
export function own<R extends { object: KObject }>(r: R): KObject {
  if (shared.has(r.object)) r.object = deepClone(r.object);
  return r.object;
}

/** {@link own} for every resource of `resources`. */
export function ownAll<R extends { object: KObject }>(resources: R[]): R[] {
  for (const r of resources) own(r);
  return resources;
}

/** A deep copy of plain data (objects, arrays, scalars). */
export function deepClone<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(deepClone) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    out[key] = deepClone((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Freezes `value` and everything it holds. */
export function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value))
    return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
