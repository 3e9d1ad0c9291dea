import { promises as fs } from 'node:fs';
import { relative } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import { commitToBranch, serialized } from './commitToBranch';
import type { FleetPublishLocalInput, FleetPublishLocalOutput } from './types';

/**
 * Every regular file under `dir`, absolute. A symlink (to a file or a
 * directory) refuses the publish: fleet:promote writes none, so one in the
 * workspace was planted, and following it would commit what it points at.
 */
async function filesUnder(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs
    .readdir(dir, { withFileTypes: true })
    .catch(() => [])) {
    const abs = `${dir}/${e.name}`;
    if (e.isSymbolicLink())
      throw new NotAllowedError(
        `${relative(
          root,
          abs,
        )} in the workspace is a symlink; nothing was committed.`,
      );
    if (e.isDirectory()) out.push(...(await filesUnder(abs, root)));
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

/** A repository path as git stores it: relative, no `..`, no `.git`, no NUL or backslash. */
function checkRepoPath(path: string): string {
  const parts = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    /[\0\\]/.test(path) ||
    parts.some(
      p => p === '..' || p === '.' || p === '' || p.toLowerCase() === '.git',
    )
  ) {
    throw new InputError(
      `${JSON.stringify(
        path,
      )} is not a path inside the repository; nothing was committed.`,
    );
  }
  return path;
}

/**
 * `fleet:publish:local` — for the embedded default (the backend's own local
 * git repository): commits the workspace's changed files on a new branch
 * without touching the checked-out branch, and reports the branch, its diff
 * and the command that merges it. Promotions of one repository are
 * serialized.
 *
 * @public
 */
export function createFleetPublishLocalAction(options: {
  fleet: FleetService;
}): TemplateAction<FleetPublishLocalInput, FleetPublishLocalOutput, 'v2'> {
  return createTemplateAction({
    id: 'fleet:publish:local',
    description:
      "Commits the files fleet:promote wrote on a new branch of the fleet's local git repository (the embedded default); the branch the fleet is read from is not touched.",
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z
            .string()
            .default('fleet')
            .describe(
              'Workspace directory holding the changed files in repository layout (fleet:promote targetPath).',
            ),
        filesToDelete: z =>
          z
            .array(z.string())
            .default([])
            .describe(
              'Repository paths to delete (fleet:promote filesToDelete).',
            ),
        branchName: z =>
          z
            .string()
            .min(1)
            .describe('The new branch, e.g. "promote/foo-app-prod".'),
        title: z =>
          z.string().min(1).describe('Commit subject (fleet:promote title).'),
        body: z =>
          z.string().default('').describe('Commit body (fleet:promote body).'),
        revision: z =>
          z
            .string()
            .nullable()
            .optional()
            .describe(
              'The revision the promotion was planned on (fleet:promote revision): refused when the files it touches changed on the branch since.',
            ),
      },
      output: {
        branch: z => z.string().describe('The branch created.'),
        commit: z => z.string().describe('The commit SHA on it.'),
        diff: z =>
          z
            .string()
            .describe(
              'Unified diff of the branch against the branch the fleet is read from.',
            ),
        mergeCommand: z =>
          z.string().describe('The command that merges the branch.'),
        repository: z => z.string().describe('Path of the local repository.'),
      },
    },
    async handler(ctx) {
      const repo = options.fleet.getLocalRepository?.();
      if (!repo) {
        throw new InputError(
          'The fleet is not read from a local git repository; open a pull request with publish:github:pull-request (or the GitLab, Bitbucket or Azure equivalent) instead.',
        );
      }
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath,
      );
      const files = await Promise.all(
        (
          await filesUnder(root)
        ).map(async abs => ({
          path: checkRepoPath(relative(root, abs)),
          content: await fs.readFile(abs, 'utf8'),
        })),
      );
      if (files.length === 0 && ctx.input.filesToDelete.length === 0) {
        throw new InputError(
          `There is nothing to commit under ${ctx.input.sourcePath} in the workspace.`,
        );
      }
      ctx.input.filesToDelete.forEach(checkRepoPath);
      const branch = ctx.input.branchName;
      const mergeCommand = `git -C ${repo.path} merge --no-ff ${branch}`;
      if (ctx.isDryRun) {
        ctx.output('branch', branch);
        ctx.output('commit', '');
        ctx.output('diff', '');
        ctx.output('mergeCommand', mergeCommand);
        ctx.output('repository', repo.path);
        return;
      }
      const result = await ctx.checkpoint({
        key: `fleet-publish-local-${branch}`,
        fn: () =>
          serialized(repo.path, () =>
            commitToBranch({
              repository: repo.path,
              base: repo.branch,
              branch,
              files,
              delete: ctx.input.filesToDelete,
              revision: ctx.input.revision ?? undefined,
              message: `${ctx.input.title}\n\n${ctx.input.body}`.trimEnd(),
              author: {
                name: 'Fleet promotion',
                email: 'fleet@backstage.local',
              },
            }),
          ),
      });
      ctx.logger.info(
        `Committed ${result.commit} on ${branch} of ${repo.path}; merge with: ${mergeCommand}`,
      );
      ctx.output('branch', branch);
      ctx.output('commit', result.commit);
      ctx.output('diff', result.diff);
      ctx.output('mergeCommand', mergeCommand);
      ctx.output('repository', repo.path);
    },
  });
}
