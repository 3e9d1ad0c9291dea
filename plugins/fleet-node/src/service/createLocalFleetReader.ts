import { stat } from 'node:fs/promises';
import { BuildCache } from '../engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../engine/model/resolveFleet';
import type { FleetReader } from './types';

/**
 * A {@link FleetReader} for a local directory or git work tree. Keeps one
 * build cache across reads, so a new commit rebuilds only what changed.
 */
export function createLocalFleetReader(root: string): FleetReader {
  const cache = new BuildCache();
  return async () => {
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new Error(
        `The fleet repository ${root} does not exist or is not a directory`,
      );
    }
    const snapshot = await loadLocalSnapshot(root);
    return { model: resolveFleet(snapshot, { cache }), snapshot };
  };
}
