/*
 * Builds the engine's Snapshot of a directory tree for the differential
 * suite. Deliberately independent of the engine's loader, so a loader bug
 * cannot hide (or fake) a kustomize difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RepoPath, Snapshot } from '../core/types';

/**
 * Every regular file under `root` (recursively, `.git` skipped) by
 * repository path relative to `root`, as UTF-8 text.
 */
export function readTreeSnapshot(root: string): Snapshot {
  const files = new Map<RepoPath, string>();
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const childAbs = path.join(abs, entry.name);
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(childAbs, childRel);
      else if (entry.isFile())
        files.set(childRel, fs.readFileSync(childAbs, 'utf8'));
    }
  };
  walk(root, '');
  return { revision: null, files, problems: [] };
}

/** kustomize's recognized kustomization file names. */
export const KUSTOMIZATION_FILE_NAMES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/**
 * Repository paths (relative to `root`, `''` for the root itself) of every
 * directory that holds a kustomization file, sorted.
 */
export function kustomizationDirs(root: string): RepoPath[] {
  const snapshot = readTreeSnapshot(root);
  const dirs = new Set<RepoPath>();
  for (const file of snapshot.files.keys()) {
    const slash = file.lastIndexOf('/');
    const base = file.slice(slash + 1);
    if (KUSTOMIZATION_FILE_NAMES.includes(base))
      dirs.add(slash < 0 ? '' : file.slice(0, slash));
  }
  return [...dirs].sort();
}

/** Names of the immediate subdirectories of `dir`, sorted. */
export function subdirectories(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isDirectory())
    .map(e => e.name)
    .sort();
}
