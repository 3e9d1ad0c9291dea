/*
 * The parts of the Flux Kustomization CRD schema (kustomize.toolkit.fluxcd.io)
 * the resolver relies on. An object that breaks them is rejected by the API
 * server, so Flux never applies it; reading it leniently instead would, for
 * instance, take a missing sourceRef for this repository and a non-string
 * path for its root.
 */
import type { KObject } from '../core/types';
import { isRecord } from '../core/records';

const SOURCE_KINDS = new Set([
  'GitRepository',
  'OCIRepository',
  'Bucket',
  'ExternalArtifact',
]);

/** What makes `obj` an invalid Flux Kustomization (empty when the checked fields are valid). */
export function fluxKustomizationErrors(obj: KObject): string[] {
  const errors: string[] = [];
  const spec = obj.spec;
  if (!isRecord(spec)) return ['spec must be a mapping'];
  if (
    spec.path !== undefined &&
    spec.path !== null &&
    typeof spec.path !== 'string'
  )
    errors.push('spec.path must be a string');
  const src = spec.sourceRef;
  if (!isRecord(src))
    errors.push('spec.sourceRef is required and must be a mapping');
  else {
    if (typeof src.name !== 'string' || src.name === '')
      errors.push('spec.sourceRef.name is required');
    if (typeof src.kind !== 'string' || !SOURCE_KINDS.has(src.kind)) {
      errors.push(
        `spec.sourceRef.kind must be one of ${[...SOURCE_KINDS].join(', ')}`,
      );
    }
  }
  for (const field of ['dependsOn', 'patches', 'images', 'components']) {
    if (
      spec[field] !== undefined &&
      spec[field] !== null &&
      !Array.isArray(spec[field])
    )
      errors.push(`spec.${field} must be a list`);
  }
  if (
    Array.isArray(spec.dependsOn) &&
    spec.dependsOn.some(d => !isRecord(d) || typeof d.name !== 'string')
  ) {
    errors.push('every spec.dependsOn entry needs a name');
  }
  const postBuild = spec.postBuild;
  if (postBuild !== undefined && postBuild !== null) {
    if (!isRecord(postBuild)) errors.push('spec.postBuild must be a mapping');
    else {
      if (
        postBuild.substitute !== undefined &&
        postBuild.substitute !== null &&
        !isRecord(postBuild.substitute)
      )
        errors.push('spec.postBuild.substitute must be a mapping');
      if (
        postBuild.substituteFrom !== undefined &&
        postBuild.substituteFrom !== null &&
        !Array.isArray(postBuild.substituteFrom)
      )
        errors.push('spec.postBuild.substituteFrom must be a list');
    }
  }
  return errors;
}
