/*
 * The bookkeeping behind the name reference transformer, computed once per
 * fixNameReferences call: every resource's current and original id, whether
 * it is cluster-scoped and its effective namespace, and indexes by previous
 * name, by original kind and by original namespace. kustomize recomputes
 * these for every referrer; doing it once makes name references linear in
 * the number of resources instead of quadratic. Nothing here changes during
 * the call: name references only ever write fields outside metadata/name and
 * metadata/namespace.
 */
import { resIdOf } from '../../core/resId';
import { type ResId } from '../../core/types';
import { type Resource } from '../types';
import { effectiveNamespace, idIsClusterScoped, orgId } from './resIds';
import { isRecord } from '../../core/records';
import type { KObject } from '../../core/types';
import { isShared } from '../../core/sharedObjects';
import { holderValue, visitFieldSpec } from './walkFieldSpec';

/** One resource with its ids and their namespace facts. */
export interface IndexedResource {
  resource: Resource;
  /** The current id. */
  id: ResId;
  /** True when the current id is cluster-scoped. */
  cluster: boolean;
  /** kustomize's EffectiveNamespace of the current id. */
  ns: string;
  /** The original id (kustomize's OrgId). */
  org: ResId;
  /** Effective namespace of the original id; undefined when it is cluster-scoped. */
  orgNs: string | undefined;
  /** {@link mayHoldAt}'s memo for a shared object; null for an object of this build's own. */
  held?: Map<string, boolean> | null;
}

/**
 * What a referrer may refer to (see {@link referableFrom}). Computed afresh
 * for each referrer and fieldspec, as kustomize does: fixing ServiceAccount
 * references can change a RoleBinding's subject namespaces.
 */
export interface ReferrerScope {
  cluster: boolean;
  ns: string;
  /** Namespaces of a RoleBinding's ServiceAccount subjects. */
  subjectNs: Set<string>;
  /** All of the above as one string, for memoizing. */
  key: string;
}

const EMPTY: IndexedResource[] = [];

function push<K>(
  map: Map<K, IndexedResource[]>,
  key: K,
  e: IndexedResource,
): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

/**
 * Resources of one build indexed for name reference lookups. Every list
 * keeps the order of the resources, so filtering a list gives what
 * filtering the whole resource list would.
 */
export class ReferralIndex {
  readonly all: IndexedResource[];
  private readonly byPrevName = new Map<string, IndexedResource[]>();
  private readonly byOrgKind = new Map<string, IndexedResource[]>();
  private readonly byOrgNs = new Map<string, IndexedResource[]>();
  private readonly orgNsMemo = new Map<string, boolean>();

  constructor(resources: Resource[]) {
    this.all = resources.map(resource => {
      const id = resIdOf(resource);
      const cluster = idIsClusterScoped(id);
      const org = orgId(resource);
      const orgCluster = idIsClusterScoped(org);
      return {
        resource,
        id,
        cluster,
        ns: effectiveNamespace(id),
        org,
        orgNs: orgCluster ? undefined : effectiveNamespace(org),
      };
    });
    for (const e of this.all) {
      const names = new Set(e.resource.prevIds.map(p => p.name));
      for (const name of names) push(this.byPrevName, name, e);
      push(this.byOrgKind, e.org.kind, e);
      if (e.orgNs !== undefined) push(this.byOrgNs, e.orgNs, e);
    }
  }

  /** Resources one of whose previous ids has the name, in resource order. */
  withPreviousName(name: string): IndexedResource[] {
    return this.byPrevName.get(name) ?? EMPTY;
  }

  /** Resources whose original kind is `kind` (every resource when undefined), in resource order. */
  withOriginalKind(kind: string | undefined): IndexedResource[] {
    if (!kind) return this.all;
    return this.byOrgKind.get(kind) ?? EMPTY;
  }

  /**
   * True when a resource the scope may refer to has its original id
   * namespaced in `ns` (kustomize's GroupedByOriginalNamespace is not empty
   * for that namespace). Memoized by scope.
   */
  someOriginallyIn(scope: ReferrerScope, ns: string): boolean {
    const key = `${scope.key}\u0000${ns}`;
    let found = this.orgNsMemo.get(key);
    if (found === undefined) {
      found = (this.byOrgNs.get(ns) ?? EMPTY).some(t =>
        referableFrom(scope, t),
      );
      this.orgNsMemo.set(key, found);
    }
    return found;
  }
}

const NO_SUBJECTS = new Set<string>();

/** The scope of a referrer as its object is now. */
export function scopeOf(e: IndexedResource): ReferrerScope {
  if (e.cluster)
    return { cluster: true, ns: e.ns, subjectNs: NO_SUBJECTS, key: 'c' };
  let subjectNs = NO_SUBJECTS;
  const obj = e.resource.object;
  if (obj.kind === 'RoleBinding' && Array.isArray(obj.subjects)) {
    subjectNs = new Set<string>();
    for (const s of obj.subjects) {
      if (
        isRecord(s) &&
        s.kind === 'ServiceAccount' &&
        typeof s.namespace === 'string'
      )
        subjectNs.add(s.namespace);
    }
  }
  const key = ['n', e.ns, ...[...subjectNs].sort()].join('\u0001');
  return { cluster: false, ns: e.ns, subjectNs, key };
}

/**
 * kustomize's SubsetThatCouldBeReferencedByResource as a predicate: a
 * cluster-scoped referrer sees everything; a namespaced one sees
 * cluster-scoped resources, those in its namespace and, for a RoleBinding,
 * those in the namespaces of its ServiceAccount subjects.
 */
export function referableFrom(
  scope: ReferrerScope,
  t: IndexedResource,
): boolean {
  if (scope.cluster) return true;
  return t.cluster || t.ns === scope.ns || scope.subjectNs.has(t.id.namespace);
}

// per shared object (which never changes): whether anything is at a fieldspec path
const holding = new WeakMap<KObject, Map<string, boolean>>();

/**
 * Whether a referrer could act on `e` at fieldspec `path`: false only for a
 * shared object with nothing there. Remembered per object, so a warm build
 * does not walk every cached object for every referrer spec again.
 */
export function mayHoldAt(e: IndexedResource, path: string): boolean {
  if (e.held === undefined) {
    const object = e.resource.object;
    e.held = isShared(object) ? holding.get(object) ?? null : null;
    if (e.held === null && isShared(object))
      holding.set(object, (e.held = new Map()));
  }
  if (e.held === null) return true;
  let found = e.held.get(path);
  if (found === undefined) {
    const dry = { wrote: false };
    let held = false;
    visitFieldSpec(
      e.resource.object,
      { path },
      h => {
        const v = holderValue(h);
        held ||= v !== null && v !== undefined;
      },
      undefined,
      dry,
    );
    found = held || dry.wrote;
    e.held.set(path, found);
  }
  return found;
}
