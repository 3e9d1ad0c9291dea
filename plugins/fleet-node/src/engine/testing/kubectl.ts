/*
 * The one oracle of the engine's tests: kustomize v5 as shipped in kubectl,
 * run the way Flux builds (`--load-restrictor LoadRestrictionsNone`: files
 * anywhere in the repository may be loaded). kubectl is a required test
 * tool (see the repository README); a missing kubectl fails the tests that
 * need it instead of skipping them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../core/types';
import { goLineBreaks } from '../yaml/goLexical';

const ARGS = ['kustomize', '--load-restrictor', 'LoadRestrictionsNone'];

/** Outcome of one `kubectl kustomize` run. */
export interface KubectlOutcome {
  /** Exit code; 0 when the build succeeded. */
  code: number;
  /** Objects in output order (empty when the build failed). */
  objects: KObject[];
  /** kubectl's stderr (warnings, or the error when `code` is not 0). */
  stderr: string;
}

/** Parses kustomize's output stream; it only ever prints objects. */
// read as a go-yaml consumer (Flux) reads kubectl's output: its emitter
// writes a value holding LS or PS across two lines, which go-yaml joins
function parseOutput(text: string): KObject[] {
  return parseAllDocuments(goLineBreaks(text))
    .map(doc => doc.toJS({ maxAliasCount: -1 }) as KObject | null)
    .filter((o): o is KObject => o !== null && typeof o === 'object');
}

/**
 * Runs `kubectl kustomize` on the directory `dir` and parses its output.
 * Never rejects: a missing kubectl is an outcome with code 127 and the
 * reason in `stderr`.
 */
export function kubectlKustomize(dir: string): Promise<KubectlOutcome> {
  return new Promise(resolve => {
    const child = spawn('kubectl', [...ARGS, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
      const stdout = Buffer.concat(out).toString('utf8');
      resolve({ code: 0, objects: parseOutput(stdout), stderr });
    });
  });
}

/**
 * Runs {@link kubectlKustomize} for every directory with at most
 * `concurrency` processes at once (kubectl takes 0.1–0.5 s a call).
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

/**
 * Writes `files` (relative path → content) to a temporary directory, builds
 * its subdirectory `dir` (default: the root) with kubectl and returns the
 * objects in output order. Throws with kubectl's error text when the build
 * fails, so a test comparing against it fails with the reason.
 */
export function kubectlBuildFiles(
  files: Record<string, string>,
  dir = '',
): KObject[] {
  const root = mkdtempSync(join(tmpdir(), 'fleet-oracle-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    let out: string;
    try {
      out = execFileSync('kubectl', [...ARGS, join(root, dir)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr;
      throw new Error(`kubectl kustomize failed: ${stderr || String(e)}`);
    }
    return parseOutput(out);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
