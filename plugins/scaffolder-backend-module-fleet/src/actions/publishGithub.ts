import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import {
  createTemplateAction,
  parseRepoUrl,
  serializeDirectoryContents,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createFleetGithubClient, inlineText } from './githubClient';
import { GithubWritePacer } from './GithubWritePacer';
import {
  type PinnedBase,
  preflight,
  recheckBase,
} from './publishGithubPreflight';
import type {
  FleetPublishGithubInput,
  FleetPublishGithubOutput,
} from './types';

/**
 * Options of {@link createFleetPublishGithubAction}.
 *
 * @public
 */
export interface FleetPublishGithubActionOptions {
  /** The SCM integrations (`integrations.github` holds the credentials). */
  integrations: ScmIntegrationRegistry;
  /** Read for `scaffolder.defaultAuthor` and `scaffolder.defaultCommitMessage`, as Backstage's action does. */
  config: Config;
  /** Shared by every run of the action; one per backend by default. */
  pacer?: GithubWritePacer;
}

/**
 * `fleet:publish:github` — opens the pull request of a `fleet:promote` step
 * on GitHub with Backstage's own `publish:github:pull-request` handler, and
 * keeps to GitHub's write limits and to the planned revision: requests
 * serialized and paced (see GithubWritePacer), text files inline in one
 * tree (one tree and one commit for any number of files), and nothing
 * written when the token may not push, a pull request from the branch is
 * open already, or the files promoted changed on the base branch since the
 * plan. A branch this run created is deleted again if the pull request
 * cannot be opened.
 *
 * @public
 */
export function createFleetPublishGithubAction(
  options: FleetPublishGithubActionOptions,
): TemplateAction<FleetPublishGithubInput, FleetPublishGithubOutput, 'v2'> {
  const pacer = options.pacer ?? new GithubWritePacer();
  return createTemplateAction({
    id: 'fleet:publish:github',
    description:
      'Opens the pull request of a fleet promotion on GitHub within its write limits, refusing when the promoted files changed on the base branch since the plan.',
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string().describe('github.com?owner=<owner>&repo=<repo>'),
        branchName: z => z.string().min(1).describe('The head branch.'),
        title: z => z.string().min(1).describe('Pull-request title.'),
        description: z => z.string().default('').describe('Pull-request body.'),
        sourcePath: z =>
          z
            .string()
            .default('fleet')
            .describe('Workspace directory fleet:promote wrote (targetPath).'),
        filesToDelete: z =>
          z
            .array(z.string())
            .default([])
            .describe('Repository paths to delete (fleet:promote output).'),
        revision: z =>
          z
            .string()
            .nullable()
            .optional()
            .describe(
              'The revision the promotion was planned on (fleet:promote output): refused when the files it touches changed on the base since.',
            ),
        targetBranchName: z =>
          z
            .string()
            .optional()
            .describe("The base branch; default the repository's default."),
        token: z =>
          z
            .string()
            .optional()
            .describe('A user token instead of the integration credentials.'),
      },
      output: {
        remoteUrl: z => z.string().describe('The pull request.'),
        pullRequestNumber: z => z.number().describe('Its number.'),
        targetBranchName: z => z.string().describe('The base branch.'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const { owner, repo, host } = parseRepoUrl(
        input.repoUrl,
        options.integrations,
      );
      if (!owner) throw new InputError(`No owner in ${input.repoUrl}`);
      const created: string[] = [];
      let pinned: PinnedBase | undefined;
      let paths: string[] = [];
      const client = await createFleetGithubClient({
        integrations: options.integrations,
        host,
        owner,
        repo,
        token: input.token,
        pacer,
        beforeRequest: async (method, url, params) => {
          if (!pinned) return;
          // the plugin reads the base by branch name
          // (compose-create-pull-request.js: GET /commits?sha=<base>): pinned
          // to the SHA preflight checked, its tree and parent are that commit's
          if (method === 'GET' && url.endsWith('/commits')) {
            params.sha = pinned.sha;
          }
          // the branch write is the last step after which a refusal would
          // leave something behind
          if (
            (method === 'POST' && url.endsWith('/git/refs')) ||
            (method === 'PATCH' && url.includes('/git/refs/'))
          ) {
            await recheckBase(
              client,
              { owner, repo, branch: input.branchName, paths },
              pinned,
            );
          }
        },
        onRequest: (method, url, params) => {
          if (method === 'POST' && url.endsWith('/git/refs'))
            created.push(String((params as { ref?: string }).ref));
        },
      });
      const root = resolveSafeChildPath(ctx.workspacePath, input.sourcePath);
      const files = await serializeDirectoryContents(root, { gitignore: true });
      const blobs = files.filter(
        f =>
          !f.symlink &&
          (
            inlineText({
              encoding: 'base64',
              content: f.content.toString('base64'),
            }) as { encoding: string }
          ).encoding === 'base64',
      ).length;
      if (!ctx.isDryRun) {
        // tree, commit, ref, pull request, a cleanup, and a blob per binary file
        pacer.reserve(5 + blobs);
        paths = [...files.map(f => f.path), ...input.filesToDelete];
        pinned = await preflight(client, {
          owner,
          repo,
          branch: input.branchName,
          base: input.targetBranchName,
          revision: input.revision ?? undefined,
          paths,
        });
      }
      const publish = createPublishGithubPullRequestAction({
        integrations: options.integrations,
        config: options.config,
        clientFactory: async () => client as any,
      });
      try {
        await publish.handler({
          ...ctx,
          input: {
            repoUrl: input.repoUrl,
            branchName: input.branchName,
            title: input.title,
            description: input.description,
            sourcePath: input.sourcePath,
            filesToDelete: input.filesToDelete,
            targetBranchName: input.targetBranchName,
            token: input.token,
          },
        } as any);
      } catch (e) {
        // no half-done promotion: a branch this run created goes again
        for (const ref of created) {
          await client
            .request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
              owner,
              repo,
              ref: ref.replace(/^refs\//, ''),
            })
            .catch(err =>
              ctx.logger.warn(`Could not delete ${ref} again: ${err}`),
            );
        }
        // Backstage wraps the cause ("Pull request creation failed; caused
        // by …"): a refusal of ours keeps its own type and message
        const cause = (e as { cause?: unknown }).cause;
        throw cause instanceof ConflictError ? cause : e;
      }
    },
  });
}
