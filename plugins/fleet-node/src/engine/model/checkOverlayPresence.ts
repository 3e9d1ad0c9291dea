/*
 * "Overlays express differences, not presence": an overlay that scales a
 * workload to zero or deletes whole objects is using an overlay to decide
 * where something runs, which belongs in the cluster's list instead.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { resolveRef } from '../core/paths';
import type { Problem, RepoPath, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';
import { ReadUnion } from './readUnion';
import type { FleetModel } from './types';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

// by file and content (and the content of the files it names): the text
// test reruns only for what changed between snapshots
const prefilterMemo = new Map<
  RepoPath,
  { text: string; refs: [RepoPath, string | undefined][]; result: boolean }
>();

/** What in a patch text decides presence, or undefined. */
function presenceEffect(text: string): string | undefined {
  if (/(^|[\s{,])replicas:\s*["']?0["']?\s*($|[,}])/m.test(text))
    return 'scales a workload to zero replicas';
  if (/^\$patch:\s*["']?delete["']?\s*$/m.test(text))
    return 'deletes an object ($patch: delete)';
  if (
    /\/spec\/replicas/.test(text) &&
    /["']?value["']?\s*:\s*["']?0["']?\s*[,}\n]/.test(`${text}\n`)
  ) {
    return 'scales a workload to zero replicas';
  }
  return undefined;
}

/**
 * A cheap text test before parsing: the file, or a file it names, holds
 * something presenceEffect would flag (or a `count: 0`).
 */
function mayDecidePresence(
  snapshot: Snapshot,
  file: RepoPath,
  text: string,
): boolean {
  const hit = prefilterMemo.get(file);
  if (
    hit &&
    hit.text === text &&
    hit.refs.every(([p, t]) => snapshot.files.get(p) === t)
  )
    return hit.result;
  const refs: [RepoPath, string | undefined][] = [];
  const result = mayDecidePresenceUncached(snapshot, file, text, refs);
  prefilterMemo.set(file, { text, refs, result });
  return result;
}

function mayDecidePresenceUncached(
  snapshot: Snapshot,
  file: RepoPath,
  text: string,
  refs: [RepoPath, string | undefined][],
): boolean {
  if (presenceEffect(text) || /count:\s*["']?0["']?\s*($|[,}])/m.test(text))
    return true;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  for (const ref of text.match(/[\w./-]+\.(ya?ml|json)\b/g) ?? []) {
    const r = resolveRef(dir, ref);
    const body = 'path' in r ? snapshot.files.get(r.path) : undefined;
    if ('path' in r) refs.push([r.path, body]);
    if (body !== undefined && presenceEffect(body)) return true;
  }
  return false;
}

interface Memo {
  text: string;
  /** Patch files read, with the content they had. */
  deps: Map<RepoPath, string | undefined>;
  problems: Problem[];
}

// by file: a re-resolve after a one-file change re-checks only what changed
const memo = new Map<RepoPath, Memo>();

// per cluster's read set (shared while the cluster's resolution is reused)
const kustomizationFiles = new WeakMap<Set<RepoPath>, RepoPath[]>();

function kustomizationFilesRead(filesRead: Set<RepoPath>): RepoPath[] {
  let files = kustomizationFiles.get(filesRead);
  if (!files) {
    files = [...filesRead].filter(f => KUSTOMIZATION_FILE.test(f));
    kustomizationFiles.set(filesRead, files);
  }
  return files;
}

/**
 * Across calls: the union of the kustomization files the clusters read,
 * each one's problems, and which files name which (so a changed patch
 * re-checks the kustomization files naming it).
 */
const state: {
  union: ReadUnion;
  results: Map<RepoPath, Problem[]>;
  dependents: Map<RepoPath, Set<RepoPath>>;
  files: ReadonlyMap<RepoPath, string> | undefined;
} = {
  union: new ReadUnion(kustomizationFilesRead),
  results: new Map(),
  dependents: new Map(),
  files: undefined,
};

/** The files `file`'s last check read besides itself. */
function depsOf(file: RepoPath): RepoPath[] {
  return [
    ...(prefilterMemo.get(file)?.refs.map(([p]) => p) ?? []),
    ...(memo.get(file)?.deps.keys() ?? []),
  ];
}

/**
 * Flags patches (`patches`, `patchesStrategicMerge`, `patchesJson6902`) and
 * `replicas` entries of kustomization files the clusters read that set
 * replicas to 0 or delete objects.
 */
export function checkOverlayPresence(
  snapshot: Snapshot,
  model: FleetModel,
): Problem[] {
  const { joined, left } = state.union.update(
    model.clusters.map(c => c.filesRead),
  );
  for (const file of left) state.results.delete(file);
  const last = state.files;
  const delta = last && snapshotDelta(last, snapshot.files);
  let recheck: Iterable<RepoPath>;
  if (!delta) {
    recheck = [...state.union.paths()];
  } else {
    // only what joined, what changed, and what names a changed, added or
    // removed file (a check reads only its own text and the files it names)
    const set = new Set(joined);
    for (const path of [...delta.changed, ...delta.added, ...delta.removed]) {
      if (state.union.has(path)) set.add(path);
      for (const file of state.dependents.get(path) ?? [])
        if (state.union.has(file)) set.add(file);
    }
    recheck = set;
  }
  for (const file of recheck) {
    const problems = checkRead(snapshot, file);
    for (const dep of depsOf(file)) {
      let files = state.dependents.get(dep);
      if (!files) state.dependents.set(dep, (files = new Set()));
      files.add(file);
    }
    if (problems.length > 0) state.results.set(file, problems);
    else state.results.delete(file);
  }
  state.files = snapshot.files;
  // in file order, as one pass over the sorted union of the clusters' reads gives them
  return [...state.results.keys()].sort().flatMap(f => state.results.get(f)!);
}

/** The problems of one kustomization file a cluster reads. */
function checkRead(snapshot: Snapshot, file: RepoPath): Problem[] {
  const text = snapshot.files.get(file);
  if (text === undefined || !mayDecidePresence(snapshot, file, text)) return [];
  const hit = memo.get(file);
  if (
    hit &&
    hit.text === text &&
    [...hit.deps].every(([p, t]) => snapshot.files.get(p) === t)
  )
    return hit.problems;
  const entry: Memo = { text, deps: new Map(), problems: [] };
  checkFile(snapshot, file, text, entry);
  memo.set(file, entry);
  return entry.problems;
}

function checkFile(
  snapshot: Snapshot,
  file: RepoPath,
  text: string,
  entry: Memo,
): void {
  const problems = entry.problems;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return;
  const contents = doc.contents;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const lineOf = (node: { range?: [number, number, number] | null }) =>
    node.range ? lineCounter.linePos(node.range[0]).line : 1;
  const flag = (
    node: { range?: [number, number, number] | null },
    what: string,
  ) =>
    problems.push({
      severity: 'warning',
      rule: 'overlay-presence',
      cluster: null,
      file,
      line: lineOf(node),
      message: `${file}:${lineOf(
        node,
      )} ${what}: overlays should express differences, not presence; leave the object out of the cluster's list instead.`,
    });
  const patchText = (ref: string): string | undefined => {
    const r = resolveRef(dir, ref);
    if (!('path' in r)) return undefined;
    const t = snapshot.files.get(r.path);
    entry.deps.set(r.path, t);
    return t;
  };
  for (const field of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    const seq = contents.get(field, true);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      let body: string | undefined;
      if (isScalar(item) && typeof item.value === 'string') {
        body = item.value.includes('\n') ? item.value : patchText(item.value);
      } else if (isMap(item)) {
        const inline = item.get('patch');
        const path = item.get('path');
        if (typeof inline === 'string') body = inline;
        else if (typeof path === 'string') body = patchText(path);
      }
      const effect = body === undefined ? undefined : presenceEffect(body);
      if (effect && (isScalar(item) || isMap(item)))
        flag(item, `patch ${effect}`);
    }
  }
  const replicas = contents.get('replicas', true);
  if (isSeq(replicas)) {
    for (const item of replicas.items) {
      if (isMap(item) && Number(item.get('count')) === 0)
        flag(item, `sets replicas of ${String(item.get('name'))} to 0`);
    }
  }
}
