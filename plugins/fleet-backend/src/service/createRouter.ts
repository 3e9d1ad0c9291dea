import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  fleetReadPermission,
  type FleetProblem,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import type { Request } from 'express';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';

const problemsQuery = z.object({
  cluster: z.string().min(1).optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

/** Options of {@link createRouter}. */
export interface RouterOptions {
  fleet: FleetService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

/**
 * The fleet REST API (`/api/fleet`). Every route but `/health` needs a
 * caller with the `fleet.read` permission; the model never carries object
 * bodies, so no Secret data can leave through it.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { fleet, httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json());

  async function authorizeRead(req: Request) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: fleetReadPermission }],
      { credentials },
    );
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError('Reading the fleet requires the fleet.read permission');
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/status', async (req, res) => {
    await authorizeRead(req);
    const state = await fleet.getState();
    const { matrix } = state;
    res.json({
      revision: matrix.revision,
      refreshedAt: state.refreshedAt,
      durationMs: state.durationMs,
      clusters: matrix.clusters.length,
      objects: matrix.objects.length,
      problems: {
        error: matrix.problems.filter(p => p.severity === 'error').length,
        warning: matrix.problems.filter(p => p.severity === 'warning').length,
      },
      lastError: state.lastError ?? null,
    });
  });

  router.get('/matrix', async (req, res) => {
    await authorizeRead(req);
    res.json((await fleet.getState()).matrix);
  });

  router.get('/clusters', async (req, res) => {
    await authorizeRead(req);
    const { matrix } = await fleet.getState();
    res.json({
      items: matrix.clusters.map(c => ({
        ...c,
        objects: matrix.objects.filter(o => o.cluster === c.name).length,
        problems: matrix.problems.filter(p => p.cluster === c.name).length,
      })),
    });
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorizeRead(req);
    const { matrix } = await fleet.getState();
    const cluster = matrix.clusters.find(c => c.name === req.params.name);
    if (!cluster) {
      throw new NotFoundError(`No cluster named "${req.params.name}" in the fleet`);
    }
    res.json({
      ...cluster,
      objects: matrix.objects.filter(o => o.cluster === cluster.name),
      problems: matrix.problems.filter(p => p.cluster === cluster.name),
    });
  });

  router.get('/units', async (req, res) => {
    await authorizeRead(req);
    res.json({ items: (await fleet.getState()).matrix.units });
  });

  router.get('/problems', async (req, res) => {
    await authorizeRead(req);
    const parsed = problemsQuery.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(`Invalid query: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const { cluster, severity } = parsed.data;
    const items = (await fleet.getState()).matrix.problems.filter(
      (p: FleetProblem) =>
        (!cluster || p.cluster === cluster) && (!severity || p.severity === severity),
    );
    res.json({ items });
  });

  return router;
}
