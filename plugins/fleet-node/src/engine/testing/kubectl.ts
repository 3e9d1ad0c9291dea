/*
 * The oracle of the differential tests: `kubectl kustomize` (kustomize v5.5)
 * run on files written to a temporary directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../../types';

/** True when kubectl is on the PATH (differential tests are skipped otherwise). */
export const hasKubectl: boolean = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Builds `files` (relative path → content, with a kustomization.yaml at the
 * root) with kubectl kustomize; returns the objects, or the error text.
 */
export function kubectlKustomize(files: Record<string, string>): KObject[] | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-patch-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const out = execFileSync(
      'kubectl',
      ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return parseAllDocuments(out).map(d => d.toJS() as KObject);
  } catch (e) {
    return { error: String((e as { stderr?: string }).stderr ?? e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
