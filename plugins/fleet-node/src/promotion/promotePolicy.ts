/*
 * Policy promotion, as the seed's Kyverno rollout describes it: "write policy
 * in test-only as Audit → observe reports in test → move policy to shared or
 * prod when stable → switch Audit to Enforce when ready". A policy moves from
 * its stage set (`infrastructure/policies/kyverno/test-only`) to the smallest
 * stage set of the same engine that every cluster that should run it
 * imports; `enforce` switches its failure action.
 */
import { posix } from 'node:path';
import type { FleetModel, ModelCluster, ModelObject } from '../engine';
import { addResource, entryFor, removeResource } from './editResources';
import type { FileEdits } from './FileEdits';
import { kustomizationFileOf } from './listEntries';
import { PromotionRefusal } from './types';

const POLICY_KINDS = new Set(['ClusterPolicy', 'Policy']);

/** The rendered objects of the policy named `name` (Kyverno ClusterPolicy or Policy), on every cluster. */
export function policyObjects(model: FleetModel, name: string): ModelObject[] {
  return model.objects.filter(
    o =>
      POLICY_KINDS.has(o.object.kind ?? '') && o.object.metadata?.name === name,
  );
}

/**
 * `text` with Kyverno's failure action switched from Audit to Enforce, both
 * the policy-wide `validationFailureAction` and the per-rule
 * `validate.failureAction` (Kyverno 1.13+); line edits keep the file as it is.
 */
export function enforce(text: string): string {
  return text.replace(
    /^(\s*(?:validationFailureAction|failureAction):\s*)(["']?)Audit\2(\s*(#.*)?)$/gm,
    '$1$2Enforce$2$3',
  );
}

/** Inputs of {@link promotePolicy}. */
export interface PromotePolicyInput {
  model: FleetModel;
  edits: FileEdits;
  name: string;
  objects: ModelObject[];
  targets: ModelCluster[];
  enforce: boolean;
}

/** Edits `input.edits`; returns why, and the clusters beyond the targets that gain the policy. */
export function promotePolicy(input: PromotePolicyInput): {
  reason: string;
  extra: string[];
  reach: string[];
} {
  const { model, edits, name, objects } = input;
  const file = objects[0].source.file;
  if (
    objects.some(o => o.source.file !== file) ||
    model.objects.some(o => o.source.file === file && !objects.includes(o))
  ) {
    throw new PromotionRefusal(
      `${name} is not alone in one file (${file}); move it into a file of its own first.`,
    );
  }
  const setDir = posix.dirname(file);
  const has = [...new Set(objects.map(o => o.cluster))].sort();
  const want = [...new Set([...has, ...input.targets.map(t => t.name)])].sort();
  const action = input.enforce ? ', and from Audit to Enforce' : '';
  if (want.length === has.length) {
    if (!input.enforce)
      return {
        reason: `${name} already runs on ${want.join(', ')}.`,
        extra: [],
        reach: has,
      };
    edits.write(file, enforce(edits.read(file)!));
    return {
      reason: `${name} stays in ${setDir} and switches from Audit to Enforce.`,
      extra: [],
      reach: has,
    };
  }
  const engineDir = posix.dirname(setDir);
  const candidates = model.units
    .filter(
      u =>
        u.kind === 'policy-set' &&
        posix.dirname(u.id) === engineDir &&
        u.id !== setDir,
    )
    .filter(u => want.every(c => u.clusters[c]))
    .sort(
      (a, b) => Object.keys(a.clusters).length - Object.keys(b.clusters).length,
    );
  const dest = candidates[0];
  if (!dest) {
    throw new PromotionRefusal(
      `No policy set under ${engineDir} is imported by every cluster that should run ${name} (${want.join(
        ', ',
      )}); ` + "add one to those clusters' infrastructure lists first.",
    );
  }
  const destFile = posix.join(dest.id, posix.basename(file));
  const destKust = kustomizationFileOf(dest.id, edits);
  const srcKust = kustomizationFileOf(setDir, edits);
  if (edits.exists(destFile) || !destKust || !srcKust) {
    throw new PromotionRefusal(
      `${destFile} exists already, or a set has no kustomization file; move ${name} by hand.`,
    );
  }
  const content = edits.read(file)!;
  edits.write(destFile, input.enforce ? enforce(content) : content);
  edits.delete(file);
  edits.write(
    destKust,
    addResource(edits.read(destKust)!, destKust, entryFor(destKust, destFile)),
  );
  edits.write(srcKust, removeResource(edits.read(srcKust)!, srcKust, file));
  const reach = Object.keys(dest.clusters).sort();
  const extra = reach.filter(c => !want.includes(c));
  return {
    reason:
      `Policies move between stage sets (seed: "move policy to shared or prod when stable"): ${name} moves from ` +
      `${setDir} to ${dest.id}, the smallest set imported by ${want.join(
        ', ',
      )}${action}.`,
    extra,
    reach,
  };
}
