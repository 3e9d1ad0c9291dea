/*
 * Flux substitutes into each resource as kyaml prints it, and kyaml keeps the
 * quoting of the source: `replicas: "${n}"` stays a string after substitution
 * while `replicas: ${n}` becomes a number. Built objects are plain JSON, so
 * the quoting is recovered from the source file: strings holding `${` that
 * were quoted there are printed quoted again.
 */
import { isScalar, parseAllDocuments, visit } from 'yaml';
import type { RepoPath, Snapshot } from '../core/types';

const memo = new WeakMap<Snapshot, Map<RepoPath, Set<string>>>();

/** The `${…}`-holding string values written quoted in `file` (memoized per snapshot). */
export function quotedVariableStrings(
  snapshot: Snapshot,
  file: RepoPath,
): Set<string> {
  let perFile = memo.get(snapshot);
  if (!perFile) memo.set(snapshot, (perFile = new Map()));
  const hit = perFile.get(file);
  if (hit) return hit;
  const found = new Set<string>();
  const text = snapshot.files.get(file);
  if (text !== undefined && text.includes('${')) {
    try {
      for (const doc of parseAllDocuments(text)) {
        if (!('contents' in doc)) continue;
        visit(doc, {
          Scalar(_key, node) {
            if (
              isScalar(node) &&
              typeof node.value === 'string' &&
              node.value.includes('${') &&
              (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')
            ) {
              found.add(node.value);
            }
          },
        });
      }
    } catch {
      // unparsable files were reported by the build; nothing to recover
    }
  }
  perFile.set(file, found);
  return found;
}
