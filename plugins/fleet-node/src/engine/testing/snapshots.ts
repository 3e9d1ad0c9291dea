/*
 * Helpers shared by engine tests.
 */
import type { RepoPath, Snapshot } from '../core/types';

/**
 * An in-memory {@link Snapshot} of `files` (repo path → content), the way
 * the loader would produce it, for tests that need no file system.
 */
export function snapshotOf(
  files: Record<RepoPath, string>,
  revision: string | null = null,
): Snapshot {
  return { revision, files: new Map(Object.entries(files)), problems: [] };
}

/** Removes the common leading indentation of a template literal, so inline YAML fixtures can be indented. */
export function yamlText(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines
    .filter(l => l.trim() !== '')
    .map(l => l.match(/^ */)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map(l => l.slice(cut)).join('\n');
}
