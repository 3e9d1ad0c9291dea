/*
 * The order in which Flux reconciles a cluster's Kustomizations: a parent
 * before what it declares, a dependency (`dependsOn`) before its dependents,
 * otherwise the order the tree declares them. Used to print a cluster's
 * objects in a stable, meaningful order.
 */
import type { FluxKustomizationNode } from './types';

/** Kustomization ids in apply order. Dependency cycles keep their declaration order. */
export function applyOrder(nodes: FluxKustomizationNode[]): string[] {
  const ids = new Set(nodes.map(n => n.id));
  const waitsFor = new Map<string, Set<string>>();
  for (const n of nodes) {
    const deps = new Set<string>(
      n.dependsOn.filter(d => ids.has(d) && d !== n.id),
    );
    if (n.parent && ids.has(n.parent)) deps.add(n.parent);
    waitsFor.set(n.id, deps);
  }
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < nodes.length) {
    // the first ready node in declaration order; with none ready (a cycle), the first left
    const next =
      nodes.find(
        n =>
          !done.has(n.id) && [...waitsFor.get(n.id)!].every(d => done.has(d)),
      ) ?? nodes.find(n => !done.has(n.id))!;
    done.add(next.id);
    order.push(next.id);
  }
  return order;
}
