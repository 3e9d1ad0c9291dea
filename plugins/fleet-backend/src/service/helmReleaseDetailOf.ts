/*
 * `GET /helmreleases`: the engine's HelmRelease detail (effective values in
 * helm-controller's merge order, the chart version from a chartRef's
 * OCIRepository, post-renderers) for one HelmRelease on one cluster,
 * looking up its `valuesFrom` ConfigMaps and Secrets among the objects that
 * cluster receives from Git. Values that came from a Secret leave as
 * `<redacted>`; the engine never hands their text to this answer.
 */
import { InputError, NotFoundError } from '@backstage/errors';
import {
  indexFleet,
  repositoryLink,
  type HelmReleaseDetailResponse,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  helmReleaseDetail,
  lookupIn,
  type KObject,
} from '@flux-fleet/backstage-plugin-fleet-node';
import type { FleetView } from './fleetView';

/** The query of `GET /helmreleases`. */
export interface HelmReleaseQuery {
  cluster: string;
  namespace?: string;
  name: string;
}

/**
 * The detail of the HelmRelease `query` names on its cluster. Without a
 * namespace the name must be unique on the cluster.
 */
export function helmReleaseDetailOf(
  view: FleetView,
  query: HelmReleaseQuery,
  repositoryUrl: string | null,
): HelmReleaseDetailResponse {
  const objects = indexFleet(view.matrix).byCluster.get(query.cluster) ?? [];
  const candidates = objects.filter(
    o =>
      o.kind === 'HelmRelease' &&
      o.name === query.name &&
      (!query.namespace || (o.namespace ?? 'default') === query.namespace),
  );
  const where = `${query.namespace ? `${query.namespace}/` : ''}${query.name}`;
  if (candidates.length === 0) {
    throw new NotFoundError(
      `No HelmRelease ${where} on cluster ${query.cluster}`,
    );
  }
  if (candidates.length > 1) {
    throw new InputError(
      `${candidates.length} HelmReleases are named ${query.name} on cluster ${
        query.cluster
      } (in ${candidates
        .map(c => c.namespace ?? 'default')
        .join(', ')}): give namespace`,
    );
  }
  const [release] = candidates;
  // as helm-controller: valuesFrom names objects in the HelmRelease's
  // namespace on its cluster; helmReleaseDetail redacts what Secrets give,
  // the bodies come without what kustomize copied from Secret data
  const lookup = lookupIn(
    objects.map(o => view.copiesRedactedBodyOf(o) as KObject),
  );
  const detail = helmReleaseDetail(
    view.copiesRedactedBodyOf(release) as KObject,
    lookup,
  );
  return {
    cluster: query.cluster,
    namespace: release.namespace ?? 'default',
    name: release.name,
    source: release.source,
    sourceUrl: repositoryLink(
      repositoryUrl,
      release.source.file,
      release.source.line,
    ),
    ...detail,
  };
}
