import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** The catalog module's options, validated. */
export interface FleetCatalogConfig {
  owner: string;
  maxRemovalShare: number;
  repositoryUrl: string | null;
}

/**
 * Reads `fleet.catalog.*` and `fleet.repositoryUrl`; rejects bad values at
 * startup with a full sentence.
 */
export function readCatalogConfig(config: Config): FleetCatalogConfig {
  const rawOwner =
    config.getOptionalString('fleet.catalog.owner') ?? 'group:default/platform';
  let owner: string;
  try {
    owner = stringifyEntityRef(
      parseEntityRef(rawOwner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new Error(
      `fleet.catalog.owner "${rawOwner}" is not an entity ref such as group:default/platform.`,
    );
  }
  const maxRemovalShare =
    config.getOptionalNumber('fleet.catalog.maxRemovalShare') ?? 0.5;
  if (!(maxRemovalShare >= 0 && maxRemovalShare <= 1)) {
    throw new Error(
      `fleet.catalog.maxRemovalShare must be between 0 and 1, not ${maxRemovalShare}.`,
    );
  }
  // a URL source is its own repository link unless one is configured
  const repositoryUrl =
    config.getOptionalString('fleet.repositoryUrl') ??
    config.getOptionalString('fleet.source.url') ??
    null;
  return { owner, maxRemovalShare, repositoryUrl };
}
