import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FleetOverviewRow } from '@flux-fleet/backstage-plugin-fleet-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * The owner (`spec.owner`) of every component linked to a unit, from the
 * catalog, for the owner filter. A catalog failure leaves the filter empty
 * rather than breaking the overview.
 */
export function useOwners(
  rows: FleetOverviewRow[] | undefined,
): Map<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const refs = [...new Set((rows ?? []).flatMap(r => r.entityRefs))].sort();
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    const owners = new Map<string, string>();
    if (refs.length === 0) return owners;
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
      });
      items.forEach((entity, i) => {
        const owner = entity?.spec?.owner;
        if (typeof owner === 'string') {
          owners.set(
            refs[i],
            owner.includes(':') ? owner : `group:default/${owner}`,
          );
        }
      });
    } catch {
      // the filter stays empty; the matrix does not depend on the catalog
    }
    return owners;
  }, [catalogApi, key]);
  return value ?? new Map();
}
