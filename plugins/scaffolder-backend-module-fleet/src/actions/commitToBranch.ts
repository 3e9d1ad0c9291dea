/*
 * One commit on a new branch of a local git repository, made with git's
 * plumbing (a private index file, hash-object, write-tree, commit-tree,
 * update-ref), so the checked-out branch, the work tree and the repository's
 * own index are never touched while the fleet service reads them.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '@backstage/errors';
import { mayHoldSecretData } from '@flux-fleet/backstage-plugin-fleet-common';

type Env = Record<string, string | undefined>;

function git(
  cwd: string,
  args: string[],
  opts: { env?: Env; input?: string } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        env: { ...process.env, ...opts.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, stdout, stderr) =>
        err
          ? reject(
              new Error(
                `git ${args[0]}: ${String(stderr).trim() || err.message}`,
              ),
            )
          : resolve(stdout),
    );
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** What {@link commitToBranch} writes. */
export interface BranchCommit {
  repository: string;
  /** The branch the new one starts from (the branch the fleet is read from). */
  base: string;
  branch: string;
  /** Repository paths and their new content. */
  files: { path: string; content: string }[];
  delete: string[];
  message: string;
  author?: { name: string; email: string };
  /**
   * The revision the promotion was planned on: refused when a file it
   * writes or deletes differs between that revision and the base.
   */
  revision?: string;
}

// concurrent promotions of one repository run one after the other
const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call for the same `key` settled. */
export function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  queues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Refuses a plan whose files differ between `revision` and `baseCommit`:
 * the files hold the planned content in full, so committing them on a base
 * that changed them would revert that change. A tree-to-tree diff (not
 * the history between), so a base force-pushed back past the revision is
 * caught as well.
 */
async function checkPlannedRevision(
  c: BranchCommit & { revision: string },
  baseCommit: string,
): Promise<void> {
  const planned = (
    await git(c.repository, [
      'rev-parse',
      '--verify',
      '--quiet',
      `${c.revision}^{commit}`,
    ]).catch(() => '')
  ).trim();
  if (!planned) {
    throw new ConflictError(
      `The promotion was planned on ${c.revision}, which ${c.repository} does not have; nothing was committed, plan it again.`,
    );
  }
  if (planned === baseCommit) return;
  const paths = [...c.files.map(f => f.path), ...c.delete];
  const changed = (
    await git(c.repository, [
      'diff',
      '--name-only',
      '--no-renames',
      planned,
      baseCommit,
      '--',
      ...paths.map(p => `:(literal)${p}`),
    ])
  )
    .split('\n')
    .filter(Boolean);
  if (changed.length > 0) {
    throw new ConflictError(
      `${c.base} moved since the promotion was planned on ${planned.slice(
        0,
        12,
      )} (it is at ${baseCommit.slice(0, 12)}): ${changed.join(
        ', ',
      )} changed; nothing was committed, plan it again.`,
    );
  }
}

/**
 * Creates `branch` at a new commit on top of `base` holding the changes;
 * returns the commit SHA and the unified diff. Fails with a
 * {@link ConflictError} when the branch exists already, or when `revision`
 * is given and a promoted file changed on `base` since. The base is read
 * once: the check, the tree and the parent are that one commit.
 */
export async function commitToBranch(
  c: BranchCommit,
): Promise<{ commit: string; baseCommit: string; diff: string }> {
  if (
    (await git(c.repository, ['check-ref-format', '--branch', c.branch]).catch(
      () => '',
    )) === ''
  ) {
    throw new ConflictError(`"${c.branch}" is not a valid branch name.`);
  }
  const exists = await git(c.repository, [
    'rev-parse',
    '--verify',
    '--quiet',
    `refs/heads/${c.branch}`,
  ]).catch(() => '');
  if (exists.trim())
    throw new ConflictError(
      `Branch ${c.branch} already exists in ${c.repository}; choose another name.`,
    );
  const baseCommit = (
    await git(c.repository, [
      'rev-parse',
      '--verify',
      `refs/heads/${c.base}^{commit}`,
    ])
  ).trim();
  if (c.revision)
    await checkPlannedRevision({ ...c, revision: c.revision }, baseCommit);
  const dir = await fs.mkdtemp(join(tmpdir(), 'fleet-index-'));
  const env: Env = { GIT_INDEX_FILE: join(dir, 'index') };
  if (c.author) {
    Object.assign(env, {
      GIT_AUTHOR_NAME: c.author.name,
      GIT_AUTHOR_EMAIL: c.author.email,
      GIT_COMMITTER_NAME: c.author.name,
      GIT_COMMITTER_EMAIL: c.author.email,
    });
  }
  try {
    await git(c.repository, ['read-tree', baseCommit], { env });
    for (const f of c.files) {
      const blob = (
        await git(c.repository, ['hash-object', '-w', '--stdin'], {
          input: f.content,
        })
      ).trim();
      await git(
        c.repository,
        ['update-index', '--add', '--cacheinfo', `100644,${blob},${f.path}`],
        { env },
      );
    }
    for (const path of c.delete)
      await git(c.repository, ['update-index', '--force-remove', path], {
        env,
      });
    const tree = (await git(c.repository, ['write-tree'], { env })).trim();
    const commit = (
      await git(
        c.repository,
        ['commit-tree', tree, '-p', baseCommit, '-F', '-'],
        { env, input: c.message },
      )
    ).trim();
    // the empty old value makes this create-only: a branch made meanwhile is never overwritten
    await git(c.repository, [
      'update-ref',
      `refs/heads/${c.branch}`,
      commit,
      '',
    ]).catch(e => {
      // another process (a second backend, a person) made the branch meanwhile
      throw new ConflictError(
        `Branch ${c.branch} was created in ${c.repository} meanwhile; nothing was changed (${e.message}).`,
      );
    });
    // files that may hold Secret values (and deleted files, whose old content
    // is not read here) are named in the diff, their content withheld
    const withheld = [
      ...c.files.filter(f => mayHoldSecretData(f.content)).map(f => f.path),
      ...c.delete,
    ];
    const diff =
      (await git(c.repository, [
        'diff',
        baseCommit,
        commit,
        '--',
        '.',
        ...withheld.map(p => `:(exclude,literal)${p}`),
      ])) +
      withheld
        .map(
          p => `# ${p}: content withheld (deleted, or it holds Secret data)\n`,
        )
        .join('');
    return { commit, baseCommit, diff };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
