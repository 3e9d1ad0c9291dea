/*
 * Answers of their views' size for the views that need one cluster or the
 * app list: the cluster card asks for its cluster's column of the overview
 * (`GET /clusters/:name/overview`), the promotion template's app picker for
 * the apps (`GET /apps`), instead of both taking the whole overview
 * (megabytes at 500 apps × 20 clusters). Same permission as `/overview`
 * (`fleet.read`, restricted to the clusters `fleet.cluster.read` allows);
 * computed once per view and list of linked components, as `/overview`.
 */
import {
  clusterOverview,
  fleetApps,
  type FleetAppsResponse,
  type FleetMatrix,
} from '@flux-fleet/backstage-plugin-fleet-common';
import express from 'express';
import Router from 'express-promise-router';
import { sendCached } from './CachedJson';
import {
  entityRefsByRow,
  type ComponentLinks,
  type LinkedComponent,
} from './ComponentLinks';
import type { RouteContext } from './routeContext';

// the components linked to each row, once per matrix and catalog read: every
// cluster's answer and the app list share it
const refsCache = new WeakMap<
  readonly LinkedComponent[],
  WeakMap<FleetMatrix, Map<string, string[]>>
>();
function refsOf(matrix: FleetMatrix, items: readonly LinkedComponent[]) {
  let byMatrix = refsCache.get(items);
  if (!byMatrix) refsCache.set(items, (byMatrix = new WeakMap()));
  let refs = byMatrix.get(matrix);
  if (!refs) byMatrix.set(matrix, (refs = entityRefsByRow(matrix, items)));
  return refs;
}

/**
 * The routes `GET /clusters/:name/overview` and `GET /apps`, mounted by the
 * fleet router. `components` links rows to catalog components; without it
 * `entityRefs` are empty, as in `/overview`.
 */
export function createClusterRoutes(
  ctx: RouteContext,
  components?: ComponentLinks,
): express.Router {
  const router = Router();
  const linked = async () =>
    (await components?.current()) ?? { version: 0, items: [] };

  router.get('/clusters/:name/overview', async (req, res) => {
    const { view } = await ctx.read(req);
    const name = req.params.name;
    ctx.requireCluster(view, name);
    const list = await linked();
    const answer = view.cached(`overview:${list.version}:${name}`, () => {
      const refs = refsOf(view.matrix, list.items);
      return clusterOverview(view.matrix, name, {
        refreshedAt: view.state.refreshedAt,
        clusterUrl: p => ctx.link(p),
        entityRefs: id => refs.get(id) ?? [],
      });
    });
    await sendCached(req, res, answer);
  });

  router.get('/apps', async (req, res) => {
    const { view } = await ctx.read(req);
    const list = await linked();
    const answer = view.cached(
      `apps:${list.version}`,
      (): FleetAppsResponse => {
        const refs = refsOf(view.matrix, list.items);
        return {
          revision: view.matrix.revision,
          items: fleetApps(view.matrix, id => refs.get(id) ?? []),
        };
      },
    );
    await sendCached(req, res, answer);
  });

  return router;
}
