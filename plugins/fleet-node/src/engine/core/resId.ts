/*
 * kustomize's resource ids (resid.ResId): every stage that selects, patches
 * or references objects compares them by group, version, kind, name and
 * namespace.
 */
import type { KObject, ResId } from './types';

/** Splits `apiVersion` into group and version (`v1` → group ''). */
export function splitApiVersion(apiVersion: string | undefined): {
  group: string;
  version: string;
} {
  if (!apiVersion) return { group: '', version: '' };
  const i = apiVersion.lastIndexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The current id of a resource. */
export function resIdOf(r: { object: KObject }): ResId {
  const { group, version } = splitApiVersion(r.object.apiVersion);
  return {
    group,
    version,
    kind: r.object.kind ?? '',
    name: r.object.metadata?.name ?? '',
    namespace: r.object.metadata?.namespace ?? '',
  };
}
