/*
 * "Definitions that no cluster references are listed": a directory with a
 * kustomization file, outside the cluster directories, that no cluster's
 * builds read.
 */
import type { Problem, RepoPath, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';
import { ReadUnion } from './readUnion';
import type { FleetModel } from './types';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

const dirOf = (f: string) =>
  f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';

const everyFile = new WeakMap<Set<RepoPath>, RepoPath[]>();
const read = new ReadUnion(set => {
  let files = everyFile.get(set);
  if (!files) everyFile.set(set, (files = [...set]));
  return files;
});

/** The last answer and what it was computed from. */
let last:
  | { candidates: RepoPath[]; rootsKey: string; problems: Problem[] }
  | undefined;

/**
 * Lists unreferenced definition directories, outermost only: a directory
 * inside one already listed is not listed again.
 */
export function checkUnreferencedDefinitions(
  snapshot: Snapshot,
  model: FleetModel,
): Problem[] {
  if (model.clusters.length === 0) return [];
  const clusterRoots = [
    ...new Set(
      model.clusters.map(c =>
        c.path.includes('/')
          ? c.path.slice(0, c.path.lastIndexOf('/'))
          : c.path,
      ),
    ),
  ];
  const inClusters = (f: string) =>
    clusterRoots.some(r => f === r || f.startsWith(`${r}/`));
  // the union moves by the clusters that changed, not rebuilt from every cluster's reads
  const moved = read.update(model.clusters.map(c => c.filesRead));
  const candidates = definitionFiles(snapshot.files);
  const rootsKey = clusterRoots.join('\n');
  // the answer depends on the union, the candidates and the cluster roots only
  if (
    last &&
    moved.joined.length === 0 &&
    moved.left.length === 0 &&
    last.candidates === candidates &&
    last.rootsKey === rootsKey
  )
    return [...last.problems];
  const listed: RepoPath[] = [];
  const problems: Problem[] = [];
  for (const file of candidates) {
    if (read.has(file) || inClusters(file)) continue;
    const dir = dirOf(file);
    if (listed.some(d => d !== '' && (dir === d || dir.startsWith(`${d}/`))))
      continue;
    listed.push(dir);
    problems.push({
      severity: 'warning',
      rule: 'unreferenced-definition',
      cluster: null,
      file,
      line: 1,
      message: `${
        dir || 'The repository root'
      } is a definition no cluster references; reference it from a cluster's tree or remove it.`,
    });
  }
  last = { candidates, rootsKey, problems };
  return [...problems];
}

/** The last files map's candidates, moved by the paths a revision adds or removes. */
let lastCandidates:
  | { files: ReadonlyMap<RepoPath, string>; candidates: RepoPath[] }
  | undefined;

const isCandidate = (f: RepoPath) =>
  KUSTOMIZATION_FILE.test(f) && !f.split('/').some(seg => seg.startsWith('.'));

// by directory, so a directory comes before the directories inside it
const byDir = (a: RepoPath, b: RepoPath) =>
  Number(dirOf(a) > dirOf(b)) - Number(dirOf(a) < dirOf(b)) ||
  Number(a > b) - Number(a < b);

/**
 * Kustomization files outside hidden directories (.github, .devcontainer…
 * hold tooling, not definitions), by directory so a directory comes before
 * the directories inside it. Depends on paths only.
 */
function definitionFiles(files: ReadonlyMap<RepoPath, string>): RepoPath[] {
  if (lastCandidates && lastCandidates.files !== files) {
    const delta = snapshotDelta(lastCandidates.files, files);
    const added = delta.added.filter(isCandidate);
    const removed = new Set(delta.removed.filter(isCandidate));
    if (added.length > 0 || removed.size > 0) {
      lastCandidates.candidates = [
        ...lastCandidates.candidates.filter(f => !removed.has(f)),
        ...added,
      ].sort(byDir);
    }
    lastCandidates.files = files;
  }
  if (lastCandidates) return lastCandidates.candidates;
  const candidates = [...files.keys()].filter(isCandidate).sort(byDir);
  lastCandidates = { files, candidates };
  return candidates;
}
