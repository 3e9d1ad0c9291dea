/*
 * kustomize's PrefixTransformer and SuffixTransformer (plugin/builtin
 * prefixtransformer, suffixtransformer; api/filters/prefix, suffix) with the
 * builtin fieldspec `metadata/name`.
 */
import type { Resource } from '../types';
import { AFFIX_SKIP } from './fieldSpecs';
import {
  gvkSelected,
  orgId,
  storePreviousId,
  type AffixedResource,
} from './resIds';

function skipped(r: Resource): boolean {
  const id = orgId(r);
  return AFFIX_SKIP.some(s => gvkSelected(id, s));
}

function affix(
  resources: Resource[],
  value: string | undefined,
  side: 'prefixes' | 'suffixes',
): void {
  if (!value) return;
  for (const r of resources as AffixedResource[]) {
    // as kustomize: decided on the original id, so a kind change does not matter
    if (skipped(r)) continue;
    r.nameAffixes = r.nameAffixes ?? { prefixes: [], suffixes: [] };
    r.nameAffixes[side].push(value);
    storePreviousId(r);
    const meta = (r.object.metadata = r.object.metadata ?? {});
    const name = meta.name ?? '';
    meta.name = side === 'prefixes' ? value + name : name + value;
  }
}

/**
 * Applies `namePrefix` to every resource, then `nameSuffix`, except
 * CustomResourceDefinitions, APIServices and Namespaces, storing each
 * renamed resource's previous id and the affix for name references.
 * Resources are changed in place.
 */
export function applyPrefixSuffix(
  resources: Resource[],
  prefix: string | undefined,
  suffix: string | undefined,
): Resource[] {
  affix(resources, prefix, 'prefixes');
  affix(resources, suffix, 'suffixes');
  return resources;
}
