/*
 * The comparison the go-yaml lexical suites share: how the engine's build
 * of `files` differs from what `kubectl kustomize` renders from the same
 * files. A test expects `{ errors: [], differences: '' }`.
 */
import { describeDifferences } from '../__differential__/describeDifferences';
import { buildKustomization } from '../kustomize/buildKustomization';
import { kubectlBuildFiles } from '../testing/kubectl';
import { snapshotOf } from '../testing/snapshots';

/** The engine's error problems on `files` (a kustomization at the root) and its differences from kubectl's output. */
export function buildAsKubectl(files: Record<string, string>): {
  errors: string[];
  differences: string;
} {
  const expected = kubectlBuildFiles(files);
  const result = buildKustomization(snapshotOf(files), '');
  return {
    errors: result.problems
      .filter(p => p.severity === 'error')
      .map(p => `${p.rule} ${p.file}:${p.line} ${p.message}`),
    differences: describeDifferences(
      result.resources.map(r => r.object),
      expected,
    ),
  };
}
