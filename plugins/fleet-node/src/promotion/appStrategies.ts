/*
 * The seed's three ways to promote an app ("Promotion Workflow", "Move a
 * Test App to All Clusters"): add it to the target's list (reference),
 * give the target an overlay of its own and list that (overlay), or move it
 * into the baseline set every cluster imports (common). Removal is the
 * reference edit in reverse.
 */
import { posix } from 'node:path';
import type { PromotionStrategy } from '@flux-fleet/backstage-plugin-fleet-common';
import type { ModelCluster } from '../engine';
import { addResource, entryFor, removeResource } from './editResources';
import type { FileEdits } from './FileEdits';
import {
  kustomizationFileOf,
  type ListEntry,
  listsReferencing,
  mapToCluster,
} from './listEntries';
import { PromotionRefusal } from './types';

/** What the strategies need to know about the app and its source cluster. */
export interface AppSource {
  /** Unit id, e.g. `apps/foo-app`. */
  unitId: string;
  name: string;
  from: ModelCluster;
  /** The source cluster's list entry, e.g. clusters/test/apps/kustomization.yaml → apps/foo-app/base. */
  listed: ListEntry;
}

/** The overlay directory of `cluster` for the app, e.g. `apps/foo-app/overlays/prod`. */
export const overlayDir = (src: AppSource, cluster: string) =>
  `${src.unitId}/overlays/${cluster}`;

/** True when the source cluster enters the app by its own overlay (`overlays/test`). */
export const isPerClusterOverlay = (src: AppSource) =>
  src.listed.target === overlayDir(src, src.from.name);

/** The strategy chosen when the request names none, with the reason given to reviewers. */
export function chooseStrategy(
  src: AppSource,
  targets: string[],
  edits: FileEdits,
): {
  strategy: PromotionStrategy;
  reason: string;
} {
  if (!isPerClusterOverlay(src)) {
    return {
      strategy: 'reference',
      reason:
        `${src.from.name} runs ${src.name} from ${src.listed.target}, the same manifests for every cluster, so the ` +
        "smallest change that keeps the rollout visible is to add it to the target clusters' lists. " +
        'Moving it into the common set is a decision about what is baseline; ask for the common strategy to make it.',
    };
  }
  const missing = targets.filter(
    t => !kustomizationFileOf(overlayDir(src, t), edits),
  );
  if (missing.length === 0) {
    return {
      strategy: 'reference',
      reason: `${src.name} is configured per cluster and every target already has its overlay, so each target lists its own overlay.`,
    };
  }
  return {
    strategy: 'overlay',
    reason:
      `${src.name} is configured per cluster (${src.from.name} uses ${src.listed.target}), so ` +
      `${missing.join(', ')} get${
        missing.length === 1 ? 's' : ''
      } an overlay of ${missing.length === 1 ? 'its' : 'their'} own, ` +
      `copied from ${src.from.name}'s, and list${
        missing.length === 1 ? 's' : ''
      } it: review its values before merging.`,
  };
}

/** The list file of `to` that corresponds to the source's list; refuses when `to` has none. */
function targetList(
  src: AppSource,
  to: ModelCluster,
  edits: FileEdits,
): string {
  const file = mapToCluster(src.listed.listFile, src.from, to);
  if (!file || !edits.exists(file)) {
    throw new PromotionRefusal(
      `${to.name} has no ${
        file ?? `list matching ${src.listed.listFile}`
      } to list ${src.name} in, as ${src.from.name} does in ${
        src.listed.listFile
      }.`,
    );
  }
  return file;
}

/** reference: list the app (its target overlay when there is one, else what the source lists) in `to`. */
export function promoteByReference(
  src: AppSource,
  to: ModelCluster,
  edits: FileEdits,
): void {
  const own = overlayDir(src, to.name);
  let target = src.listed.target;
  if (isPerClusterOverlay(src)) {
    const base = `${src.unitId}/base`;
    if (kustomizationFileOf(own, edits)) target = own;
    else if (kustomizationFileOf(base, edits)) target = base;
    else
      throw new PromotionRefusal(
        `${src.name} has no overlays/${to.name} and no base to reference; use the overlay strategy.`,
      );
  }
  const list = targetList(src, to, edits);
  edits.write(
    list,
    addResource(edits.read(list)!, list, entryFor(list, target)),
  );
}

