/*
 * kustomize's ReplicaCountTransformer (plugin/builtin/replicacounttransformer,
 * api/filters/replicacount) with the builtin replicas fieldspecs.
 */
import type { Resource } from '../types';
import { resIdOf } from '../../core/resId';
import type { Kustomization, TransformContext } from '../types';
import { REPLICA_SPECS } from './fieldSpecs';
import {
  fieldSpecSelects,
  setHolderValue,
  visitFieldSpec,
} from './walkFieldSpec';
import { gvkSelected, reportAt } from './resIds';
import { mergeFieldSpecs } from './transformerConfig';

/**
 * Sets `spec.replicas` of the Deployments, ReplicaSets, StatefulSets and
 * ReplicationControllers whose current or any previous name is the entry's
 * name, as kustomize. An entry that matches nothing is an error in
 * kustomize and is reported. Resources are changed in place.
 */
export function applyReplicas(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  const entries = k.replicas ?? [];
  if (entries.length === 0) return resources;
  // setting replicas changes no id: list every resource's ids once
  const ids = resources.map(r => [...r.prevIds, resIdOf(r)]);
  const specs = mergeFieldSpecs(REPLICA_SPECS, ctx.config?.replicas ?? []);
  entries.forEach((entry, i) => {
    let found = false;
    for (const fs of specs) {
      // as kustomize's createMatcher: any id, current or previous
      const matches = resources.filter((_, j) =>
        ids[j].some(id => id.name === entry.name && gvkSelected(id, fs)),
      );
      for (const r of matches) {
        found = true;
        if (!fieldSpecSelects(fs, r.object)) continue;
        visitFieldSpec(
          r.object,
          fs,
          h => setHolderValue(h, entry.count),
          'scalar',
        );
      }
    }
    if (!found) {
      const gvks = specs.map(fs => fs.kind).join(' ');
      reportAt(
        ctx,
        `replicas.${i}`,
        `replicas: resource with name ${entry.name} does not match a config with the following GVK [${gvks}]`,
      );
    }
  });
  return resources;
}
