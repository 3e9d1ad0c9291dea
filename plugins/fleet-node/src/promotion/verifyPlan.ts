/*
 * The safety check of a promotion: the planned snapshot is resolved again
 * (incrementally: only clusters that read a changed file are rebuilt, from
 * the shared build cache) and compared with the model it came from. New errors, objects
 * applied twice and namespaces lost are refusals; the app must have arrived
 * on (or left) every target.
 */
import type {
  PromotionClusterChange,
  PromotionFileChange,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  BuildCache,
  FleetModel,
  ModelCluster,
  Problem,
  Snapshot,
} from '../engine';
import { objectChanges } from './objectChanges';
import { resolvePlanned } from './resolvePlanned';
import type { ResolveScope } from './types';

/** Problems a promotion may never introduce, even as warnings. */
const REFUSING_RULES = new Set([
  'duplicate-object',
  'namespace-missing',
  'cross-cluster-reference',
]);

/** Inputs of {@link verifyPlan}. */
export interface VerifyInput {
  /** The snapshot `model` was resolved from. */
  base: Snapshot;
  model: FleetModel;
  planned: Snapshot;
  /** The edits that turn `base` into `planned`. */
  changes: PromotionFileChange[];
  cache: BuildCache;
  scope?: ResolveScope;
  unitId: string;
  name: string;
  targets: ModelCluster[];
  remove: boolean;
  /** Clusters always listed in the per-cluster changes. */
  affected: string[];
  /** Whether the promoted thing runs on `cluster` of `model`; default: the unit has the cluster. */
  present?: (model: FleetModel, cluster: string) => boolean;
}

// lines move when a list grows: a problem is "the same" by rule, cluster, file and wording without numbers
const keyOf = (p: Problem) =>
  `${p.rule}|${p.cluster}|${p.file}|${p.message.replace(/\d+/g, '#')}`;

/** The verdict on a plan: its per-cluster changes, and a reason when it must not be applied. */
export function verifyPlan(input: VerifyInput): {
  refused?: string;
  warnings: string[];
  clusters: PromotionClusterChange[];
  planned: Snapshot;
} {
  const { after, rebuilt } = resolvePlanned(input);
  // clusters not rebuilt kept their objects: nothing to compare there
  const clusters = objectChanges(
    input.model,
    after,
    input.affected,
    new Set([...rebuilt, ...input.affected]),
  );
  const known = new Set(input.model.problems.map(keyOf));
  const fresh = after.problems.filter(p => !known.has(keyOf(p)));
  const blocking = fresh.filter(
    p => p.severity === 'error' || REFUSING_RULES.has(p.rule),
  );
  const where = (p: Problem) =>
    `${p.cluster ? `${p.cluster}: ` : ''}${p.message}${
      p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : ''
    }`;
  if (blocking.length > 0) {
    return {
      refused: `The change would break the fleet, so nothing was changed: ${blocking
        .slice(0, 5)
        .map(where)
        .join(' ')}`,
      warnings: [],
      clusters,
      planned: input.planned,
    };
  }
  const unit = after.units.find(u => u.id === input.unitId);
  const present =
    input.present ?? ((_: FleetModel, c: string) => !!unit?.clusters[c]);
  const wrong = input.targets.filter(
    t => present(after, t.name) === input.remove,
  );
  if (wrong.length > 0) {
    return {
      refused: `After the change ${input.name} would ${
        input.remove ? 'still' : 'still not'
      } run on ${wrong.map(t => t.name).join(', ')}; nothing was changed.`,
      warnings: [],
      clusters,
      planned: input.planned,
    };
  }
  return {
    warnings: fresh.map(p => `New ${p.severity}: ${where(p)}`),
    clusters,
    planned: input.planned,
  };
}
