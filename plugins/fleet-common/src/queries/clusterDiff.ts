/*
 * The difference between what two clusters receive, object by object
 * (identity: apiVersion, kind, namespace, name). Objects compare by their
 * rendered text, which the caller supplies already redacted: this function
 * never sees Secret values.
 */
import type { ClusterDiffResponse, FleetDiffEntry } from '../api';
import type { FleetObject } from '../model';

/** An object with its redacted YAML, on one side of a diff. */
export interface DiffSide {
  object: FleetObject;
  yaml: string;
}

/** `apiVersion/kind/namespace/name`: an object's identity on a cluster. */
export function objectKey(o: {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}): string {
  return `${o.apiVersion}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

/** Compares `fromSide` (cluster `from`) with `toSide` (cluster `to`). */
export function clusterDiff(
  from: string,
  to: string,
  fromSide: DiffSide[],
  toSide: DiffSide[],
  unit: string | null = null,
): ClusterDiffResponse {
  const left = new Map(fromSide.map(s => [objectKey(s.object), s]));
  const right = new Map(toSide.map(s => [objectKey(s.object), s]));
  const entries: FleetDiffEntry[] = [];
  for (const key of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const a = left.get(key);
    const b = right.get(key);
    const o = (a ?? b)!.object;
    entries.push({
      change: changeOf(a, b),
      apiVersion: o.apiVersion,
      kind: o.kind,
      namespace: o.namespace,
      name: o.name,
      unit: o.unit,
      ...(a ? { fromYaml: a.yaml } : {}),
      ...(b ? { toYaml: b.yaml } : {}),
    });
  }
  const unitsOf = (side: DiffSide[]) =>
    new Set(side.map(s => s.object.unit).filter((u): u is string => !!u));
  const fromUnits = unitsOf(fromSide);
  const toUnits = unitsOf(toSide);
  return {
    from,
    to,
    unit,
    entries,
    onlyInFrom: [...fromUnits].filter(u => !toUnits.has(u)).sort(),
    onlyInTo: [...toUnits].filter(u => !fromUnits.has(u)).sort(),
  };
}

function changeOf(a?: DiffSide, b?: DiffSide): FleetDiffEntry['change'] {
  if (!a) return 'added';
  if (!b) return 'removed';
  return a.yaml === b.yaml ? 'unchanged' : 'changed';
}
