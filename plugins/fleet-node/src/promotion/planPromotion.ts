/*
 * The promotion planner: snapshot + request → file edits, per-cluster object
 * changes, warnings. Pure and in memory (the scaffolder action, the preview
 * route and `fleet promote` share it). The planned snapshot is re-resolved
 * before anything is returned: a promotion that would break a build,
 * duplicate an object or lose a dependency changes nothing and says why.
 */
import type {
  PromotionRequest,
  PromotionStrategy,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  BuildCache,
  type ModelCluster,
  resolveFleet,
  type Snapshot,
} from '../engine';
import {
  type AppSource,
  chooseStrategy,
  promoteByOverlay,
  promoteByReference,
  promoteToCommon,
  removeFromCluster,
} from './appStrategies';
import { carryNamespaces } from './carryNamespaces';
import { policyObjects, promotePolicy } from './promotePolicy';
import { describePromotion, unifiedDiff } from './describePromotion';
import { FileEdits } from './FileEdits';
import { clusterListEntry } from './listEntries';
import {
  type PlanPromotionOptions,
  type PromotionPlan,
  PromotionInputError,
  PromotionRefusal,
} from './types';
import { verifyPlan } from './verifyPlan';

/**
 * Plans `request` on `snapshot`. Throws {@link PromotionInputError} for an
 * unknown app or cluster; a promotion that cannot be done safely comes back
 * with `refused` set and no files.
 *
 * @public
 */
