/*
 * What fleet:publish:github checks before its first write, so that a
 * refused promotion writes nothing on GitHub: octokit-plugin-create-pull-request
 * would otherwise create the tree and commit first and only then find an
 * open pull request (compose-create-pull-request.js), fork the repository
 * for a user token without push access, and commit a plan made on an older
 * revision on top of whatever the base branch holds now.
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

/**
 * Rejects with a {@link NotAllowedError} when the token may not push, and a
 * {@link ConflictError} when a pull request from the branch is open or the
 * promoted files changed on the base since `revision`.
 */
export async function preflight(
  client: FleetGithubClient,
  t: PreflightTarget,
): Promise<void> {
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
  if (!t.revision) return;
  let compare;
  try {
    compare = await client.request(
      'GET /repos/{owner}/{repo}/compare/{basehead}',
      { owner, repo, basehead: `${t.revision}...${base}`, per_page: 100 },
    );
  } catch (e) {
    if ((e as { status?: number }).status !== 404) throw e;
    throw new ConflictError(
      `The promotion was planned on ${t.revision}, which ${owner}/${repo} does not have; nothing was written, plan it again.`,
    );
  }
  const changed = new Set(
    (compare.data.files ?? []).flatMap(f => [
      f.filename,
      ...(f.previous_filename ? [f.previous_filename] : []),
    ]),
  );
  const touched = t.paths.filter(p => changed.has(p));
  if (touched.length > 0 || changed.size >= COMPARE_FILE_LIMIT) {
    throw new ConflictError(
      `${base} moved since the promotion was planned on ${t.revision.slice(
        0,
        12,
      )}: ${
        touched.length > 0
          ? `${touched.join(', ')} changed`
          : `${changed.size}+ files changed, too many to verify`
      }; nothing was written, plan it again.`,
    );
  }
}
