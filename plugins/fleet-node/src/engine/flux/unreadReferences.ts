/*
 * A file the loader refused (a symlink out of the repository, a file over the
 * size bound, an unreadable file) is absent from the snapshot, so a build
 * that references it can only say "does not exist". This names the real
 * reason at the reference (file and line of the kustomization entry) for the
 * cluster that reads it.
 */
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/kustFile';
import type { Problem, RepoPath, Snapshot } from '../core/types';

/** Loader rules whose file is left out of the snapshot. */
const UNREAD_RULES = new Set([
  'symlink-escape',
  'symlink-broken',
  'symlink-loop',
  'file-too-large',
  'file-unreadable',
]);

/** The snapshot's refused files, by path. */
export function unreadFiles(snapshot: Snapshot): Map<RepoPath, Problem> {
  const out = new Map<RepoPath, Problem>();
  for (const p of snapshot.problems)
    if (p.file && UNREAD_RULES.has(p.rule)) out.set(p.file, p);
  return out;
}

/**
 * `p` restated with the loader's rule when it is a `missing-path` about a
 * refused file (its message names the file's repository path); else `p`.
 */
export function explainUnread<P extends Omit<Problem, 'cluster'>>(
  p: P,
  unread: Map<RepoPath, Problem>,
): P {
  if (p.rule !== 'missing-path' || unread.size === 0) return p;
  for (const [file, why] of unread) {
    const at = p.message.indexOf(file);
    if (at < 0) continue;
    const before = at === 0 ? ' ' : p.message[at - 1];
    const after = p.message[at + file.length] ?? ' ';
    if (!/[\s('"]/.test(before) || /[\w./-]/.test(after)) continue;
    return {
      ...p,
      severity: 'error',
      rule: why.rule,
      message: `${p.file ?? 'A kustomization'}${
        p.line ? `:${p.line}` : ''
      } references ${file}, which was not read: ${why.message}`,
    };
  }
  return p;
}

/**
 * The refused manifests a kustomization generated for `dir` would have taken
 * (as Flux's generator: every *.yaml / *.yml below `dir`, down to a
 * directory holding its own kustomization file). Empty when `dir` has a
 * kustomization file of its own.
 */
export function unreadInGenerated(
  snapshot: Snapshot,
  dir: RepoPath,
  unread: Map<RepoPath, Problem>,
): Problem[] {
  const hasKustomization = (d: RepoPath) =>
    KUSTOMIZATION_FILE_NAMES.some(n =>
      snapshot.files.has(d === '' ? n : `${d}/${n}`),
    );
  if (hasKustomization(dir)) return [];
  const out: Problem[] = [];
  for (const [file, why] of unread) {
    if (!/\.ya?ml$/.test(file) || (dir !== '' && !file.startsWith(`${dir}/`)))
      continue;
    const parts = file.split('/').slice(0, -1);
    let shadowed = false;
    for (
      let i = dir === '' ? 1 : dir.split('/').length + 1;
      i <= parts.length && !shadowed;
      i++
    )
      shadowed = hasKustomization(parts.slice(0, i).join('/'));
    if (!shadowed) out.push(why);
  }
  return out;
}
