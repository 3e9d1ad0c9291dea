/*
 * The oracle of the differential suite: kustomize v5 as shipped in kubectl,
 * run the way Flux builds (files anywhere in the repository may be loaded).
 */
import { spawn } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../types';

/** Outcome of one `kubectl kustomize` run. */
export interface KubectlOutcome {
  /** Exit code; 0 when the build succeeded. */
  code: number;
  /** Objects in output order (empty when the build failed). */
  objects: KObject[];
  /** kubectl's stderr (warnings, or the error when `code` is not 0). */
  stderr: string;
}

/**
 * Runs `kubectl kustomize --load-restrictor LoadRestrictionsNone dir` and
 * parses its output. Never rejects: a missing kubectl is an outcome with
 * code 127 and the reason in `stderr`.
 */
export function kubectlKustomize(dir: string): Promise<KubectlOutcome> {
  return new Promise(resolve => {
    const child = spawn(
      'kubectl',
      ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', e =>
      resolve({ code: 127, objects: [], stderr: String(e) }),
    );
    child.on('close', code => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) {
        resolve({ code: code ?? 1, objects: [], stderr });
        return;
      }
      resolve({
        code: 0,
        objects: parseOutput(Buffer.concat(out).toString('utf8')),
        stderr,
      });
    });
  });
}

/** Parses kustomize's output stream; it only ever prints objects. */
function parseOutput(text: string): KObject[] {
  return parseAllDocuments(text)
    .map(doc => doc.toJS({ maxAliasCount: -1 }) as KObject | null)
    .filter((o): o is KObject => o !== null && typeof o === 'object');
}

/**
 * Runs `kubectlKustomize` for every directory with at most `concurrency`
 * processes at once (kubectl takes 0.1–0.5 s a call), results keyed by dir.
 */
export async function kubectlKustomizeAll(
  dirs: string[],
  concurrency: number,
): Promise<Map<string, KubectlOutcome>> {
  const results = new Map<string, KubectlOutcome>();
  let next = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const dir = dirs[next++];
      results.set(dir, await kubectlKustomize(dir));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}
