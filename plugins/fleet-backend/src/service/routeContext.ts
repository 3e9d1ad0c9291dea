/*
 * What every fleet route needs: the caller's credentials and the view of
 * the served model restricted to the clusters the caller may read, entity
 * links, repository links. Decisions and entity links are cached per
 * caller for a few seconds; views and answers per model.
 */
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  fleetClusterReadPermission,
  repositoryLink,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import type { Request } from 'express';
import { linkOfEntity, type EntityLink } from './entityLink';
import { FleetAccess } from './FleetAccess';
import { viewOf, type FleetView } from './fleetView';

/** How long an entity's app link is used per caller before it is read again, in milliseconds. */
export const LINK_TTL_MS = 5_000;

/** Shared by the route files of the fleet router. */
export interface RouteContext {
  fleet: FleetService;
  repositoryUrl: string | null;
  /** Authenticates, checks `fleet.read`, and returns the caller's view. */
  read(
    req: Request,
  ): Promise<{ view: FleetView; credentials: BackstageCredentials }>;
  /** The app an entity ref stands for, cached per caller for {@link LINK_TTL_MS}. */
  entityLink(
    ref: string,
    credentials: BackstageCredentials,
    app?: string,
  ): Promise<EntityLink>;
  /** Throws 404 for an unknown cluster, 403 for one the caller may not read. */
  requireCluster(view: FleetView, name: string): void;
  link(file: string, line?: number | null): string | null;
}

/** Builds the {@link RouteContext}. */
export function createRouteContext(options: {
  fleet: FleetService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog?: CatalogService;
  repositoryUrl?: string | null;
}): RouteContext {
  const { fleet, httpAuth, catalog } = options;
  const repositoryUrl = options.repositoryUrl ?? null;
  const access = new FleetAccess(options.permissions);

  // per caller: the catalog decides which entities a caller may read. An
  // expired link is still answered from while the catalog is read again, so
  // no request waits for the catalog after the first one per entity
  interface LinkEntry {
    at: number;
    link: Promise<EntityLink>;
    value?: EntityLink;
    /** The link read before this one, served until this one is read. */
    previous?: EntityLink;
  }
  const links = new Map<string, LinkEntry>();
  const known = (e: LinkEntry) => e.value ?? e.previous;
  function entityLink(
    ref: string,
    credentials: BackstageCredentials,
    app?: string,
  ): Promise<EntityLink> {
    const key = `${JSON.stringify(credentials.principal)}|${ref}|${app ?? ''}`;
    const now = Date.now();
    const hit = links.get(key);
    if (hit && now - hit.at < LINK_TTL_MS) {
      const value = known(hit);
      return value ? Promise.resolve(value) : hit.link;
    }
    if (links.size > 10_000) links.clear();
    const entry: LinkEntry = {
      at: now,
      link: linkOfEntity(ref, catalog, credentials, app),
      previous: hit && known(hit),
    };
    links.set(key, entry);
    entry.link.then(
      value => {
        entry.value = value;
      },
      // e.g. the entity is gone: the next request asks again and hears so
      () => {
        if (links.get(key) === entry) links.delete(key);
      },
    );
    return entry.previous ? Promise.resolve(entry.previous) : entry.link;
  }

  return {
    fleet,
    repositoryUrl,
    entityLink,
    link: (file, line) => repositoryLink(repositoryUrl, file, line),
    async read(req) {
      // throws AuthenticationError (401) without valid credentials
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const state = await fleet.getState();
      const { clusters } = await access.read(
        credentials,
        state.matrix.clusters.map(c => c.name),
      );
      return { view: viewOf(state, clusters), credentials };
    },
    requireCluster(view, name) {
      if (view.matrix.clusters.some(c => c.name === name)) return;
      if (view.state.matrix.clusters.some(c => c.name === name)) {
        throw new NotAllowedError(
          `Reading cluster "${name}" needs the ${fleetClusterReadPermission.name} permission`,
        );
      }
      throw new NotFoundError(`No cluster named "${name}" in the fleet`);
    },
  };
}
