/*
 * kustomize's AnnotationsTransformer as configured from `commonAnnotations`
 * (api/filters/annotations with the builtin commonAnnotations fieldspecs).
 */
import type { Resource } from '../types';
import type { Kustomization, TransformContext } from '../types';
import { COMMON_ANNOTATION_SPECS } from './fieldSpecs';
import { setMapEntries } from './labels';
import { mergeFieldSpecs } from './transformerConfig';

/**
 * Sets `commonAnnotations` on every resource's metadata and on the pod
 * templates of workloads (created where missing), as kustomize. Resources
 * are changed in place.
 */
export function applyAnnotations(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  if (k.commonAnnotations) {
    setMapEntries(
      resources,
      k.commonAnnotations,
      mergeFieldSpecs(
        COMMON_ANNOTATION_SPECS,
        ctx.config?.commonAnnotations ?? [],
      ),
      ctx,
      'commonAnnotations',
    );
  }
  return resources;
}
