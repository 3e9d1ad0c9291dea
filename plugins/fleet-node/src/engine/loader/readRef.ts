/*
 * `git rev-parse <branch>` without starting git: reading the ref files as git
 * itself does (loose ref, then packed-refs). A poll runs every refresh on the
 * backend's main thread, and spawning a child process from a process with a
 * large heap blocks that thread for tens of milliseconds (the fork copies its
 * page tables), so the common case must not spawn anything.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The commit SHA `ref` (a branch name, `refs/…` or `HEAD`) points at in the
 * repository at `dir` (a work tree or a bare repository), read from the ref
 * files. Undefined when it cannot be read that way (a tag to peel, an
 * unusual layout): callers then fall back to `git rev-parse`.
 */
export async function readRefFromFiles(
  dir: string,
  ref: string,
): Promise<string | undefined> {
  const gitDir = await findGitDir(dir);
  if (!gitDir) return undefined;
  const commonDir = await readText(join(gitDir, 'commondir')).then(c =>
    c ? resolve(gitDir, c.trim()) : gitDir,
  );
  // tags may be annotated (a tag object, not a commit): left to git
  if (ref.startsWith('refs/tags/')) return undefined;
  let name =
    ref === 'HEAD' || ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
  for (let hops = 0; hops < 5; hops++) {
    // HEAD is per work tree; branches live in the common directory
    const loose = await readText(
      join(name === 'HEAD' ? gitDir : commonDir, name),
    );
    const value = loose?.trim();
    if (value && SHA.test(value)) return value;
    if (value?.startsWith('ref: ')) {
      name = value.slice(5).trim();
      continue;
    }
    if (value !== undefined) return undefined;
    return packedRef(commonDir, name);
  }
  return undefined;
}

async function findGitDir(dir: string): Promise<string | undefined> {
  const dotGit = join(dir, '.git');
  const file = await readText(dotGit).catch(() => undefined);
  if (file?.startsWith('gitdir: ')) return resolve(dir, file.slice(8).trim());
  if ((await readText(join(dotGit, 'HEAD'))) !== undefined) return dotGit;
  // a bare repository
  if (
    (await readText(join(dir, 'HEAD'))) !== undefined &&
    (await readText(join(dir, 'config'))) !== undefined
  ) {
    return dir;
  }
  return undefined;
}

async function packedRef(
  commonDir: string,
  name: string,
): Promise<string | undefined> {
  const packed = await readText(join(commonDir, 'packed-refs'));
  for (const line of packed?.split('\n') ?? []) {
    const [sha, refName] = line.split(' ');
    if (refName === name && SHA.test(sha)) return sha;
  }
  return undefined;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
