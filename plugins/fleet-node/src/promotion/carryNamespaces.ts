/*
 * Dependencies that travel with a promotion: an app whose objects live in a
 * namespace the target cluster does not create brings that namespace along
 * (seed: "Move a Test Namespace to All Clusters"). For some clusters the
 * Namespace's file is added to the target's infrastructure list, the list
 * that brings it to the source cluster; when the app ends up on every
 * cluster the Namespace moves into the common set instead, and the set it
 * leaves is deleted (with the imports of it) once empty.
 */
import { posix } from 'node:path';
import {
  shownIdentity,
  type FleetModel,
  type ModelCluster,
  type ModelObject,
} from '../engine';
import {
  addResource,
  entryFor,
  entryTarget,
  listResources,
  removeResource,
} from './editResources';
import type { FileEdits } from './FileEdits';
import {
  clusterListEntry,
  kustomizationFileOf,
  listsReferencing,
  mapToCluster,
} from './listEntries';
import { PromotionRefusal } from './types';

/** Inputs of {@link carryNamespaces}. */
export interface CarryNamespacesInput {
  model: FleetModel;
  edits: FileEdits;
  app: string;
  /** The app's objects on the source cluster. */
  objects: ModelObject[];
  from: ModelCluster;
  /** The clusters that gain the app. */
  targets: ModelCluster[];
  /** True when the app ends up on every cluster of the fleet. */
  everyCluster: boolean;
}

/** Namespaces created per cluster (Namespace objects). */
function namespacesOf(model: FleetModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of model.objects) {
    if (o.object.kind !== 'Namespace' || !o.object.metadata?.name) continue;
    let set = out.get(o.cluster);
    if (!set) out.set(o.cluster, (set = new Set()));
    set.add(o.object.metadata.name);
  }
  return out;
}

/**
 * How a namespace is named in refusals and in the pull request: a name
 * that kustomize or Flux wrote from Secret data (into an object's
 * namespace or a Namespace's name) by the engine's placeholder, as every
 * view names it (shownIdentity).
 */
function shownNamespaces(
  model: FleetModel,
  objects: ModelObject[],
): (ns: string) => string {
  const hidden = new Map<string, string>();
  for (const o of objects) {
    const ns = o.object.metadata?.namespace;
    const shown = shownIdentity(o).namespace;
    if (ns && shown && shown !== ns) hidden.set(ns, shown);
  }
  for (const o of model.objects) {
    const name = o.object.metadata?.name;
    if (o.object.kind !== 'Namespace' || !name) continue;
    const shown = shownIdentity(o).name;
    if (shown !== name) hidden.set(name, shown);
  }
  return ns => hidden.get(ns) ?? ns;
}

/** Edits `input.edits` so every target has the app's namespaces; returns what was carried, for the PR. */
export function carryNamespaces(input: CarryNamespacesInput): string[] {
  const { model, edits, app, from } = input;
  const created = namespacesOf(model);
  const own = new Set(
    input.objects
      .filter(o => o.object.kind === 'Namespace')
      .map(o => o.object.metadata?.name),
  );
  const needed = [
    ...new Set(
      input.objects
        .map(o => o.object.metadata?.namespace)
        .filter((n): n is string => !!n && !own.has(n)),
    ),
  ].sort();
  const label = shownNamespaces(model, input.objects);
  const carried: string[] = [];
  for (const ns of needed) {
    const lacking = input.targets.filter(t => !created.get(t.name)?.has(ns));
    if (lacking.length === 0) continue;
    const nsObject =
      model.objects.find(
        o =>
          o.cluster === from.name &&
          o.object.kind === 'Namespace' &&
          o.object.metadata?.name === ns,
      ) ??
      model.objects.find(
        o => o.object.kind === 'Namespace' && o.object.metadata?.name === ns,
      );
    if (!nsObject) {
      throw new PromotionRefusal(
        `${app}'s objects live in namespace ${label(ns)}, which ${lacking
          .map(t => t.name)
          .join(', ')} ` +
          `${
            lacking.length === 1 ? 'does' : 'do'
          } not create and no cluster of the fleet defines; add a Namespace for it first.`,
      );
    }
    const common = input.everyCluster ? commonSetFor(model) : null;
    if (common) {
      carried.push(moveIntoCommon(nsObject, common, model, edits));
      continue;
    }
    const nsFrom = model.clusters.find(c => c.name === nsObject.cluster)!;
    const listed = clusterListEntry(nsObject, nsFrom.path, edits);
    for (const t of lacking) {
      const list = listed && mapToCluster(listed.listFile, nsFrom, t);
      if (!list || !edits.exists(list)) {
        throw new PromotionRefusal(
          `${t.name} lacks namespace ${label(
            ns,
          )}, which ${app} needs, and has no ${
            list ??
            `list corresponding to the one that brings it to ${nsFrom.name}`
          } to carry it in.`,
        );
      }
      edits.write(
        list,
        addResource(
          edits.read(list)!,
          list,
          entryFor(list, nsObject.source.file),
        ),
      );
      carried.push(
        `namespace ${label(ns)} → ${t.name} (${
          nsObject.source.file
        }, listed in ${list})`,
      );
    }
  }
  return carried;
}

