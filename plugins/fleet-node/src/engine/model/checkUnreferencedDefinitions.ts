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
  read.update(model.clusters.map(c => c.filesRead));
  const listed: RepoPath[] = [];
  const problems: Problem[] = [];
  for (const file of definitionFiles(snapshot.files)) {
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
  return problems;
}

/** The last files map's candidates, reused while a revision keeps the same paths. */
let lastCandidates:
  | { files: ReadonlyMap<RepoPath, string>; candidates: RepoPath[] }
  | undefined;

/**
 * Kustomization files outside hidden directories (.github, .devcontainer…
 * hold tooling, not definitions), by directory so a directory comes before
 * the directories inside it. Depends on paths only.
 */
function definitionFiles(files: ReadonlyMap<RepoPath, string>): RepoPath[] {
  if (
    lastCandidates &&
    (lastCandidates.files === files ||
      snapshotDelta(lastCandidates.files, files).samePaths)
  ) {
    lastCandidates.files = files;
    return lastCandidates.candidates;
  }
  const candidates = [...files.keys()]
    .filter(
      f =>
        KUSTOMIZATION_FILE.test(f) &&
        !f.split('/').some(seg => seg.startsWith('.')),
    )
    .sort((a, b) => Number(dirOf(a) > dirOf(b)) - Number(dirOf(a) < dirOf(b)));
  lastCandidates = { files, candidates };
  return candidates;
}
