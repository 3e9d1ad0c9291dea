/*
 * kustomize's selection of resources for replacements: exact source ids
 * (ResId.IsSelectedBy) and anchored-regex target selectors with Kubernetes
 * label / annotation selectors (types.SelectorRegex; selector syntax parsed
 * by patch/labelSelector.ts), both tried against the current and every
 * previous id.
 */
import { resIdOf } from '../../core/resId';
import { type ResId } from '../../core/types';
import { type Resource } from '../types';
import type { ReplacementSource, Selector } from '../types';
import { effectiveNamespace } from './resIds';
import { parseLabelSelector } from '../patch/labelSelector';

/** The current id followed by the previous ids (kustomize's utils.MakeResIds). */
export function allIds(r: Resource): ResId[] {
  return [resIdOf(r), ...r.prevIds];
}

/** True when the source selector picks the resource by any of its ids. */
export function sourceSelects(sel: ReplacementSource, r: Resource): boolean {
  return allIds(r).some(
    id =>
      (!sel.name || sel.name === id.name) &&
      (!sel.namespace ||
        effectiveNamespace({ ...id, namespace: sel.namespace }) ===
          effectiveNamespace(id)) &&
      (!sel.group || sel.group === id.group) &&
      (!sel.version || sel.version === id.version) &&
      (!sel.kind || sel.kind === id.kind),
  );
}

// compiled once per pattern: a selector is tried against every resource
const anchoredPatterns = new Map<string, RegExp | null>();

function anchored(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  let re = anchoredPatterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
    if (anchoredPatterns.size > 10_000) anchoredPatterns.clear();
    anchoredPatterns.set(pattern, re);
  }
  return re === null ? pattern === value : re.test(value);
}

/** True when the selector's id fields (regexes, anchored) match one of the resource's ids. */
export function selectorMatchesIds(sel: Selector, r: Resource): boolean {
  return allIds(r).some(
    id =>
      anchored(sel.group, id.group) &&
      anchored(sel.version, id.version) &&
      anchored(sel.kind, id.kind) &&
      anchored(sel.name, id.name) &&
      anchored(sel.namespace, id.namespace),
  );
}

/** True when the selector's label and annotation selectors match (undefined when unparsable). */
export function selectorMatchesMeta(
  sel: Selector,
  r: Resource,
): boolean | undefined {
  const test = (
    selector: string | undefined,
    map: Record<string, string> | undefined,
  ) => {
    if (!selector) return true;
    const m = parseLabelSelector(selector);
    return 'error' in m ? undefined : m(map);
  };
  const l = test(sel.labelSelector, r.object.metadata?.labels);
  const a = test(sel.annotationSelector, r.object.metadata?.annotations);
  if (l === undefined || a === undefined) return undefined;
  return l && a;
}
