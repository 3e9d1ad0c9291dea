/*
 * The embedded default: the bundled example fleet is a plain directory (it
 * lives inside the project's own repository), but promotion needs a git
 * repository it may branch in. On first start the directory is copied into
 * a repository of its own in the data folder, committed once, and read from
 * there; later starts reuse it, so branches and commits made there survive.
 */
import { cp, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { git } from '../../engine/loader/gitCommands';

/** The branch the embedded repository is created with. */
export const EMBEDDED_BRANCH = 'main';

/**
 * Returns the path of the embedded repository for `sourceDir` under
 * `dataDir`, creating it (copy, `git init`, one commit) when it is missing.
 */
export async function prepareEmbeddedRepository(options: {
  sourceDir: string;
  dataDir: string;
  logger: LoggerService;
}): Promise<{ path: string; branch: string }> {
  const repo = join(options.dataDir, 'fleet.git');
  const exists = await stat(join(repo, '.git')).catch(() => undefined);
  if (exists) return { path: repo, branch: EMBEDDED_BRANCH };
  await mkdir(repo, { recursive: true });
  await cp(options.sourceDir, repo, {
    recursive: true,
    filter: source => !/[\\/](\.git|node_modules)$/.test(source),
  });
  const identity = [
    '-c',
    'user.name=Fleet',
    '-c',
    'user.email=fleet@localhost',
  ];
  await git(repo, ['init', '-q', '-b', EMBEDDED_BRANCH]);
  await git(repo, ['add', '-A']);
  await git(repo, [
    ...identity,
    'commit',
    '-q',
    '--no-gpg-sign',
    '-m',
    `Fleet: copy of ${options.sourceDir}`,
  ]);
  options.logger.info(
    `Copied the embedded fleet ${options.sourceDir} into the git repository ${repo} (branch ${EMBEDDED_BRANCH}); ` +
      'it is read from there from now on. Delete that folder to copy it again.',
  );
  return { path: repo, branch: EMBEDDED_BRANCH };
}
