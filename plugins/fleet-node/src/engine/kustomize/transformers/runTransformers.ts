/*
 * One kustomization level's builtin transformers in kustomize's fixed order
 * (api/internal/target/kusttarget_configplugin.go configureBuiltinTransformers):
 * PatchStrategicMerge, Patch, Namespace, Prefix, Suffix, Label, Annotations,
 * PatchJson6902, ReplicaCount, ImageTag, Replacement.
 */
import type { Resource } from '../types';
import type { Kustomization, TransformContext } from '../types';
import {
  applyJson6902Patches,
  applyPatches,
  applyStrategicMergePatches,
} from '../patch/applyPatches';
import { applyNamespace } from './namespace';
import { applyPrefixSuffix } from './prefixSuffix';
import { applyLabels } from './labels';
import { applyAnnotations } from './annotations';
import { applyReplicas } from './replicas';
import { applyImages } from './images';
import { applyReplacements } from './replacements';

/**
 * Applies every builtin transformer the kustomization configures, in
 * kustomize's order, to the resources accumulated at this level (after
 * generators). Name references are not fixed here: kustomize does that once
 * at the top level (see fixNameReferences). Problems go to `ctx.sink`;
 * returns the transformed list.
 */
export function runTransformers(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  let list = resources;
  if (k.patchesStrategicMerge?.length)
    list = applyStrategicMergePatches(list, k.patchesStrategicMerge, ctx);
  if (k.patches?.length) list = applyPatches(list, k.patches, ctx);
  list = applyNamespace(list, k.namespace, ctx);
  list = applyPrefixSuffix(list, k.namePrefix, k.nameSuffix, ctx.config);
  list = applyLabels(list, k, ctx);
  list = applyAnnotations(list, k, ctx);
  if (k.patchesJson6902?.length)
    list = applyJson6902Patches(list, k.patchesJson6902, ctx);
  list = applyReplicas(list, k, ctx);
  list = applyImages(list, k, ctx.config?.images);
  list = applyReplacements(list, k, ctx);
  return list;
}
