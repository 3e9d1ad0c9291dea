/*
 * The routes that serve rendered objects and what is derived from them:
 * object bodies, object lists, cluster diffs, problems, HelmRelease
 * details. Every answer is computed once per view and query (the view is
 * per model and per set of clusters the caller may read) and sent through
 * {@link sendCached}; Secret values never leave (bodies and diffs are
 * redacted, HelmRelease values from Secrets too, and a Secret's value
 * copied into another object, e.g. by Flux's substituteFrom, is scrubbed).
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  indexFleet,
  objectKey,
  selectApp,
} from '@flux-fleet/backstage-plugin-fleet-common';
import express from 'express';
import Router from 'express-promise-router';
import { sendCached } from './CachedJson';
import type { FleetView } from './fleetView';
import { helmReleaseDetailOf } from './helmReleaseDetailOf';
import type { RouteContext } from './routeContext';
import {
  diffQuery,
  helmReleaseQuery,
  objectBodyQuery,
  objectsQuery,
  parse,
  problemsQuery,
} from './schemas';

/** The object routes, mounted by the fleet router. */
export function createObjectRoutes(ctx: RouteContext): express.Router {
  const router = Router();

  /** The objects of a unit or of an entity's app, and a cache key naming them. */
  async function selectionOf(
    view: FleetView,
    credentials: BackstageCredentials,
    q: { unit?: string; entityRef?: string },
  ) {
    if (q.unit) {
      if (!indexFleet(view.matrix).units.has(q.unit))
        throw new NotFoundError(`No unit "${q.unit}" in the fleet`);
      return {
        key: `unit:${q.unit}`,
        unit: q.unit,
        has: (o: { unit: string | null }) => o.unit === q.unit,
      };
    }
    if (q.entityRef) {
      const entity = await ctx.entityLink(q.entityRef, credentials);
      const selection = selectApp(view.matrix, entity);
      const members = new Set<object>(selection?.objects ?? []);
      return {
        key: `app:${entity.app}|${entity.kubernetesId}`,
        unit: selection?.unit?.id ?? null,
        has: (o: object) => members.has(o),
      };
    }
    return { key: 'all', unit: null, has: () => true };
  }

  router.get('/objects/body', async (req, res) => {
    const { view } = await ctx.read(req);
    const query = parse(objectBodyQuery, req.query);
    ctx.requireCluster(view, query.cluster);
    const key = objectKey({ ...query, namespace: query.namespace || null });
    const object = view.find(query.cluster, key);
    if (!object) {
      throw new NotFoundError(
        `No ${query.kind} ${query.namespace ? `${query.namespace}/` : ''}${
          query.name
        } on cluster ${query.cluster}`,
      );
    }
    const scrub = view.scrubber();
    const answer = view.cached(`body:${query.cluster}|${key}`, () =>
      scrub({
        ...view.bodyOf(object),
        sourceUrl: ctx.link(object.source.file, object.source.line),
      }),
    );
    await sendCached(req, res, answer);
  });

  router.get('/objects', async (req, res) => {
    const { view, credentials } = await ctx.read(req);
    const query = parse(objectsQuery, req.query);
    if (query.cluster) ctx.requireCluster(view, query.cluster);
    const { key, has } = await selectionOf(view, credentials, query);
    const scrub = view.scrubber();
    const answer = view.cached(`objects:${query.cluster ?? ''}|${key}`, () =>
      scrub({
        items: view.matrix.objects
          .filter(
            o => (!query.cluster || o.cluster === query.cluster) && has(o),
          )
          .map(o => ({
            ...view.bodyOf(o),
            sourceUrl: ctx.link(o.source.file, o.source.line),
          })),
      }),
    );
    await sendCached(req, res, answer);
  });

  router.get('/diff', async (req, res) => {
    const { view, credentials } = await ctx.read(req);
    const query = parse(diffQuery, req.query);
    ctx.requireCluster(view, query.from);
    ctx.requireCluster(view, query.to);
    const { key, unit, has } = await selectionOf(view, credentials, query);
    const scrub = view.scrubber();
    const answer = view.cached(`diff:${query.from}|${query.to}|${key}`, () =>
      scrub(view.diff(query.from, query.to, has, unit)),
    );
    await sendCached(req, res, answer);
  });

  router.get('/problems', async (req, res) => {
    const { view, credentials } = await ctx.read(req);
    const query = parse(problemsQuery, req.query);
    const selection = query.entityRef
      ? await selectionOf(view, credentials, query)
      : undefined;
    const key = `problems:${query.cluster ?? ''}|${query.severity ?? ''}|${
      selection?.key ?? ''
    }`;
    const answer = view.cached(key, () => {
      let files: Set<string> | undefined;
      if (selection) {
        const objects = view.matrix.objects.filter(selection.has);
        files = new Set(
          objects.flatMap(o => [o.source.file, ...o.via.map(v => v.file)]),
        );
      }
      return {
        items: view.matrix.problems.filter(
          p =>
            (!query.cluster || p.cluster === query.cluster) &&
            (!query.severity || p.severity === query.severity) &&
            (!files || (p.file !== null && files.has(p.file))),
        ),
      };
    });
    await sendCached(req, res, answer);
  });

  router.get('/helmreleases', async (req, res) => {
    const { view } = await ctx.read(req);
    const query = parse(helmReleaseQuery, req.query);
    ctx.requireCluster(view, query.cluster);
    const key = `helm:${query.cluster}|${query.namespace ?? ''}|${query.name}`;
    // a 404 or 400 thrown by the computation is not cached
    const scrub = view.scrubber();
    const answer = view.cached(key, () =>
      scrub(helmReleaseDetailOf(view, query, ctx.repositoryUrl)),
    );
    await sendCached(req, res, answer);
  });

  return router;
}
