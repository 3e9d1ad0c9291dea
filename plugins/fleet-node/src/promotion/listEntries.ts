/*
 * Where a cluster's tree lists a thing: from an object's provenance (the
 * chain of kustomization entries that brought it) to the entry of the
 * cluster's own list (`clusters/test/apps/kustomization.yaml`) that a
 * promotion copies, edits or removes.
 */
import { posix } from 'node:path';
import type { ModelCluster, ModelObject } from '../engine';
import { entryTarget, listResources } from './editResources';
import type { FileEdits } from './FileEdits';

/** One entry of a kustomization `resources` list. */
export interface ListEntry {
  /** The kustomization file holding the list. */
  listFile: string;
  /** The entry as written. */
  entry: string;
  /** The repository path it resolves to. */
  target: string;
}

const within = (file: string, dir: string) =>
  file === dir || file.startsWith(`${dir}/`);

/**
 * The entry of a list inside `clusterPath` that brings `o` to its cluster:
 * the last hop of its provenance that lies in the cluster's directory. Null
 * when the cluster's own files do not list it (a Flux Kustomization's
 * `spec.path` points at it directly).
 */
export function clusterListEntry(
  o: ModelObject,
  clusterPath: string,
  edits: FileEdits,
): ListEntry | null {
  const hops = o.via.map(v => v.file);
  let i = -1;
  hops.forEach((file, k) => {
    if (within(file, clusterPath)) i = k;
  });
  if (i === -1) return null;
  const listFile = hops[i];
  const next = i + 1 < hops.length ? hops[i + 1] : o.source.file;
  const text = edits.read(listFile);
  for (const entry of (text && listResources(text)) ?? []) {
    const target = entryTarget(listFile, entry);
    if (next === target || within(next, target))
      return { listFile, entry, target };
  }
  return null;
}

/** `file` of `from`'s tree mapped into `to`'s (`clusters/test/apps/…` → `clusters/prod/apps/…`), or null. */
export function mapToCluster(
  file: string,
  from: ModelCluster,
  to: ModelCluster,
): string | null {
  if (!within(file, from.path)) return null;
  return posix.join(to.path, posix.relative(from.path, file));
}

/** The kustomization file of a directory, as kustomize looks for it, among the files that exist. */
export function kustomizationFileOf(
  dir: string,
  edits: FileEdits,
): string | null {
  for (const name of [
    'kustomization.yaml',
    'kustomization.yml',
    'Kustomization',
  ]) {
    if (edits.exists(`${dir}/${name}`)) return `${dir}/${name}`;
  }
  return null;
}

/** Every kustomization file (edits applied) with an entry resolving to `target`. */
export function listsReferencing(
  target: string,
  edits: FileEdits,
  files: Iterable<string>,
): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (!/(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(file)) continue;
    const text = edits.read(file);
    if (!text || !text.includes(posix.basename(target))) continue;
    if (listResources(text)?.some(e => entryTarget(file, e) === target))
      out.push(file);
  }
  return out;
}
