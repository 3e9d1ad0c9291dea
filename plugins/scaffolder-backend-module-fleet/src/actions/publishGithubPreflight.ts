/*
 * What fleet:publish:github checks before its first write, so that a
 * refused promotion writes nothing on GitHub: octokit-plugin-create-pull-request
 * would otherwise create the tree and commit first and only then find an
 * open pull request (compose-create-pull-request.js), fork the repository
 * for a user token without push access, and commit a plan made on an older
 * revision on top of whatever the base branch holds now.
 *
 * The base branch is read once, as a SHA, and everything after is pinned
 * to that SHA: the check of the promoted files, the plugin's own read of
 * the base commit (publishGithub rewrites its `sha`), its file probes (the
 * plugin passes the commit's SHA), the tree's `base_tree` and the commit's
 * parent. Reading "the branch" twice let a push between the check and the
 * plugin's read slip through: the tree was then built on a base whose
 * promoted files the check never saw, and the pull request reverted them.
 */
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { FleetGithubClient } from './githubClient';

/** GitHub's compare API lists at most 300 files; more cannot be verified. */
const COMPARE_FILE_LIMIT = 300;

/** Where the promotion is about to go. */
export interface PreflightTarget {
  owner: string;
  repo: string;
  /** The head branch. */
  branch: string;
  /** The base branch; default the repository's default branch. */
  base?: string;
  /** The revision the promotion was planned on, if known. */
  revision?: string;
  /** Repository paths the promotion writes or deletes. */
  paths: string[];
}

/** The base the promotion is written on: the branch, and its SHA as read once. */
export interface PinnedBase {
  branch: string;
  sha: string;
}

/**
 * Rejects with a {@link NotAllowedError} when the token may not push, and a
 * {@link ConflictError} when a pull request from the branch is open or the
 * promoted files differ between `revision` and the base; resolves to the
 * base SHA that was checked, which every later read must use.
 */
export async function preflight(
  client: FleetGithubClient,
  t: PreflightTarget,
): Promise<PinnedBase> {
  const { owner, repo } = t;
  const { data: repository } = await client.request(
    'GET /repos/{owner}/{repo}',
    { owner, repo },
  );
  if (!repository.permissions?.push) {
    throw new NotAllowedError(
      `The GitHub credentials may not push to ${owner}/${repo}; nothing was written.`,
    );
  }
  const base = t.base ?? repository.default_branch;
  const { data: open } = await client.request(
    'GET /repos/{owner}/{repo}/pulls',
    { owner, repo, head: `${owner}:${t.branch}`, state: 'open', per_page: 1 },
  );
  if (open.length > 0) {
    throw new ConflictError(
      `A pull request from ${t.branch} is open already: ${open[0].html_url}; nothing was written (update it or pick another branch).`,
    );
  }
  const { data: ref } = await client.request(
    'GET /repos/{owner}/{repo}/git/ref/{ref}',
    { owner, repo, ref: `heads/${base}` },
  );
  const pinned = { branch: base, sha: ref.object.sha };
  if (!t.revision) return pinned;
  let changed;
  try {
    changed = await changedBetween(client, t, t.revision, pinned.sha);
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e;
    throw new ConflictError(
      `The promotion was planned on ${t.revision}, which ${owner}/${repo} does not have; nothing was written, plan it again.`,
    );
  }
  const touched = t.paths.filter(p => changed.has(p));
  if (touched.length > 0 || changed.size >= COMPARE_FILE_LIMIT) {
    throw new ConflictError(
      `${base} moved since the promotion was planned on ${short(
        t.revision,
      )} (it is at ${short(pinned.sha)}): ${
        touched.length > 0
          ? `${touched.join(', ')} changed`
          : `${changed.size}+ files changed, too many to verify`
      }; nothing was written, plan it again.`,
    );
  }
  return pinned;
}

/**
 * Rejects with a {@link ConflictError}, naming both SHAs, when the base
 * branch moved past `pinned` and the new commits change a promoted file:
 * the last check before the branch is written, so that a refusal leaves no
 * branch and no pull request. A move that leaves the promoted files alone
 * is let through: the commit's parent is `pinned`, so GitHub's merge
 * carries the new commits.
 */
export async function recheckBase(
  client: FleetGithubClient,
  t: PreflightTarget,
  pinned: PinnedBase,
): Promise<void> {
  const changed = await changedBetween(client, t, pinned.sha, pinned.branch);
  const touched = t.paths.filter(p => changed.has(p));
  if (touched.length === 0 && changed.size < COMPARE_FILE_LIMIT) return;
  const { data: ref } = await client.request(
    'GET /repos/{owner}/{repo}/git/ref/{ref}',
    { owner: t.owner, repo: t.repo, ref: `heads/${pinned.branch}` },
  );
  throw new ConflictError(
    `${pinned.branch} moved from ${short(pinned.sha)} to ${short(
      ref.object.sha,
    )} while the pull request was being written: ${
      touched.length > 0
        ? `${touched.join(', ')} changed`
        : `${changed.size}+ files changed, too many to verify`
    }; no branch and no pull request were created, plan it again.`,
  );
}

/**
 * The files that differ between `from` and `to` (and renamed from). GitHub's
 * compare is three-dot (from the merge base to `to`): when `to` is behind
 * or diverged, as after a force-push to an older revision, the files `from`
 * changed since the merge base are added, or the plan would bring back
 * what the force-push removed.
 */
async function changedBetween(
  client: FleetGithubClient,
  { owner, repo }: PreflightTarget,
  from: string,
  to: string,
): Promise<Set<string>> {
  const names = (files?: { filename: string; previous_filename?: string }[]) =>
    (files ?? []).flatMap(f => [
      f.filename,
      ...(f.previous_filename ? [f.previous_filename] : []),
    ]);
  const { data } = await client.request(
    'GET /repos/{owner}/{repo}/compare/{basehead}',
    { owner, repo, basehead: `${from}...${to}`, per_page: 100 },
  );
  const changed = new Set(names(data.files));
  if (data.status === 'behind' || data.status === 'diverged') {
    const { data: back } = await client.request(
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      { owner, repo, basehead: `${to}...${from}`, per_page: 100 },
    );
    for (const name of names(back.files)) changed.add(name);
  }
  return changed;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
