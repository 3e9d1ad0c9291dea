/*
 * `POST /promotions/preview`: the promotion planner over the served
 * revision, for the template's review step. Checks `fleet.promotion.create`
 * per target cluster (the cluster as the resource), writes nothing.
 */
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetPromotionCreatePermission,
  mayHoldSecretData,
  type PromotionFileChange,
  type PromotionPreview,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  BuildCache,
  type FleetService,
  isPromotionInputError,
  planPromotion,
  unifiedDiff,
} from '@flux-fleet/backstage-plugin-fleet-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';

const name = z.string().min(1).max(253);

/** The body of `POST /promotions/preview` (fleet-common's PromotionRequest, plus `auto`). */
export const promotionPreviewBody = z.object({
  app: name,
  to: z.array(name).min(1).max(100),
  from: name.optional(),
  strategy: z.enum(['auto', 'reference', 'overlay', 'common']).optional(),
  remove: z.boolean().optional(),
  enforce: z.boolean().optional(),
  entityRef: name.optional(),
});

// a file that may carry Secret values is named in the preview, its content is not
const holdsSecrets = (f: PromotionFileChange) =>
  mayHoldSecretData(`${f.before ?? ''}\n${f.after ?? ''}`);

/** The preview as it may leave the backend: no planned snapshot, no Secret values. */
function redacted(preview: PromotionPreview): PromotionPreview {
  const hidden = preview.files.filter(holdsSecrets);
  if (hidden.length === 0) return preview;
  const shown = preview.files.filter(f => !holdsSecrets(f));
  return {
    ...preview,
    files: preview.files.map(f =>
      holdsSecrets(f) ? { path: f.path, action: f.action } : f,
    ),
    diff: `${unifiedDiff(shown)}${hidden
      .map(
        f =>
          `# ${f.action} ${f.path}: content withheld (it holds Secret data)\n`,
      )
      .join('')}`,
  };
}

/** Options of {@link createPromotionRoutes}. */
export interface PromotionRoutesOptions {
  fleet: FleetService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/** The promotion routes, mounted by the fleet router. */
export function createPromotionRoutes(
  options: PromotionRoutesOptions,
): express.Router {
  const { fleet, httpAuth, permissions } = options;
  // shared by every preview: a warm preview re-resolves only the clusters its edits touch
  const cache = new BuildCache();
  const router = Router();
  router.use(express.json());

  router.post('/promotions/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = promotionPreviewBody.safeParse(req.body);
    if (!parsed.success) {
      throw new InputError(
        `Invalid promotion request: ${parsed.error.issues
          .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const request = parsed.data;
    const decisions = await permissions.authorize(
      request.to.map(cluster => ({
        permission: fleetPromotionCreatePermission,
        resourceRef: cluster,
      })),
      { credentials },
    );
    const denied = request.to.filter(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (denied.length > 0) {
      throw new NotAllowedError(
        `You may not promote to ${denied.join(', ')} (permission ${
          fleetPromotionCreatePermission.name
        }).`,
      );
    }
    const state = await fleet.getState();
    const snapshot = await fleet.getSnapshot();
    try {
      const {
        planned: _planned,
        filesToDelete: _deletes,
        ...preview
      } = planPromotion(
        snapshot,
        {
          ...request,
          strategy: request.strategy === 'auto' ? undefined : request.strategy,
        },
        {
          model: snapshot.revision === state.revision ? state.model : undefined,
          cache,
          // clusters named in configuration are targets like discovered ones
          scope: fleet.getResolveOptions?.(),
          entityRef: request.entityRef,
        },
      );
      res.json(redacted(preview));
    } catch (e) {
      if (isPromotionInputError(e)) throw new InputError(e.message);
      throw e;
    }
  });
  return router;
}
