/*
 * Cluster discovery remembered across revisions. findClusters reads the
 * paths under a `clusters` directory (or the configured one), the bootstrap
 * files (`flux-system/gotk-sync.yaml`) and the YAML files that mention a
 * FluxInstance, a HelmRelease (flux-instance values) or a GitRepository
 * (roots applied by hand); a revision that changes, adds or removes only
 * other files finds the same clusters, so a warm re-resolve does not scan
 * every file again.
 */
import type { BuildCache } from '../kustomize/BuildCache';
import { type FindClustersOptions, findClusters } from '../flux/findClusters';
import type { ClusterEntry } from '../flux/types';
import type { RepoPath, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';

// every text findClusters parses contains one of these (declaredClusters' docsMentioning needles)
const NEEDLES = ['FluxInstance', 'HelmRelease', 'GitRepository'];
const GOTK_SYNC = /(^|\/)flux-system\/gotk-sync\.ya?ml$/;

interface State {
  files: ReadonlyMap<RepoPath, string>;
  key: string;
  entries: ClusterEntry[];
}

const states = new WeakMap<BuildCache, State>();

/** Whether findClusters could read `path` with content `text`. */
function mayDeclareClusters(path: RepoPath, text: string | undefined) {
  return (
    GOTK_SYNC.test(path) ||
    (text !== undefined && NEEDLES.some(n => text.includes(n)))
  );
}

/**
 * findClusters of `snapshot`, or the previous answer for `cache` when the
 * options are the same, no path was added or removed, and no changed file
 * (before or after) is one findClusters reads. Entries are shared: read-only.
 */
export function findClustersMemo(
  cache: BuildCache,
  snapshot: Snapshot,
  opts: FindClustersOptions,
): ClusterEntry[] {
  const key = JSON.stringify([opts.clustersDir ?? null, opts.clusters ?? []]);
  const prev = states.get(cache);
  if (prev && prev.key === key) {
    const delta = snapshotDelta(prev.files, snapshot.files);
    const structural = [...delta.added, ...delta.removed];
    if (
      delta.changed.every(
        p =>
          !mayDeclareClusters(p, prev.files.get(p)) &&
          !mayDeclareClusters(p, snapshot.files.get(p)),
      ) &&
      structural.every(
        p =>
          !mayDeclareClusters(p, prev.files.get(p) ?? snapshot.files.get(p)) &&
          !mayShapeDiscovery(p, opts, prev.entries),
      )
    ) {
      prev.files = snapshot.files;
      return prev.entries;
    }
  }
  const entries = findClusters(snapshot, opts);
  states.set(cache, { files: snapshot.files, key, entries });
  return entries;
}

/**
 * Whether adding or removing `path` could change which clusters are found
 * without its content saying so: a path with a `clusters` or `flux-system`
 * element (cluster directories, the default clusters directory, bootstraps),
 * or one inside the configured clusters directory, an explicit cluster's
 * path, or a found cluster's directory or entrypoint (whose presence
 * findClusters judges).
 */
function mayShapeDiscovery(
  path: RepoPath,
  opts: FindClustersOptions,
  entries: ClusterEntry[],
): boolean {
  const parts = path.split('/');
  if (parts.includes('clusters') || parts.includes('flux-system')) return true;
  const dirs = [
    opts.clustersDir,
    ...(opts.clusters ?? []).map(c => c.path),
    ...entries.flatMap(e => [e.path, e.entrypoint]),
  ];
  return dirs.some(
    d => d !== undefined && (d === '' || path.startsWith(`${d}/`)),
  );
}
