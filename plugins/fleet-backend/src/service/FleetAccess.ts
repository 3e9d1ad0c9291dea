/*
 * Who may read what, decided once per caller for a few seconds. Each
 * request needs `fleet.read` and, per cluster, `fleet.cluster.read`;
 * Backstage's permission client sends every authorize call to the
 * permission backend and caches nothing, so under load the decisions, not
 * the answers, would dominate. One batched call asks for all of them
 * (`fleet.read` and one `fleet.cluster.read` per cluster), and the result
 * is kept per principal for DECISION_TTL_MS.
 */
import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetClusterReadPermission,
  fleetReadPermission,
} from '@flux-fleet/backstage-plugin-fleet-common';

/** How long one caller's decisions are reused, in milliseconds. */
export const DECISION_TTL_MS = 5_000;
const MAX_PRINCIPALS = 10_000;

/** What one caller may read. */
export interface FleetReadAccess {
  /** The clusters whose part of the fleet the caller may read. */
  clusters: ReadonlySet<string>;
}

/** Decides and caches `fleet.read` + `fleet.cluster.read` per principal. */
export class FleetAccess {
  readonly #permissions: PermissionsService;
  readonly #decisions = new Map<
    string,
    { at: number; clusterKey: string; access: Promise<FleetReadAccess> }
  >();

  constructor(permissions: PermissionsService) {
    this.#permissions = permissions;
  }

  /**
   * The caller's read access among `clusters`; throws NotAllowedError (403)
   * without `fleet.read`.
   */
  read(
    credentials: BackstageCredentials,
    clusters: readonly string[],
  ): Promise<FleetReadAccess> {
    const key = JSON.stringify(credentials.principal);
    const clusterKey = clusters.join('\n');
    const now = Date.now();
    const hit = this.#decisions.get(key);
    if (
      hit &&
      hit.clusterKey === clusterKey &&
      now - hit.at < DECISION_TTL_MS
    ) {
      return hit.access;
    }
    if (this.#decisions.size >= MAX_PRINCIPALS) this.#decisions.clear();
    const access = this.#decide(credentials, clusters);
    this.#decisions.set(key, { at: now, clusterKey, access });
    // a failed decision (permission backend down) is not remembered
    access.catch(() => this.#decisions.delete(key));
    return access;
  }

  async #decide(
    credentials: BackstageCredentials,
    clusters: readonly string[],
  ): Promise<FleetReadAccess> {
    const [read, ...perCluster] = await this.#permissions.authorize(
      [
        { permission: fleetReadPermission },
        ...clusters.map(resourceRef => ({
          permission: fleetClusterReadPermission,
          resourceRef,
        })),
      ],
      { credentials },
    );
    if (read.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `This needs the ${fleetReadPermission.name} permission`,
      );
    }
    return {
      clusters: new Set(
        clusters.filter(
          (_, i) => perCluster[i]?.result === AuthorizeResult.ALLOW,
        ),
      ),
    };
  }
}
