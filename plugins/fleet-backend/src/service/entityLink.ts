/*
 * From a catalog entity ref to the fleet app it stands for: its
 * `flux-fleet.io/app` annotation, else its `backstage.io/kubernetes-id`
 * annotation or name (matched against the label of rendered workloads), as
 * the catalog processor links them.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { FLEET_APP_ANNOTATION } from '@flux-fleet/backstage-plugin-fleet-common';

/** The app link of an entity. */
export interface EntityLink {
  entityRef: string;
  app: string | null;
  kubernetesId: string;
}

/** Reads the entity through the catalog (with the caller's credentials) and returns its link. */
export async function linkOfEntity(
  rawRef: string,
  catalog: CatalogService | undefined,
  credentials: BackstageCredentials,
  appOverride?: string,
): Promise<EntityLink> {
  let ref;
  try {
    ref = parseEntityRef(rawRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(
      `Invalid entityRef "${rawRef}": ${(e as Error).message}`,
    );
  }
  const entityRef = stringifyEntityRef(ref);
  if (appOverride || !catalog) {
    return { entityRef, app: appOverride ?? ref.name, kubernetesId: ref.name };
  }
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${entityRef} in the catalog`);
  }
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityRef,
    app: annotations[FLEET_APP_ANNOTATION] ?? null,
    kubernetesId: annotations['backstage.io/kubernetes-id'] ?? ref.name,
  };
}
