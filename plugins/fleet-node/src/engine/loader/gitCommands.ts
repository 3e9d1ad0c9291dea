/*
 * The few git plumbing commands the loader needs, run as child processes so
 * that the calling thread only waits on I/O.
 */
import { execFile, spawn } from 'node:child_process';

/** Runs `git <args>` in `cwd` and resolves with its stdout as a Buffer. */
export function git(
  cwd: string,
  args: string[],
  options: { timeoutMs?: number; maxBuffer?: number } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr ?? '').trim() || error.message;
          reject(new Error(`git ${args[0]} failed in ${cwd}: ${detail}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/**
 * The commit SHA `rev` names in the repository at `dir`, or undefined when it
 * names no commit there (or `dir` is not a git repository).
 */
export async function gitResolveCommit(
  dir: string,
  rev: string,
): Promise<string | undefined> {
  try {
    const out = await git(
      dir,
      ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`],
      {
        timeoutMs: 10_000,
      },
    );
    const sha = out.toString('utf8').trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The contents of `shas` as git stores them, read through one
 * `git cat-file --batch` process (one process for any number of blobs).
 */
export function gitCatBlobs(
  dir: string,
  shas: string[],
): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: dir });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) {
        reject(new Error(`git cat-file failed in ${dir}: ${stderr.trim()}`));
        return;
      }
      try {
        resolve(parseBatch(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(shas.length ? `${shas.join('\n')}\n` : '');
  });
}

// `<sha> <type> <size>\n<content>\n` per object, `<sha> missing\n` otherwise
function parseBatch(out: Buffer): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  let pos = 0;
  while (pos < out.length) {
    const eol = out.indexOf(10, pos);
    if (eol < 0) break;
    const [sha, type, size] = out.toString('utf8', pos, eol).split(' ');
    pos = eol + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    result.set(sha, out.subarray(pos, pos + length));
    pos += length + 1;
  }
  return result;
}

/**
 * The path of `dir` inside its git work tree (`git rev-parse --show-prefix`,
 * without the trailing slash; '' at the top), for
 * loadGitSnapshot's `prefix`.
 */
export async function gitWorkTreePrefix(dir: string): Promise<string> {
  const out = await git(dir, ['rev-parse', '--show-prefix'], {
    timeoutMs: 10_000,
  });
  return out.toString('utf8').trim().replace(/\/$/, '');
}
