/*
 * kubectl's kustomize output as text, for the byte-for-byte comparisons of
 * the differential suite, and the oracle's version, which the suite pins so
 * that a different kubectl cannot silently change the reference.
 */
import { execFileSync, spawn } from 'node:child_process';

/** Outcome of one `kubectl kustomize --load-restrictor LoadRestrictionsNone` run. */
export interface KubectlText {
  /** Exit code; 0 when the build succeeded (127 when kubectl could not start). */
  code: number;
  /** The exact bytes kubectl printed, decoded as UTF-8. */
  stdout: string;
  /** kubectl's stderr (warnings, or the error when `code` is not 0). */
  stderr: string;
}

/** Runs kubectl on `dir`; never rejects. */
export function kubectlKustomizeText(dir: string): Promise<KubectlText> {
  return new Promise(resolve => {
    const child = spawn(
      'kubectl',
      ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', e =>
      resolve({ code: 127, stdout: '', stderr: String(e) }),
    );
    child.on('close', code =>
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** {@link kubectlKustomizeText} for every directory, `concurrency` at a time. */
export async function kubectlKustomizeTextAll(
  dirs: string[],
  concurrency: number,
): Promise<Map<string, KubectlText>> {
  const results = new Map<string, KubectlText>();
  let next = 0;
  const worker = async () => {
    while (next < dirs.length) {
      const dir = dirs[next++];
      results.set(dir, await kubectlKustomizeText(dir));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}

/**
 * The kustomize version kubectl embeds, from `kubectl version --client`
 * (`Kustomize Version: v5.5.0`). Throws when kubectl is missing.
 */
export function kubectlKustomizeVersion(): string {
  const text = execFileSync('kubectl', ['version', '--client'], {
    encoding: 'utf8',
  });
  const m = /Kustomize Version:\s*(\S+)/.exec(text);
  if (!m) throw new Error(`no kustomize version in:\n${text}`);
  return m[1];
}
