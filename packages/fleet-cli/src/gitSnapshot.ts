/*
 * A snapshot of a repository at a git revision, read from git's object store
 * (no checkout): `git ls-tree` lists the blobs under the repository's
 * directory, one `git cat-file --batch` process reads them all.
 */
import { execFile, spawn } from 'node:child_process';
import type { Snapshot } from '@flux-fleet/backstage-plugin-fleet-node/engine';
import { InputError } from './errors';

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: 512 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new InputError(
              `git ${args[0]} failed in ${cwd}: ${
                String(stderr).trim() || err.message
              }`,
            ),
          );
        else resolve(stdout);
      },
    );
  });
}

/** Reads the blobs `shas` with one `git cat-file --batch`, in order. */
function catFiles(cwd: string, shas: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', code => {
      if (code !== 0) {
        reject(new InputError(`git cat-file exited with ${code} in ${cwd}`));
        return;
      }
      const all = Buffer.concat(chunks);
      const out: string[] = [];
      let at = 0;
      for (let i = 0; i < shas.length; i++) {
        const nl = all.indexOf(10, at);
        const size = Number(all.toString('utf8', at, nl).split(' ')[2]);
        out.push(all.toString('utf8', nl + 1, nl + 1 + size));
        at = nl + 1 + size + 1;
      }
      resolve(out);
    });
    child.stdin.end(`${shas.join('\n')}\n`);
  });
}

/**
 * The files of `dir` (inside a git work tree) at `rev`, as a snapshot with
 * the revision's commit SHA. Only regular files are read; symlinks and
 * submodules are left out, as Flux's source-controller does with links that
 * leave the artifact.
 */
export async function gitSnapshot(dir: string, rev: string): Promise<Snapshot> {
  const sha = (
    await git(dir, ['rev-parse', '--verify', `${rev}^{commit}`])
  ).trim();
  const prefix = (await git(dir, ['rev-parse', '--show-prefix'])).trim();
  const listing = await git(dir, [
    'ls-tree',
    '-r',
    '-z',
    '--full-tree',
    sha,
    '--',
    prefix || '.',
  ]);
  const paths: string[] = [];
  const blobs: string[] = [];
  for (const line of listing.split('\0')) {
    const m = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (!m || !(m[1] === '100644' || m[1] === '100755')) continue;
    paths.push(m[3].slice(prefix.length));
    blobs.push(m[2]);
  }
  const contents = await catFiles(dir, blobs);
  const files = new Map<string, string>();
  paths.forEach((p, i) => files.set(p, contents[i]));
  return { revision: sha, files, problems: [] };
}