export function planPromotion(
  snapshot: Snapshot,
  request: PromotionRequest,
  opts: PlanPromotionOptions = {},
): PromotionPlan {
  const cache = opts.cache ?? new BuildCache();
  const model = opts.model ?? resolveFleet(snapshot, { ...opts.scope, cache });
  const unitId = request.app.includes('/')
    ? request.app
    : `apps/${request.app}`;
  const unit = model.units.find(u => u.id === unitId);
  // not an app: a Kyverno policy moves between stage sets
  const policies = unit ? [] : policyObjects(model, request.app);
  if (!unit && policies.length === 0)
    throw new PromotionInputError(
      `The fleet has no app "${request.app}" (no unit ${unitId}).`,
    );
  const name = unit?.name ?? request.app;
  const clusterOf = (c: string) => {
    const found = model.clusters.find(x => x.name === c);
    if (!found)
      throw new PromotionInputError(
        `The fleet has no cluster "${c}"; it has ${model.clusters
          .map(x => x.name)
          .join(', ')}.`,
      );
    return found;
  };
  const targets = [...new Set(request.to)].map(clusterOf);
  if (targets.length === 0)
    throw new PromotionInputError('Name at least one target cluster.');
  const remove = !!request.remove;
  const edits = new FileEdits(snapshot);
  const warnings: string[] = [];
  const carried: string[] = [];
  let strategy: PromotionStrategy = request.strategy ?? 'reference';
  let strategyReason = '';
  let from: ModelCluster | null = null;
  let affected = targets.map(t => t.name);
  const result = (extra: Partial<PromotionPlan>): PromotionPlan => {
    const base = {
      files: [],
      diff: '',
      clusters: [],
      filesToDelete: [],
      planned: snapshot,
      ...extra,
    };
    const text = describePromotion({
      app: name,
      remove,
      targets: targets.map(t => t.name),
      from: from?.name ?? null,
      strategy,
      strategyReason,
      files: base.files,
      clusters: base.clusters,
      carried,
      warnings,
      entityRef: opts.entityRef,
      componentUrl: opts.componentUrl,
    });
    return {
      request,
      strategy,
      strategyReason,
      carried,
      warnings,
      ...text,
      ...base,
    };
  };
  try {
    const objectsOn = (c: string) =>
      model.objects.filter(o => o.unit === unitId && o.cluster === c);
    if (unit && request.enforce)
      warnings.push(
        `Enforce applies to Kyverno policies; ${name} is an app, so it changes nothing there.`,
      );
    if (!unit) {
      if (remove)
        throw new PromotionRefusal(
          `Removing policy ${name} is not a promotion; delete it from its set instead.`,
        );
      const moved = promotePolicy({
        model,
        edits,
        name,
        objects: policies,
        targets,
        enforce: !!request.enforce,
      });
      strategy =
        moved.reach.length === model.clusters.length ? 'common' : 'reference';
      strategyReason = moved.reason;
      if (moved.extra.length > 0)
        warnings.push(
          `${moved.extra.join(', ')} gain${
            moved.extra.length === 1 ? 's' : ''
          } ${name} too: the set reaches them.`,
        );
      affected = [...new Set([...affected, ...moved.reach])];
    } else if (remove) {
      strategyReason =
        "Removal deletes the target clusters' own references to the app, the reference strategy in reverse.";
      for (const t of targets) {
        const objects = objectsOn(t.name);
        if (objects.length === 0) {
          warnings.push(
            `${name} does not run on ${t.name}; nothing to remove there.`,
          );
          continue;
        }
        removeFromCluster(
          name,
          clusterListEntry(objects[0], t.path, edits),
          t,
          unitId,
          edits,
        );
      }
    } else {
      const running = Object.keys(unit.clusters).sort(
        (a, b) =>
          Number(b === 'test') - Number(a === 'test') || a.localeCompare(b),
      );
      from = clusterOf(request.from ?? running[0] ?? '');
      const sourceObjects = objectsOn(from.name);
      if (sourceObjects.length === 0)
        throw new PromotionInputError(
          `${name} does not run on ${from.name}; promote from a cluster that runs it.`,
        );
      const pending = targets.filter(t => !unit.clusters[t.name]);
      for (const t of targets.filter(x => unit.clusters[x.name]))
        warnings.push(
          `${name} already runs on ${t.name}; nothing to do there.`,
        );
      const listed = clusterListEntry(sourceObjects[0], from.path, edits);
      if (
        !listed ||
        !(listed.target === unitId || listed.target.startsWith(`${unitId}/`))
      ) {
        throw new PromotionRefusal(
          `${from.name} does not list ${name} in a kustomization of its own directory ${from.path}` +
            `${
              listed
                ? ` (it arrives with ${listed.target}, listed in ${listed.listFile})`
                : ''
            }; there is no list to copy.`,
        );
      }
      const src: AppSource = { unitId, name, from, listed };
      if (request.strategy)
        strategyReason = `The ${request.strategy} strategy was requested.`;
      else
        ({ strategy, reason: strategyReason } = chooseStrategy(
          src,
          pending.map(t => t.name),
          edits,
        ));
      let gaining = pending;
      if (pending.length > 0 && strategy === 'common') {
        const importers = promoteToCommon(src, model.clusters, edits);
        gaining = model.clusters.filter(
          c => importers.includes(c.name) && !unit.clusters[c.name],
        );
        const extra = gaining
          .filter(c => !targets.includes(c))
          .map(c => c.name);
        if (extra.length > 0)
          warnings.push(
            `The common set reaches every cluster importing it: ${extra.join(
              ', ',
            )} gain${extra.length === 1 ? 's' : ''} ${name} too.`,
          );
        affected = [...new Set([...affected, ...importers])];
      } else {
        for (const t of pending)
          (strategy === 'overlay' ? promoteByOverlay : promoteByReference)(
            src,
            t,
            edits,
          );
      }
      const everyCluster = model.clusters.every(
        c => unit.clusters[c.name] || gaining.includes(c),
      );
      carried.push(
        ...carryNamespaces({
          model,
          edits,
          app: name,
          objects: sourceObjects,
          from,
          targets: gaining,
          everyCluster,
        }),
      );
    }
  } catch (e) {
    if (e instanceof PromotionRefusal) return result({ refused: e.message });
    throw e;
  }
  const files = edits.changes();
  if (files.length === 0) return result({});
  const verified = verifyPlan({
    base: snapshot,
    model,
    planned: edits.snapshot(),
    changes: files,
    cache,
    scope: opts.scope,
    unitId,
    name,
    targets,
    remove,
    affected,
    present: unit
      ? undefined
      : (m, c) => policyObjects(m, name).some(o => o.cluster === c),
  });
  if (verified.refused)
    return result({ refused: verified.refused, clusters: verified.clusters });
  warnings.push(...verified.warnings);
  return result({
    files,
    diff: unifiedDiff(files),
    clusters: verified.clusters,
    filesToDelete: files.filter(f => f.action === 'delete').map(f => f.path),
    planned: verified.planned,
  });
}
