/*
 * Links to the fleet repository on its host. The base is a directory URL
 * such as `https://github.com/org/fleet/tree/main` (GitHub, Gitea and
 * Bitbucket Server accept `tree` for files too and redirect; GitLab's
 * `-/tree/<ref>` as well); a line is appended as `#L<n>`.
 */

/** Link to `path` (a repository-relative file or directory) under `base`, or null without a base. */
export function repositoryLink(
  base: string | null | undefined,
  path: string,
  line?: number | null,
): string | null {
  if (!base) return null;
  const root = base.replace(/\/+$/, '');
  const rel = path.replace(/^\.?\/+/, '');
  const url = rel
    ? `${root}/${rel.split('/').map(encodeURIComponent).join('/')}`
    : root;
  return line ? `${url}#L${line}` : url;
}
