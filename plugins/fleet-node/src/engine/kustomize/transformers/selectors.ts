/*
 * kustomize's selection of resources for replacements: exact source ids
 * (ResId.IsSelectedBy) and anchored-regex target selectors with Kubernetes
 * label / annotation selectors (types.SelectorRegex), both tried against the
 * current and every previous id.
 */
import { resIdOf, type ResId, type Resource } from '../resource';
import type { ReplacementSource, Selector } from '../kustomization';
import { effectiveNamespace } from './resIds';

/** The current id followed by the previous ids (kustomize's utils.MakeResIds). */
export function allIds(r: Resource): ResId[] {
  return [resIdOf(r), ...r.prevIds];
}

/** True when the source selector picks the resource by any of its ids. */
export function sourceSelects(sel: ReplacementSource, r: Resource): boolean {
  return allIds(r).some(
    id =>
      (!sel.name || sel.name === id.name) &&
      (!sel.namespace || effectiveNamespace({ ...id, namespace: sel.namespace }) === effectiveNamespace(id)) &&
      (!sel.group || sel.group === id.group) &&
      (!sel.version || sel.version === id.version) &&
      (!sel.kind || sel.kind === id.kind),
  );
}

function anchored(pattern: string | undefined, value: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/**
 * Evaluates a Kubernetes label selector (`a=b`, `a==b`, `a!=b`, `a in (x,y)`,
 * `a notin (x)`, `a`, `!a`, comma-joined) against a map. Returns undefined
 * for a selector it cannot parse.
 */
export function matchesLabelSelector(selector: string, labels: Record<string, string>): boolean | undefined {
  const reqs = selector.match(/(?:[^,(]|\([^)]*\))+/g) ?? [];
  for (const raw of reqs) {
    const req = raw.trim();
    if (!req) continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(req))) {
      const [, k, op, v] = m;
      const has = k in labels && labels[k] === v;
      if (op === '!=' ? has : !has) return false;
    } else if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req))) {
      const [, k, op, list] = m;
      const values = list.split(',').map(s => s.trim());
      const has = k in labels && values.includes(labels[k]);
      if (op === 'in' ? !has : has) return false;
    } else if ((m = /^!\s*(\S+)$/.exec(req))) {
      if (m[1] in labels) return false;
    } else if (/^\S+$/.test(req)) {
      if (!(req in labels)) return false;
    } else {
      return undefined;
    }
  }
  return true;
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
export function selectorMatchesMeta(sel: Selector, r: Resource): boolean | undefined {
  const l = sel.labelSelector ? matchesLabelSelector(sel.labelSelector, r.object.metadata?.labels ?? {}) : true;
  const a = sel.annotationSelector
    ? matchesLabelSelector(sel.annotationSelector, r.object.metadata?.annotations ?? {})
    : true;
  if (l === undefined || a === undefined) return undefined;
  return l && a;
}
