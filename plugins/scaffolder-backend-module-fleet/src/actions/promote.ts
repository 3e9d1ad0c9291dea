import { constants, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import {
  type PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  BuildCache,
  type FleetService,
  isPromotionInputError,
  planPromotion,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { authorizePromotion } from './authorizePromotion';
import { examples } from './promote.examples';
import type { FleetPromoteInput, FleetPromoteOutput } from './types';

const WRITE_NO_FOLLOW =
  constants.O_WRONLY |
  constants.O_CREAT |
  constants.O_TRUNC |
  constants.O_NOFOLLOW;

/**
 * Options of {@link createFleetPromoteAction}.
 *
 * @public
 */
export interface FleetPromoteActionOptions {
  /** The fleet service (`fleetServiceRef`): the model and snapshot promoted from. */
  fleet: FleetService;
  /** Checks `fleet.promotion.create` for every target cluster. */
  permissions: PermissionsService;
  /** The app's base URL (`app.baseUrl`), for the link back to the component in the PR body. */
  appBaseUrl?: string;
}

/**
 * `fleet:promote` — plans a promotion on the fleet the service serves,
 * checks `fleet.promotion.create` for every target cluster, and writes the
 * changed files into the workspace (under `targetPath`, repository layout),
 * ready for `publish:github:pull-request` (with `filesToDelete`) or
 * `fleet:publish:local`. A promotion that cannot be done safely fails the
 * step with the planner's reason and writes nothing.
 *
 * @public
 */
export function createFleetPromoteAction(
  options: FleetPromoteActionOptions,
): TemplateAction<FleetPromoteInput, FleetPromoteOutput, 'v2'> {
  // one cache for the module's life: a preview re-resolves only what it changed
  const cache = new BuildCache();
  return createTemplateAction({
    id: 'fleet:promote',
    description:
      'Plans the promotion of a fleet app to more clusters (or its removal) and writes the changed files into the workspace, with the diff, the per-cluster changes and a pull-request title and body.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        app: z =>
          z
            .string()
            .min(1)
            .describe(
              'The fleet app, e.g. "foo-app" (the unit apps/<app>), or a unit id.',
            ),
        to: z =>
          z
            .array(z.string().min(1))
            .min(1)
            .describe('Target cluster names, e.g. ["prod"].'),
        strategy: z =>
          z
            .enum(['auto', 'reference', 'overlay', 'common'])
            .default('auto')
            .describe(
              "reference: add to the targets' lists; overlay: give each target an overlay; common: move into the common set; auto: let the planner choose and explain.",
            ),
        from: z =>
          z
            .string()
            .optional()
            .describe(
              'Source cluster; default: a cluster that runs the app (test first).',
            ),
        remove: z =>
          z
            .boolean()
            .default(false)
            .describe('Remove the app from the target clusters instead.'),
        enforce: z =>
          z
            .boolean()
            .optional()
            .describe(
              'For a Kyverno policy: also switch its failure action from Audit to Enforce.',
            ),
        targetPath: z =>
          z
            .string()
            .default('fleet')
            .describe(
              'Workspace directory the changed files are written to, in repository layout.',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'The component promoted, linked from the pull-request body.',
            ),
      },
      output: {
        files: z =>
          z
            .array(z.string())
            .describe(
              'Repository paths created or updated (written under targetPath).',
            ),
        filesToDelete: z =>
          z
            .array(z.string())
            .describe(
              'Repository paths the promotion deletes (for publish:github:pull-request).',
            ),
        diff: z => z.string().describe('Unified diff of every file change.'),
        clusters: z => {
          // ids only (FleetObjectId), never bodies: Secret values cannot reach a PR
          const id = z.object({
            apiVersion: z.string(),
            kind: z.string(),
            namespace: z.string().nullable(),
            name: z.string(),
          });
          return z
            .array(
              z.object({
                cluster: z.string(),
                added: z.array(id),
                changed: z.array(id),
                removed: z.array(id),
              }),
            )
            .describe(
              'Per cluster, the objects added, changed and removed (ids only, never Secret values).',
            );
        },
        strategy: z => z.string().describe('The strategy used.'),
        strategyReason: z => z.string().describe('Why that strategy.'),
        carried: z =>
          z
            .array(z.string())
            .describe('Dependencies carried along (namespaces).'),
        warnings: z => z.array(z.string()).describe('Warnings of the planner.'),
        title: z => z.string().describe('Pull-request title.'),
        body: z =>
          z
            .string()
            .describe('Pull-request body (Markdown) stating the blast radius.'),
        targetPath: z =>
          z
            .string()
            .describe(
              'Where the files were written, relative to the workspace.',
            ),
        revision: z =>
          z
            .string()
            .nullable()
            .describe(
              'The fleet revision the promotion was planned on (for fleet:publish:github and fleet:publish:local).',
            ),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      await authorizePromotion(
        options.permissions,
        await ctx.getInitiatorCredentials(),
        input.to,
      );
      const state = await options.fleet.getState();
      const snapshot = await options.fleet.getSnapshot();
      let componentUrl: string | undefined;
      if (input.entityRef && options.appBaseUrl) {
        const ref = parseEntityRef(input.entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        });
        componentUrl = `${options.appBaseUrl}/catalog/${
          ref.namespace
        }/${ref.kind.toLocaleLowerCase('en-US')}/${ref.name}`;
      }
      let plan;
      try {
        plan = planPromotion(
          snapshot,
          {
            app: input.app,
            to: input.to,
            from: input.from,
            remove: input.remove,
            enforce: input.enforce,
            strategy: input.strategy === 'auto' ? undefined : input.strategy,
          },
          {
            // the served model belongs to the served snapshot; otherwise resolve it again
            model:
              snapshot.revision === state.revision ? state.model : undefined,
            cache,
            // clusters named in configuration are targets like discovered ones
            scope: options.fleet.getResolveOptions?.(),
            entityRef: input.entityRef,
            componentUrl,
          },
        );
      } catch (e) {
        if (isPromotionInputError(e)) throw new InputError(e.message);
        throw e;
      }
      if (plan.refused)
        throw new InputError(
          `Promotion refused, nothing was changed: ${plan.refused}`,
        );
      if (plan.files.length === 0) {
        throw new InputError(
          `Nothing to promote: ${
            plan.warnings.join(' ') || 'the fleet already looks like that.'
          }`,
        );
      }
      // every path checked before the first write (resolveSafeChildPath follows
      // symlinks planted in the workspace), so a refused path writes nothing
      // the scaffolder checks input against the JSON schema, where zod's
      // .default() does not fill in: a template without targetPath sent undefined
      const targetPath = input.targetPath ?? 'fleet';
      const root = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const writes = plan.files
        .filter(f => f.action !== 'delete')
        .map(f => ({
          file: resolveSafeChildPath(root, f.path),
          text: f.after!,
        }));
      for (const { file, text } of writes) {
        await fs.mkdir(dirname(file), { recursive: true });
        // O_NOFOLLOW: no write through a symlink made between the check and now
        const handle = await fs.open(file, WRITE_NO_FOLLOW, 0o644);
        try {
          await handle.writeFile(text);
        } finally {
          await handle.close();
        }
      }
      ctx.logger.info(
        `${plan.title}: ${plan.files
          .map(f => `${f.action} ${f.path}`)
          .join(', ')}`,
      );
      ctx.output(
        'files',
        plan.files.filter(f => f.action !== 'delete').map(f => f.path),
      );
      ctx.output('filesToDelete', plan.filesToDelete);
      ctx.output('diff', plan.diff);
      ctx.output('clusters', plan.clusters);
      ctx.output('strategy', plan.strategy);
      ctx.output('strategyReason', plan.strategyReason);
      ctx.output('carried', plan.carried);
      ctx.output('warnings', plan.warnings);
      ctx.output('title', plan.title);
      ctx.output('body', plan.body);
      ctx.output('targetPath', targetPath);
      ctx.output('revision', snapshot.revision ?? null);
    },
  });
}
