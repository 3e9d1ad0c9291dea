/*
 * kustomize's LabelTransformer as configured from `labels:` entries and
 * `commonLabels` (api/internal/target/kusttarget_configplugin.go,
 * api/filters/labels).
 */
import type { Resource } from '../types';
import { resIdOf } from '../../core/resId';
import type { FieldSpec, Kustomization, TransformContext } from '../types';
import { COMMON_LABEL_SPECS, TEMPLATE_LABEL_SPECS } from './fieldSpecs';
import { fieldSpecSelects, holderValue, visitFieldSpec } from './walkFieldSpec';
import { idString, reportAt } from './resIds';
import { mergeFieldSpecs } from './transformerConfig';

export { mergeFieldSpecs } from './transformerConfig';

/**
 * Sets each pair into the map at every selected fieldspec, creating maps
 * where the spec says so (kustomize's labels / annotations filter). Shared
 * by labels and annotations; problems are reported against `field`.
 */
export function setMapEntries(
  resources: Resource[],
  pairs: Record<string, string>,
  specs: FieldSpec[],
  ctx: TransformContext,
  field: string,
): void {
  const keys = Object.keys(pairs).sort();
  if (keys.length === 0) return;
  // the specs that may select each kind, in order: most name one kind
  const byKind = new Map<string, FieldSpec[]>();
  const specsFor = (kind: string) => {
    let list = byKind.get(kind);
    if (!list) {
      list = specs.filter(fs => !fs.kind || fs.kind === kind);
      byKind.set(kind, list);
    }
    return list;
  };
  for (const r of resources) {
    for (const fs of specsFor(r.object.kind ?? '')) {
      if (!fieldSpecSelects(fs, r.object)) continue;
      let bad = false;
      const err = visitFieldSpec(
        r.object,
        fs,
        h => {
          const target = holderValue(h);
          if (
            typeof target !== 'object' ||
            target === null ||
            Array.isArray(target)
          ) {
            bad = true;
            return;
          }
          for (const k of keys)
            (target as Record<string, unknown>)[k] = String(pairs[k]);
        },
        'map',
      );
      if (err || bad) {
        reportAt(
          ctx,
          field,
          `${field}: ${idString(resIdOf(r))}: '${fs.path}' is not a map${
            err ? ` (${err})` : ''
          }`,
        );
      }
    }
  }
}

/**
 * Applies every `labels:` entry in order (metadata only, plus templates with
 * includeTemplates, plus selectors and templates with includeSelectors, plus
 * the entry's own `fields`), then `commonLabels` (selectors and templates).
 * Resources are changed in place.
 */
export function applyLabels(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  // as kustomize: the builtin specs first, then those of `configurations:`
  const common = mergeFieldSpecs(
    COMMON_LABEL_SPECS,
    ctx.config?.commonLabels ?? [],
  );
  const templates = mergeFieldSpecs(
    TEMPLATE_LABEL_SPECS,
    ctx.config?.templateLabels ?? [],
  );
  (k.labels ?? []).forEach((entry, i) => {
    let specs: FieldSpec[] = entry.fields ?? [];
    if (entry.includeSelectors) {
      specs = mergeFieldSpecs(specs, common);
    } else {
      specs = mergeFieldSpecs(specs, [
        { path: 'metadata/labels', create: true },
      ]);
      if (entry.includeTemplates) specs = mergeFieldSpecs(specs, templates);
    }
    setMapEntries(resources, entry.pairs ?? {}, specs, ctx, `labels.${i}`);
  });
  if (k.commonLabels)
    setMapEntries(resources, k.commonLabels, common, ctx, 'commonLabels');
  return resources;
}
