/*
 * Copy-on-write for build results. The build cache and the parse memo own
 * the objects they hold, and a build borrows them instead of deep-copying
 * every cached resource: a shared object is never written again; whoever
 * writes one takes a private copy first ({@link own}). Only the small
 * per-resource bookkeeping (via, previous ids, affixes) is copied on borrow.
 * kustomize itself deep-copies (resource.DeepCopy on every cached
 * ResMap); sharing is what keeps a one-file change cheap here.
 */
import type { BuiltResource, Kustomization, Resource } from './types';
import {
  deepFreeze,
  freezingSharedObjects,
  shareObject,
} from '../core/sharedObjects';

export {
  freezeSharedObjects,
  isShared,
  own,
  ownAll,
  shareObject,
} from '../core/sharedObjects';

/**
 * Fresh wrappers over the same objects, with their own bookkeeping arrays,
 * so a caller may add to `via`, previous ids and affixes without touching
 * the originals.
 */
export function borrow(resources: readonly Resource[]): Resource[] {
  return resources.map(wrapperOf);
}

/**
 * Hands `resources` to the cache: their objects become shared, and the
 * returned wrappers (for the cache to keep) are independent of the ones the
 * caller goes on with. The caller's later writes must {@link own} first.
 */
export function share(resources: readonly Resource[]): Resource[] {
  return resources.map(r => {
    shareObject(r.object);
    const w = wrapperOf(r);
    if (freezingSharedObjects()) deepFreeze(w);
    return w;
  });
}

/** {@link share} for finalized resources, which keep no bookkeeping. */
export function shareBuilt(resources: BuiltResource[]): BuiltResource[] {
  for (const r of resources) {
    shareObject(r.object);
    if (freezingSharedObjects()) deepFreeze(r);
  }
  return resources;
}

// kustomization fields that no generator or transformer writes objects for
const READ_ONLY_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'components',
  'configurations',
  'vars',
  'sortOptions',
]);

/**
 * Whether a level's generators or transformers may write into the objects
 * it accumulated: any field outside the few known not to write, when set.
 * Unknown fields count as writing, so a new transformer is safe by default.
 */
export function levelMayWrite(k: Kustomization): boolean {
  for (const [field, value] of Object.entries(k)) {
    if (READ_ONLY_FIELDS.has(field) || value === undefined || value === null)
      continue;
    if (Array.isArray(value) ? value.length > 0 : !isEmptyRecord(value))
      return true;
  }
  return false;
}

function isEmptyRecord(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 0
  );
}

function wrapperOf(r: Resource): Resource {
  const out: Resource & {
    nameAffixes?: { prefixes: string[]; suffixes: string[] };
  } = { ...r, via: [...r.via], prevIds: [...r.prevIds] };
  if (r.refVarNames) out.refVarNames = [...r.refVarNames];
  if (r.generator) out.generator = { ...r.generator };
  if (out.nameAffixes)
    out.nameAffixes = {
      prefixes: [...out.nameAffixes.prefixes],
      suffixes: [...out.nameAffixes.suffixes],
    };
  return out;
}
