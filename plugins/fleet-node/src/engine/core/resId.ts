import type { BuiltResource, Problem } from '../types';

/** kustomize's resource id: group/version/kind plus name and namespace ('' when unset). */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

/**
 * A resource while a kustomization is being built. Mirrors kustomize's
 * resource.Resource: the object plus bookkeeping that never reaches output.
 */
export interface Resource extends BuiltResource {
  /**
   * Ids the resource had before name/namespace transformations, oldest first
   * (kustomize's `internal.config.kubernetes.io/previousNames|Kinds|Namespaces`),
   * used by the name reference transformer to fix back references.
   */
  prevIds: ResId[];
  /** Set on resources made by configMapGenerator / secretGenerator. */
  generator?: {
    behavior: 'create' | 'merge' | 'replace';
    /** false when generatorOptions.disableNameSuffixHash (or the per-entry option) is true. */
    needsHash: boolean;
  };
}

/** Where a stage reports problems; `cluster` is filled in by the caller that knows it. */
export interface ProblemSink {
  report(problem: Omit<Problem, 'cluster'>): void;
}

/** Splits `apiVersion` into group and version (`v1` → group ''). */
export function splitApiVersion(apiVersion: string | undefined): { group: string; version: string } {
  if (!apiVersion) return { group: '', version: '' };
  const i = apiVersion.lastIndexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The current id of a resource. */
export function resIdOf(r: BuiltResource): ResId {
  const { group, version } = splitApiVersion(r.object.apiVersion);
  return {
    group,
    version,
    kind: r.object.kind ?? '',
    name: r.object.metadata?.name ?? '',
    namespace: r.object.metadata?.namespace ?? '',
  };
}
