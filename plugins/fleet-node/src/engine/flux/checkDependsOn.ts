/*
 * kustomize-controller's dependsOn rules, judged on a resolved cluster: a
 * Kustomization waits until everything it depends on is ready, so a
 * dependency the cluster does not have, or a ring of dependencies, blocks
 * it forever.
 */
import type { Problem } from '../core/types';
import type { FluxKustomizationNode } from './types';

/** `dependson-missing` and `dependson-cycle` errors of one cluster's Kustomizations. */
export function checkDependsOn(
  cluster: string,
  nodes: FluxKustomizationNode[],
): Omit<Problem, 'cluster'>[] {
  const problems: Omit<Problem, 'cluster'>[] = [];
  const byId = new Map(nodes.map(k => [k.id, k]));
  const at = (k: FluxKustomizationNode) => ({
    file: k.declaredAt?.file ?? null,
    line: k.declaredAt?.line ?? null,
  });
  for (const k of nodes) {
    for (const d of k.dependsOn) {
      if (byId.has(d)) continue;
      problems.push({
        severity: 'error',
        rule: 'dependson-missing',
        ...at(k),
        message: `Flux Kustomization ${k.id} depends on ${d}, which cluster ${cluster} does not have; Flux never applies ${k.id}.`,
      });
    }
  }
  // every ring once, reported at its first member in declaration order
  const state = new Map<string, 'open' | 'closed'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const d of byId.get(id)!.dependsOn) {
      if (!byId.has(d)) continue;
      if (state.get(d) === 'open') {
        const ring = stack.slice(stack.indexOf(d));
        const first = nodes.find(n => ring.includes(n.id))!;
        problems.push({
          severity: 'error',
          rule: 'dependson-cycle',
          ...at(first),
          message: `Flux Kustomizations depend on each other in a ring (${[
            ...ring,
            d,
          ].join(
            ' → ',
          )}); none of them ever becomes ready, so Flux applies none of them.`,
        });
      } else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(id, 'closed');
  };
  for (const k of nodes) if (!state.has(k.id)) visit(k.id);
  return problems;
}
