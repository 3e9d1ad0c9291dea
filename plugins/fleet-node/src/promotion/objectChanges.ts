/*
 * What every cluster gains, changes and loses between two resolved models:
 * the blast radius a promotion preview and `fleet diff` report. Objects are
 * compared by kustomize's id (group, kind, namespace, name) and their
 * rendered body; only ids leave this function, never bodies, so Secret
 * values cannot reach a pull request.
 */
import type {
  FleetObjectRefSummary,
  PromotionClusterChange,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { shownIdentity, type FleetModel, type ModelObject } from '../engine';

// as every view names it: a name or namespace copied from Secret data is a placeholder
const idOf = (o: ModelObject): FleetObjectRefSummary => {
  const { name, namespace } = shownIdentity(o);
  return {
    apiVersion: o.object.apiVersion ?? '',
    kind: o.object.kind ?? '',
    namespace: namespace ?? null,
    name,
  };
};

function keyOf(o: ModelObject): string {
  const api = o.object.apiVersion ?? '';
  const group = api.includes('/') ? api.slice(0, api.lastIndexOf('/')) : '';
  return `${group}|${o.object.kind}|${o.object.metadata?.namespace ?? ''}|${
    o.object.metadata?.name
  }`;
}

const byCluster = (model: FleetModel, only?: ReadonlySet<string>) => {
  const out = new Map<string, Map<string, ModelObject>>();
  for (const c of model.clusters)
    if (!only || only.has(c.name)) out.set(c.name, new Map());
  for (const o of model.objects) {
    if (only && !only.has(o.cluster)) continue;
    let m = out.get(o.cluster);
    if (!m) out.set(o.cluster, (m = new Map()));
    m.set(keyOf(o), o);
  }
  return out;
};

const order = (a: FleetObjectRefSummary, b: FleetObjectRefSummary) =>
  `${a.kind}/${a.namespace}/${a.name}`.localeCompare(
    `${b.kind}/${b.namespace}/${b.name}`,
  );

/**
 * Per cluster (of either model), the objects added, changed and removed from
 * `before` to `after`; clusters without a change are left out unless listed
 * in `always`. With `only`, the other clusters are known to be unchanged
 * (a promotion's re-resolve kept them) and are not compared at all.
 *
 * @public
 */
export function objectChanges(
  before: FleetModel,
  after: FleetModel,
  always: string[] = [],
  only?: ReadonlySet<string>,
): PromotionClusterChange[] {
  const a = byCluster(before, only);
  const b = byCluster(after, only);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: PromotionClusterChange[] = [];
  for (const cluster of names) {
    const was = a.get(cluster) ?? new Map();
    const now = b.get(cluster) ?? new Map();
    const change: PromotionClusterChange = {
      cluster,
      added: [],
      changed: [],
      removed: [],
    };
    for (const [key, o] of now) {
      const old = was.get(key);
      if (!old) change.added.push(idOf(o));
      // the same object (unchanged revision reuse) is not compared by content
      else if (
        old.object !== o.object &&
        JSON.stringify(old.object) !== JSON.stringify(o.object)
      )
        change.changed.push(idOf(o));
    }
    for (const [key, o] of was) if (!now.has(key)) change.removed.push(idOf(o));
    if (
      change.added.length + change.changed.length + change.removed.length ===
        0 &&
      !always.includes(cluster)
    )
      continue;
    change.added.sort(order);
    change.changed.sort(order);
    change.removed.sort(order);
    out.push(change);
  }
  return out;
}

/**
 * `kind namespace/name` for people.
 *
 * @public
 */
export function describeObject(o: FleetObjectRefSummary): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}
