/*
 * Objects that make other objects in the cluster from templates the engine
 * does not expand. Rendering them as plain objects would silently leave out
 * what they create, so each one is a warning naming it.
 */
import type { BuiltResource } from '../kustomize/types';
import type { Problem } from '../core/types';
import { groupOf } from './fluxObjects';

// the Flux Operator's generators (fluxcd.controlplane.io): ResourceSet templates `<< inputs.x >>` over its inputs
const TEMPLATED = new Map<string, string>([
  [
    'fluxcd.controlplane.io/ResourceSet',
    'generates objects from templates over its inputs (Flux Operator)',
  ],
]);

/** A warning for `r` when it generates objects the engine does not expand; else undefined. */
export function templatedObjectProblem(
  r: BuiltResource,
  cluster: string,
): Omit<Problem, 'cluster'> | undefined {
  const what = TEMPLATED.get(`${groupOf(r.object)}/${r.object.kind}`);
  if (!what) return undefined;
  const ns = r.object.metadata?.namespace;
  return {
    severity: 'warning',
    rule: 'unsupported-generator',
    file: r.source.file,
    line: r.source.line,
    message: `${r.object.kind} ${ns ? `${ns}/` : ''}${
      r.object.metadata?.name
    } ${what}; they are not expanded, so the objects it creates are missing from cluster ${cluster}.`,
  };
}
