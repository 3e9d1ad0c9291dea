/*
 * kustomize resource id bookkeeping (api/resource.Resource, kyaml/resid):
 * previous ids, the original id, gvk selection and namespace equality.
 */
import { resIdOf } from '../../core/resId';
import { type ResId } from '../../core/types';
import { type Resource } from '../types';
import type { Problem } from '../../core/types';
import type { TransformContext } from '../types';
import { isClusterScoped } from './fieldSpecs';

/**
 * A resource with the name prefixes and suffixes applied to it, outermost
 * last (kustomize's `internal.config.kubernetes.io/prefixes|suffixes`),
 * used to pick between otherwise equal name reference candidates.
 */
export type AffixedResource = Resource & {
  nameAffixes?: { prefixes: string[]; suffixes: string[] };
};

/** Records the current id as a previous id, as kustomize's StorePreviousId. */
export function storePreviousId(r: Resource): void {
  r.prevIds.push(resIdOf(r));
}

/** The id the resource had first (kustomize's OrgId). */
export function orgId(r: Resource): ResId {
  return r.prevIds[0] ?? resIdOf(r);
}

/** A gvk selector whose empty fields match anything (kustomize's Gvk.IsSelected). */
export interface GvkSelector {
  group?: string;
  version?: string;
  kind?: string;
}

/** True when `sel` selects `id`. */
export function gvkSelected(
  id: { group: string; version: string; kind: string },
  sel: GvkSelector,
): boolean {
  if (sel.group && sel.group !== id.group) return false;
  if (sel.version && sel.version !== id.version) return false;
  if (sel.kind && sel.kind !== id.kind) return false;
  return true;
}

/** True when the id's kind is certainly cluster-scoped. */
export function idIsClusterScoped(id: ResId): boolean {
  return isClusterScoped(
    id.group ? `${id.group}/${id.version}` : id.version,
    id.kind,
  );
}

/** kustomize's EffectiveNamespace: '' means `default`; cluster-scoped ids share one pseudo namespace. */
export function effectiveNamespace(id: ResId): string {
  if (idIsClusterScoped(id)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

/** kustomize's ResId.Equals: same gvk, name and effective namespace. */
export function idEquals(a: ResId, b: ResId): boolean {
  return (
    a.group === b.group &&
    a.version === b.version &&
    a.kind === b.kind &&
    a.name === b.name &&
    effectiveNamespace(a) === effectiveNamespace(b)
  );
}

/** Human form of an id for messages, like kustomize's `Kind.version.group/name.namespace`. */
export function idString(id: ResId): string {
  const gvk = [id.kind, id.version, id.group].filter(Boolean).join('.');
  return `${gvk}/${id.name}${id.namespace ? `.${id.namespace}` : ''}`;
}

/** Reports a problem against a kustomization field. */
export function reportAt(
  ctx: TransformContext,
  field: string,
  message: string,
  rule = 'kustomize-transform',
  severity: Problem['severity'] = 'error',
): void {
  ctx.sink.report({
    severity,
    rule,
    file: ctx.kustFile,
    line: ctx.lineOf(field),
    message,
  });
}
