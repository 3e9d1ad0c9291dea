/*
 * kustomize's NamespaceTransformer (api/filters/namespace, default
 * `setRoleBindingSubjects: defaultOnly`, `unsetOnly: false`).
 */
import type { Resource } from '../types';
import { resIdOf } from '../../core/resId';
import type { TransformContext } from '../types';
import { NAMESPACE_SPECS } from './fieldSpecs';
import { isClusterScoped } from './fieldSpecs';
import {
  fieldSpecSelects,
  setHolderValue,
  visitFieldSpec,
} from './walkFieldSpec';
import {
  effectiveNamespace,
  idString,
  reportAt,
  storePreviousId,
} from './resIds';
import { isRecord } from '../../core/records';
import { mergeFieldSpecs } from './transformerConfig';

/**
 * Sets `namespace` on every namespaced resource, renames v1 Namespace
 * objects, sets the namespace of role binding subjects named `default`, of
 * APIService services and CRD conversion webhook services, as kustomize.
 * Every resource's id is stored as a previous id first. Resources are
 * changed in place; an id collision afterwards is reported.
 */
export function applyNamespace(
  resources: Resource[],
  namespace: string | undefined,
  ctx: TransformContext,
): Resource[] {
  if (!namespace) return resources;
  // as kustomize's namespace filter: metadata/namespace is its own hack, never a spec
  const specs = mergeFieldSpecs(
    NAMESPACE_SPECS,
    (ctx.config?.namespace ?? []).filter(f => f.path !== 'metadata/namespace'),
  );
  for (const r of resources) {
    const obj = r.object;
    storePreviousId(r);
    // as kustomize's metaNamespaceHack: never on cluster-scoped kinds
    if (!isClusterScoped(obj.apiVersion, obj.kind)) {
      obj.metadata = obj.metadata ?? {};
      obj.metadata.namespace = namespace;
    }
    if (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') {
      const subjects = obj.subjects;
      if (Array.isArray(subjects)) {
        for (const s of subjects) {
          if (isRecord(s) && s.name === 'default') s.namespace = namespace;
        }
      }
    }
    const binding =
      obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding';
    for (const fs of specs) {
      if (!fieldSpecSelects(fs, obj)) continue;
      // as kustomize's removeRoleBindingSubjectFieldSpecs: subjects are the hack's
      if (binding && fs.path.startsWith('subjects')) continue;
      // as kustomize: metadata/name only for Namespace objects of apiVersion v1
      if (fs.path === 'metadata/name' && obj.apiVersion !== 'v1') continue;
      const err = visitFieldSpec(
        obj,
        fs,
        h => setHolderValue(h, namespace),
        'scalar',
      );
      if (err)
        reportAt(
          ctx,
          'namespace',
          `namespace: ${idString(resIdOf(r))}: ${err}`,
        );
    }
  }
  // as kustomize's ResId.Equals, counted by key instead of pairwise
  const keyOf = (r: Resource) => {
    const id = resIdOf(r);
    return [
      id.group,
      id.version,
      id.kind,
      id.name,
      effectiveNamespace(id),
    ].join('\u0000');
  };
  const counts = new Map<string, number>();
  for (const r of resources) {
    const key = keyOf(r);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const r of resources) {
    const id = resIdOf(r);
    if ((counts.get(keyOf(r)) ?? 0) > 1) {
      reportAt(
        ctx,
        'namespace',
        `namespace transformation produces ID conflict: ${idString(id)}`,
        'duplicate-object',
      );
      break;
    }
  }
  return resources;
}
