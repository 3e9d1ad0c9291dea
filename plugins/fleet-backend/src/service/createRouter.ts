import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import {
  clusterSummaries,
  entityDeployments,
  fleetOverview,
  fleetReadPermission,
  fleetRefreshPermission,
  indexFleet,
  objectKey,
  repositoryLink,
  selectApp,
  type FleetClusterDetail,
  type FleetStatusResponse,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import type { Request } from 'express';
import express from 'express';
import Router from 'express-promise-router';
import { linkOfEntity, type EntityLink } from './entityLink';

const LINK_TTL_MS = 5_000;
import { createPromotionRoutes } from './promotionRoutes';
import { viewOf, type FleetView } from './fleetView';
import {
  deploymentsQuery,
  diffQuery,
  objectBodyQuery,
  objectsQuery,
  parse,
  problemsQuery,
} from './schemas';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  fleet: FleetService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Reads entities for `entityRef` queries; without it an entity ref's name is taken as the app name. */
  catalog?: CatalogService;
  /** The repository host's URL of the fleet's root directory (`fleet.repositoryUrl`), for links. */
  repositoryUrl?: string | null;
}

/**
 * The fleet REST API (`/api/fleet`; routes in fleet-common's `api.ts`).
 * Every route but `/health` needs credentials and `fleet.read`; `POST
 * /refresh` needs `fleet.refresh`. Object bodies leave with Secret values
 * redacted.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { fleet, httpAuth, permissions, catalog } = options;
  const repositoryUrl = options.repositoryUrl ?? null;
  const link = (file: string, line?: number | null) =>
    repositoryLink(repositoryUrl, file, line);
  const router = Router();
  router.use(express.json());
  router.use(createPromotionRoutes({ fleet, httpAuth, permissions }));

  // entity → app links, per caller, for a few seconds: a dashboard asking
  // for one entity's deployments should not cost a catalog read each time
  const links = new Map<string, { at: number; link: Promise<EntityLink> }>();
  function entityLink(
    ref: string,
    credentials: BackstageCredentials,
    app?: string,
  ): Promise<EntityLink> {
    const principal = JSON.stringify(credentials.principal);
    const key = `${principal}|${ref}|${app ?? ''}`;
    const now = Date.now();
    const hit = links.get(key);
    if (hit && now - hit.at < LINK_TTL_MS) return hit.link;
    if (links.size > 10_000) links.clear();
    const pending = linkOfEntity(ref, catalog, credentials, app);
    links.set(key, { at: now, link: pending });
    pending.catch(() => links.delete(key));
    return pending;
  }

  async function authorize(
    req: Request,
    permission: BasicPermission = fleetReadPermission,
  ): Promise<BackstageCredentials> {
    // throws AuthenticationError (401) without valid credentials
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== 'ALLOW') {
      throw new NotAllowedError(`This needs the ${permission.name} permission`);
    }
    return credentials;
  }

  async function read(
    req: Request,
  ): Promise<{ view: FleetView; credentials: BackstageCredentials }> {
    const credentials = await authorize(req);
    return { view: viewOf(await fleet.getState()), credentials };
  }

  async function status(): Promise<FleetStatusResponse> {
    const { state, matrix } = viewOf(await fleet.getState());
    const now = fleet.getStatus();
    return {
      revision: state.revision,
      refreshedAt: state.refreshedAt,
      durationMs: state.durationMs,
      phase: now.phase,
      resolvingRevision: now.resolvingRevision,
      clusters: matrix.clusters.length,
      objects: matrix.objects.length,
      staleObjects: matrix.objects.filter(o => (o as { stale?: unknown }).stale)
        .length,
      problems: {
        error: matrix.problems.filter(p => p.severity === 'error').length,
        warning: matrix.problems.filter(p => p.severity === 'warning').length,
      },
      lastError: state.lastError ?? null,
      source: now.source,
      repositoryUrl,
    };
  }

  function requireCluster(view: FleetView, name: string) {
    const cluster = view.matrix.clusters.find(c => c.name === name);
    if (!cluster)
      throw new NotFoundError(`No cluster named "${name}" in the fleet`);
    return cluster;
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/status', async (req, res) => {
    await authorize(req);
    res.json(await status());
  });

  router.post('/refresh', async (req, res) => {
    await authorize(req, fleetRefreshPermission);
    await fleet.refresh();
    res.json(await status());
  });

  router.get('/matrix', async (req, res) => {
    const { view } = await read(req);
    // the whole fleet is megabytes: serialize once per model, and let
    // clients that hold this model revalidate with If-None-Match
    res.set('ETag', view.etag);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(view.matrixJson());
  });

  router.get('/clusters', async (req, res) => {
    const { view } = await read(req);
    res.json({ items: clusterSummaries(view.matrix, p => link(p)) });
  });

  router.get('/clusters/:name', async (req, res) => {
    const { view } = await read(req);
    const cluster = requireCluster(view, req.params.name);
    const index = indexFleet(view.matrix);
    const summary = clusterSummaries(view.matrix, p => link(p)).find(
      c => c.name === cluster.name,
    )!;
    const detail: FleetClusterDetail = {
      ...summary,
      items: (index.byCluster.get(cluster.name) ?? []).map(o => ({
        ...o,
        sourceUrl: link(o.source.file, o.source.line),
      })),
      problemItems: index.problemsByCluster.get(cluster.name) ?? [],
    };
    res.json(detail);
  });

  router.get('/units', async (req, res) => {
    res.json({ items: (await read(req)).view.matrix.units });
  });

  router.get('/overview', async (req, res) => {
    const { view } = await read(req);
    res.json(
      fleetOverview(view.matrix, {
        refreshedAt: view.state.refreshedAt,
        clusterUrl: p => link(p),
      }),
    );
  });

  router.get('/deployments', async (req, res) => {
    const { view, credentials } = await read(req);
    const query = parse(deploymentsQuery, req.query);
    const entity = await entityLink(query.entityRef, credentials, query.app);
    res.json(
      entityDeployments(view.matrix, {
        entityRef: entity.entityRef,
        app: entity.app,
        kubernetesId: entity.kubernetesId,
        sourceUrl: repositoryUrl ? (file, line) => link(file, line) : undefined,
      }),
    );
  });

  router.get('/objects/body', async (req, res) => {
    const { view } = await read(req);
    const query = parse(objectBodyQuery, req.query);
    const object = view.find(
      query.cluster,
      objectKey({ ...query, namespace: query.namespace || null }),
    );
    if (!object) {
      throw new NotFoundError(
        `No ${query.kind} ${query.namespace ? `${query.namespace}/` : ''}${
          query.name
        } on cluster ${query.cluster}`,
      );
    }
    res.json({
      ...view.bodyOf(object),
      sourceUrl: link(object.source.file, object.source.line),
    });
  });

  async function selectionOf(
    view: FleetView,
    credentials: BackstageCredentials,
    q: { unit?: string; entityRef?: string },
  ) {
    if (q.unit) {
      if (!indexFleet(view.matrix).units.has(q.unit))
        throw new NotFoundError(`No unit "${q.unit}" in the fleet`);
      return {
        unit: q.unit,
        has: (o: { unit: string | null }) => o.unit === q.unit,
      };
    }
    if (q.entityRef) {
      const entity = await entityLink(q.entityRef, credentials);
      const selection = selectApp(view.matrix, entity);
      const members = new Set<object>(selection?.objects ?? []);
      return {
        unit: selection?.unit?.id ?? null,
        has: (o: object) => members.has(o),
      };
    }
    return { unit: null, has: () => true };
  }

  router.get('/objects', async (req, res) => {
    const { view, credentials } = await read(req);
    const query = parse(objectsQuery, req.query);
    if (query.cluster) requireCluster(view, query.cluster);
    const { has } = await selectionOf(view, credentials, query);
    const items = view.matrix.objects
      .filter(o => (!query.cluster || o.cluster === query.cluster) && has(o))
      .map(o => ({
        ...view.bodyOf(o),
        sourceUrl: link(o.source.file, o.source.line),
      }));
    res.json({ items });
  });

  router.get('/diff', async (req, res) => {
    const { view, credentials } = await read(req);
    const query = parse(diffQuery, req.query);
    requireCluster(view, query.from);
    requireCluster(view, query.to);
    const { unit, has } = await selectionOf(view, credentials, query);
    res.json(view.diff(query.from, query.to, has, unit));
  });

  router.get('/problems', async (req, res) => {
    const { view, credentials } = await read(req);
    const query = parse(problemsQuery, req.query);
    let files: Set<string> | undefined;
    if (query.entityRef) {
      const { has } = await selectionOf(view, credentials, query);
      const objects = view.matrix.objects.filter(has);
      files = new Set(
        objects.flatMap(o => [o.source.file, ...o.via.map(v => v.file)]),
      );
    }
    const items = view.matrix.problems.filter(
      p =>
        (!query.cluster || p.cluster === query.cluster) &&
        (!query.severity || p.severity === query.severity) &&
        (!files || (p.file !== null && files.has(p.file))),
    );
    res.json({ items });
  });

  return router;
}