/** overlay: create `overlays/<to>` (from the source overlay, else from base) and list it in `to`. */
export function promoteByOverlay(
  src: AppSource,
  to: ModelCluster,
  edits: FileEdits,
): void {
  const dir = overlayDir(src, to.name);
  if (!kustomizationFileOf(dir, edits)) {
    if (isPerClusterOverlay(src)) {
      // siblings: the copied overlay's relative paths (../../base) still resolve
      for (const file of edits.under(src.listed.target)) {
        edits.write(
          posix.join(dir, posix.relative(src.listed.target, file)),
          edits.read(file)!,
        );
      }
    } else {
      const file = `${dir}/kustomization.yaml`;
      const header = `# ${src.name} on ${to.name}: express ${to.name}'s differences here (patches, images, replicas).\n`;
      edits.write(
        file,
        `${header}apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ${entryFor(
          file,
          src.listed.target,
        )}\n`,
      );
    }
  }
  const list = targetList(src, to, edits);
  edits.write(list, addResource(edits.read(list)!, list, entryFor(list, dir)));
}

/**
 * common: list the app in the baseline set the source cluster imports (the
 * entry of its list named `common`) and drop the direct references that
 * become redundant. Returns the clusters importing the set (the blast radius).
 */
export function promoteToCommon(
  src: AppSource,
  clusters: ModelCluster[],
  edits: FileEdits,
): string[] {
  if (isPerClusterOverlay(src)) {
    throw new PromotionRefusal(
      `${src.name} is configured per cluster (${src.listed.target}); the common set holds one definition for every cluster, so it cannot move there.`,
    );
  }
  const listDir = posix.dirname(src.listed.listFile);
  const commonDir = posix.join(posix.dirname(src.unitId), 'common');
  const commonFile = kustomizationFileOf(commonDir, edits);
  if (!commonFile)
    throw new PromotionRefusal(
      `There is no ${commonDir} set to move ${src.name} into.`,
    );
  const importers = clusters.filter(c => {
    const list = mapToCluster(src.listed.listFile, src.from, c);
    return list && listsReferencing(commonDir, edits, [list]).length > 0;
  });
  if (!importers.some(c => c.name === src.from.name)) {
    throw new PromotionRefusal(
      `${src.listed.listFile} does not import ${commonDir} (relative to ${listDir}); the common strategy needs it.`,
    );
  }
  edits.write(
    commonFile,
    addResource(
      edits.read(commonFile)!,
      commonFile,
      entryFor(commonFile, src.listed.target),
    ),
  );
  for (const c of importers) {
    const list = mapToCluster(src.listed.listFile, src.from, c)!;
    edits.write(
      list,
      removeResource(edits.read(list)!, list, src.listed.target),
    );
  }
  return importers.map(c => c.name);
}

/** Removal: the target's own list entry for the app goes; refuses when a shared set brings it. */
export function removeFromCluster(
  name: string,
  listed: ListEntry | null,
  to: ModelCluster,
  unitId: string,
  edits: FileEdits,
): void {
  if (
    !listed ||
    !(listed.target === unitId || listed.target.startsWith(`${unitId}/`))
  ) {
    throw new PromotionRefusal(
      `${to.name} does not list ${name} itself${
        listed
          ? ` (it comes with ${listed.target}, listed in ${listed.listFile})`
          : ''
      }; ` + 'removing it there would change other clusters too.',
    );
  }
  edits.write(
    listed.listFile,
    removeResource(
      edits.read(listed.listFile)!,
      listed.listFile,
      listed.target,
    ),
  );
}
