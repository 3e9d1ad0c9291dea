/*
 * The objects a cluster's tree has declared so far, by kind, namespace and
 * name: where postBuild.substituteFrom, sourceRef and ArtifactGenerator
 * lookups find what Git declares for the cluster.
 */
import type { KObject } from '../core/types';

/** A growing index of the objects rendered for one cluster. */
export class ObjectIndex {
  readonly #byKind = new Map<string, Map<string, KObject>>();

  /** Adds `obj`; a later object with the same id replaces the earlier one (it is applied last). */
  add(obj: KObject): void {
    const kind = obj.kind ?? '';
    let objects = this.#byKind.get(kind);
    if (!objects) this.#byKind.set(kind, (objects = new Map()));
    objects.set(
      `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`,
      obj,
    );
  }

  /** The object of `kind` named `name` in `namespace` (or declared without a namespace). */
  get(kind: string, namespace: string, name: string): KObject | undefined {
    const objects = this.#byKind.get(kind);
    return objects?.get(`${namespace}/${name}`) ?? objects?.get(`/${name}`);
  }

  /** Every object of `kind`, in insertion order. */
  ofKind(kind: string): KObject[] {
    return [...(this.#byKind.get(kind)?.values() ?? [])];
  }
}