/** The namespace set every cluster imports (`infrastructure/namespaces/common` in the seed), or null. */
function commonSetFor(model: FleetModel): string | null {
  const everywhere = model.units.filter(
    u =>
      u.kind === 'namespace-set' &&
      model.clusters.every(c => u.clusters[c.name]),
  );
  return (
    (everywhere.find(u => u.name === 'common') ?? everywhere[0])?.id ?? null
  );
}

/**
 * Moves the Namespace's file into the common set, as the seed does with
 * ns-foo.yaml; a file that holds other objects too is referenced instead.
 */
function moveIntoCommon(
  nsObject: ModelObject,
  commonDir: string,
  model: FleetModel,
  edits: FileEdits,
): string {
  const ns = shownIdentity(nsObject).name;
  const file = nsObject.source.file;
  const commonFile = kustomizationFileOf(commonDir, edits);
  if (!commonFile)
    throw new PromotionRefusal(
      `The common namespace set ${commonDir} has no kustomization file to add namespace ${ns} to.`,
    );
  const sharesFile = model.objects.some(
    o =>
      o.cluster === nsObject.cluster &&
      o.source.file === file &&
      o !== nsObject,
  );
  const dest = posix.join(commonDir, posix.basename(file));
  if (sharesFile || edits.exists(dest)) {
    edits.write(
      commonFile,
      addResource(
        edits.read(commonFile)!,
        commonFile,
        entryFor(commonFile, file),
      ),
    );
    return `namespace ${ns} → every cluster (${file} listed in ${commonFile})`;
  }
  edits.write(dest, edits.read(file)!);
  edits.delete(file);
  edits.write(
    commonFile,
    addResource(
      edits.read(commonFile)!,
      commonFile,
      entryFor(commonFile, dest),
    ),
  );
  const setDir = posix.dirname(file);
  const setFile = kustomizationFileOf(setDir, edits);
  if (setFile) {
    const left = removeResource(edits.read(setFile)!, setFile, file);
    edits.write(setFile, left);
    const rest = (listResources(left) ?? []).filter(
      e => entryTarget(setFile, e) !== file,
    );
    // seed: "if nothing else remains in test-only, delete the test-only directory and remove this import"
    if (rest.length === 0 && edits.under(setDir).length === 1) {
      edits.delete(setFile);
      for (const list of listsReferencing(
        setDir,
        edits,
        allFiles(edits, model),
      )) {
        edits.write(list, removeResource(edits.read(list)!, list, setDir));
      }
    }
  }
  return `namespace ${ns} → every cluster (moved from ${setDir} into ${commonDir})`;
}

/** Every cluster's list files: the only places a set is imported from. */
function allFiles(edits: FileEdits, model: FleetModel): string[] {
  return model.clusters.flatMap(c => edits.under(c.path));
}
