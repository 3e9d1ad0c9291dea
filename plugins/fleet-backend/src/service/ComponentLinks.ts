/*
 * Which catalog components stand for which rows of the overview. The
 * components are read from the catalog with the plugin's own credentials
 * (the overview is one answer shared by every caller who may read the same
 * clusters) at most every LINKS_TTL_MS, and matched to the fleet as the
 * catalog module's relations processor matches them: the
 * `flux-fleet.io/app` annotation, else the `backstage.io/kubernetes-id`
 * annotation or the component's name against the label of rendered
 * workloads (`selectApp`). A stale list is served while a fresh one is
 * read, so the overview never waits for the catalog after the first read.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  FLEET_APP_ANNOTATION,
  KUBERNETES_ID_LABEL,
  selectApp,
  type FleetMatrix,
} from '@flux-fleet/backstage-plugin-fleet-common';

/** How long a read of the catalog's components is used before the next, in milliseconds. */
export const LINKS_TTL_MS = 30_000;
/** While the catalog has returned no component (it is still ingesting at start), ask again sooner. */
export const EMPTY_TTL_MS = 5_000;

/** A component and what links it to the fleet. */
export interface LinkedComponent {
  entityRef: string;
  app: string | null;
  kubernetesId: string;
}

/** The components of one catalog read. */
export interface ComponentList {
  /** Changes whenever the list does: part of the cache key of answers built from it. */
  version: number;
  items: LinkedComponent[];
}

/** Reads and caches the catalog's components for the overview's `entityRefs`. */
export class ComponentLinks {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger?: LoggerService;
  readonly #ttlMs: number;
  #list: ComponentList = { version: 0, items: [] };
  #listJson = '[]';
  #readAt = -Infinity;
  #reading?: Promise<ComponentList>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger?: LoggerService;
    ttlMs?: number;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#ttlMs = options.ttlMs ?? LINKS_TTL_MS;
  }

  /** The current list: waits only for the very first read. */
  async current(): Promise<ComponentList> {
    const ttl =
      this.#list.items.length === 0
        ? Math.min(EMPTY_TTL_MS, this.#ttlMs)
        : this.#ttlMs;
    const expired = Date.now() - this.#readAt >= ttl;
    if (expired && !this.#reading) {
      this.#reading = this.#read().finally(() => {
        this.#reading = undefined;
      });
    }
    if (this.#list.version === 0 && this.#reading) return this.#reading;
    return this.#list;
  }

  async #read(): Promise<ComponentList> {
    try {
      const { items } = await this.#catalog.getEntities(
        {
          filter: { kind: 'Component' },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: await this.#auth.getOwnServiceCredentials() },
      );
      const linked = items.map(entity => {
        const annotations = entity.metadata.annotations ?? {};
        return {
          entityRef: stringifyEntityRef(entity),
          app: annotations[FLEET_APP_ANNOTATION] ?? null,
          kubernetesId:
            annotations[KUBERNETES_ID_LABEL] ?? entity.metadata.name,
        };
      });
      linked.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      const json = JSON.stringify(linked);
      if (json !== this.#listJson) {
        this.#listJson = json;
        this.#list = { version: this.#list.version + 1, items: linked };
      }
    } catch (error) {
      // keep the last list: the overview still answers, with older links
      this.#logger?.warn(
        `Could not read the catalog's components for the fleet overview: ${error}`,
      );
    }
    this.#readAt = Date.now();
    return this.#list;
  }
}

/**
 * The entity refs of `components` per overview row id (a unit id, or the
 * directory of objects outside every unit, as `fleetOverview` groups them).
 */
export function entityRefsByRow(
  matrix: FleetMatrix,
  components: readonly LinkedComponent[],
): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  const add = (row: string, ref: string) => {
    const refs = rows.get(row);
    if (!refs) rows.set(row, [ref]);
    else if (!refs.includes(ref)) refs.push(ref);
  };
  for (const component of components) {
    const selection = selectApp(matrix, component);
    if (!selection) continue;
    if (selection.unit) add(selection.unit.id, component.entityRef);
    for (const o of selection.objects) {
      add(
        o.unit ?? o.source.file.split('/').slice(0, -1).join('/'),
        component.entityRef,
      );
    }
  }
  return rows;
}
