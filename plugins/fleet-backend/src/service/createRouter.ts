import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  clusterSummaries,
  entityDeployments,
  fleetOverview,
  fleetRefreshPermission,
  indexFleet,
  type FleetClusterDetail,
  type FleetStatusResponse,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  FleetService,
  FleetState,
} from '@flux-fleet/backstage-plugin-fleet-node';
import express from 'express';
import Router from 'express-promise-router';
import { sendCached } from './CachedJson';
import { createClusterRoutes } from './clusterRoutes';
import { ComponentLinks, entityRefsByRow } from './ComponentLinks';
import { prepareView, viewOf, type FleetView } from './fleetView';
import { createObjectRoutes } from './objectRoutes';
import { createPromotionRoutes } from './promotionRoutes';
import { createRouteContext } from './routeContext';
import { deploymentsQuery, parse } from './schemas';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  fleet: FleetService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Reads entities for `entityRef` queries; without it an entity ref's name is taken as the app name. */
  catalog?: CatalogService;
  /** The plugin's own credentials, to read the components linked to the overview's rows (with `catalog`). */
  auth?: AuthService;
  logger?: LoggerService;
  /** The repository host's URL of the fleet's root directory (`fleet.repositoryUrl`), for links. */
  repositoryUrl?: string | null;
}

/**
 * The fleet REST API (`/api/fleet`; routes in fleet-common's `api.ts`).
 * Every route but `/health` needs credentials and `fleet.read`, and answers
 * only about the clusters `fleet.cluster.read` allows; `POST /refresh`
 * needs `fleet.refresh`. Object bodies leave with Secret values redacted.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { fleet, httpAuth, permissions, catalog, auth } = options;
  const ctx = createRouteContext(options);
  const { link, read } = ctx;
  const components =
    catalog && auth
      ? new ComponentLinks({ catalog, auth, logger: options.logger })
      : undefined;
  // the view's lookups and the largest answer, made (and compressed) when a
  // model arrives rather than by the first request that asks for them;
  // built and serialized in slices, after a turn of the event loop, so a new
  // model never blocks the loop for long
  const warm = async (state: Parameters<typeof viewOf>[0]) => {
    await new Promise<void>(resolve => setImmediate(resolve));
    await prepareView(state);
    const view = viewOf(state);
    const matrix = await view.prepare(
      'matrix',
      view.matrix as unknown as Record<string, unknown>,
      'objects',
    );
    await Promise.all(
      (['gzip', 'br'] as const).map(encoding => matrix.encoded(encoding)),
    );
  };
  const warmQuietly = (state: Parameters<typeof viewOf>[0]) => {
    warm(state).catch(error =>
      options.logger?.warn(`Fleet API: preparing the matrix failed: ${error}`),
    );
  };
  fleet.subscribe(warmQuietly);
  fleet.getState().then(warmQuietly, () => undefined);
  const router = Router();
  router.use(express.json());
  router.use(createPromotionRoutes({ fleet, httpAuth, permissions }));

  /**
   * `current` is the service's state now: a failed refresh keeps the model
   * (and so the view, cached per model) but records its error on a new state.
   */
  function status(view: FleetView, current: FleetState): FleetStatusResponse {
    const { state, matrix } = view;
    const now = fleet.getStatus();
    return {
      revision: state.revision,
      refreshedAt: state.refreshedAt,
      durationMs: state.durationMs,
      phase: now.phase,
      resolvingRevision: now.resolvingRevision,
      clusters: matrix.clusters.length,
      objects: matrix.objects.length,
      staleObjects: matrix.objects.filter(o => o.stale).length,
      problems: {
        error: matrix.problems.filter(p => p.severity === 'error').length,
        warning: matrix.problems.filter(p => p.severity === 'warning').length,
      },
      lastError: current.lastError ?? null,
      // the catalog module's removal guard, recorded on the shared service
      catalogGuard: now.catalogGuard ?? null,
      source: now.source,
      repositoryUrl: ctx.repositoryUrl,
    };
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/status', async (req, res) => {
    const { view } = await read(req);
    res.json(status(view, await fleet.getState()));
  });

  router.post('/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: fleetRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `This needs the ${fleetRefreshPermission.name} permission`,
      );
    }
    await fleet.refresh();
    const { view } = await read(req);
    res.json(status(view, await fleet.getState()));
  });

  router.get('/matrix', async (req, res) => {
    const { view } = await read(req);
    await sendCached(
      req,
      res,
      view.cached('matrix', () => view.matrix),
    );
  });

  router.get('/clusters', async (req, res) => {
    const { view } = await read(req);
    const answer = view.cached('clusters', () => ({
      items: clusterSummaries(view.matrix, p => link(p)),
    }));
    await sendCached(req, res, answer);
  });

  router.get('/clusters/:name', async (req, res) => {
    const { view } = await read(req);
    const name = req.params.name;
    ctx.requireCluster(view, name);
    const answer = view.cached(`cluster:${name}`, (): FleetClusterDetail => {
      const index = indexFleet(view.matrix);
      const summary = clusterSummaries(view.matrix, p => link(p)).find(
        c => c.name === name,
      )!;
      return {
        ...summary,
        items: (index.byCluster.get(name) ?? []).map(o => ({
          ...o,
          sourceUrl: link(o.source.file, o.source.line),
        })),
        problemItems: index.problemsByCluster.get(name) ?? [],
      };
    });
    await sendCached(req, res, answer);
  });

  router.get('/units', async (req, res) => {
    const { view } = await read(req);
    const answer = view.cached('units', () => ({ items: view.matrix.units }));
    await sendCached(req, res, answer);
  });

  router.get('/overview', async (req, res) => {
    const { view } = await read(req);
    const linked = (await components?.current()) ?? { version: 0, items: [] };
    const answer = view.cached(`overview:${linked.version}`, () => {
      const refs = entityRefsByRow(view.matrix, linked.items);
      return fleetOverview(view.matrix, {
        refreshedAt: view.state.refreshedAt,
        clusterUrl: p => link(p),
        entityRefs: id => refs.get(id) ?? [],
      });
    });
    await sendCached(req, res, answer);
  });

  router.get('/deployments', async (req, res) => {
    const { view, credentials } = await read(req);
    const query = parse(deploymentsQuery, req.query);
    const entity = await ctx.entityLink(
      query.entityRef,
      credentials,
      query.app,
    );
    // one answer per entity and model: a lookup in the view's index, then cached
    const answer = view.cached(`deployments:${JSON.stringify(entity)}`, () =>
      entityDeployments(view.matrix, {
        entityRef: entity.entityRef,
        app: entity.app,
        kubernetesId: entity.kubernetesId,
        sourceUrl: ctx.repositoryUrl
          ? (file, line) => link(file, line)
          : undefined,
      }),
    );
    await sendCached(req, res, answer);
  });

  router.use(createObjectRoutes(ctx));
  router.use(createClusterRoutes(ctx, components));
  return router;
}
