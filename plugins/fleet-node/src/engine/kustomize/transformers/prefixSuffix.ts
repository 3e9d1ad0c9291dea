/*
 * kustomize's PrefixTransformer and SuffixTransformer (plugin/builtin
 * prefixtransformer, suffixtransformer; api/filters/prefix, suffix) with the
 * builtin fieldspec `metadata/name`, then the `namePrefix` / `nameSuffix`
 * specs of `configurations:`.
 */
import type { FieldSpec, Resource } from '../types';
import { AFFIX_SKIP, NAME_SPECS } from './fieldSpecs';
import { mergeFieldSpecs } from './transformerConfig';
import {
  gvkSelected,
  orgId,
  storePreviousId,
  type AffixedResource,
} from './resIds';
import {
  fieldSpecSelects,
  holderValue,
  setHolderValue,
  visitFieldSpec,
} from './walkFieldSpec';

function skipped(r: Resource): boolean {
  const id = orgId(r);
  return AFFIX_SKIP.some(s => gvkSelected(id, s));
}

function affix(
  resources: Resource[],
  value: string | undefined,
  side: 'prefixes' | 'suffixes',
  extra: FieldSpec[],
): void {
  if (!value) return;
  // as kustomize's FsSlice.MergeAll: a configured spec that repeats the builtin one is dropped
  const specs = mergeFieldSpecs(NAME_SPECS, extra).slice(NAME_SPECS.length);
  const join = (v: unknown) =>
    side === 'prefixes' ? value + String(v ?? '') : String(v ?? '') + value;
  for (const r of resources as AffixedResource[]) {
    // as kustomize: decided on the original id, so a kind change does not matter
    if (skipped(r)) continue;
    renameOnce(r, side, value, join);
    // as kustomize's PrefixTransformerPlugin: every configured spec after the builtin metadata/name
    for (const fs of specs) {
      if (!gvkSelected(orgId(r), fs) || !fieldSpecSelects(fs, r.object))
        continue;
      if (fs.path === 'metadata/name') {
        renameOnce(r, side, value, join);
        continue;
      }
      visitFieldSpec(
        r.object,
        fs,
        h => setHolderValue(h, join(holderValue(h))),
        'scalar',
      );
    }
  }
}

/** kustomize's AddNamePrefix/Suffix + StorePreviousId + the prefix filter on metadata/name. */
function renameOnce(
  r: AffixedResource,
  side: 'prefixes' | 'suffixes',
  value: string,
  join: (v: unknown) => string,
): void {
  r.nameAffixes = r.nameAffixes ?? { prefixes: [], suffixes: [] };
  r.nameAffixes[side].push(value);
  storePreviousId(r);
  const meta = (r.object.metadata = r.object.metadata ?? {});
  meta.name = join(meta.name);
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
  config?: { namePrefix: FieldSpec[]; nameSuffix: FieldSpec[] },
): Resource[] {
  affix(resources, prefix, 'prefixes', config?.namePrefix ?? []);
  affix(resources, suffix, 'suffixes', config?.nameSuffix ?? []);
  return resources;
}
