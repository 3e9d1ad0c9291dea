/*
 * "Definitions that no cluster references are listed": a directory with a
 * kustomization file, outside the cluster directories, that no cluster's
 * builds read.
 */
import type { Problem, RepoPath, Snapshot } from '../core/types';
import type { FleetModel } from './types';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/**
 * Lists unreferenced definition directories, outermost only: a directory
 * inside one already listed is not listed again.
 */
export function checkUnreferencedDefinitions(
  snapshot: Snapshot,
  model: FleetModel,
): Problem[] {
  if (model.clusters.length === 0) return [];
  const read = new Set<RepoPath>();
  for (const c of model.clusters) for (const f of c.filesRead) read.add(f);
  const clusterRoots = new Set(
    model.clusters.map(c =>
      c.path.includes('/') ? c.path.slice(0, c.path.lastIndexOf('/')) : c.path,
    ),
  );
  const inClusters = (f: string) =>
    [...clusterRoots].some(r => f === r || f.startsWith(`${r}/`));
  const listed: RepoPath[] = [];
  const problems: Problem[] = [];
  const dirOf = (f: string) =>
    f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
  // by directory, so a directory comes before the directories inside it
  const files = [...snapshot.files.keys()]
    .filter(f => KUSTOMIZATION_FILE.test(f))
    .sort((a, b) => Number(dirOf(a) > dirOf(b)) - Number(dirOf(a) < dirOf(b)));
  for (const file of files) {
    if (read.has(file) || inClusters(file)) continue;
    // hidden directories (.github, .devcontainer…) hold tooling, not definitions
    if (file.split('/').some(seg => seg.startsWith('.'))) continue;
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
