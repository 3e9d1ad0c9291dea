/*
 * What the API serves of one fleet state: the matrix with the facts read
 * from object bodies (kubernetes-id, policy stage, SOPS), and each object's
 * body and YAML with Secret values redacted. Built once per state, so a
 * request costs a lookup, not a pass over the fleet.
 */
import {
  clusterDiff,
  indexFleet,
  matrixWithFacts,
  objectKey,
  redactObject,
  type ClusterDiffResponse,
  type FleetMatrix,
  type FleetObject,
  type FleetObjectBody,
  type FleetObjectSummary,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  renderYamlStream,
  type FleetState,
} from '@flux-fleet/backstage-plugin-fleet-node';

/** One state as the API reads it. */
export interface FleetView {
  state: FleetState;
  matrix: FleetMatrix;
  /** The object of `cluster` with that identity, or undefined. */
  find(cluster: string, key: string): FleetObjectSummary | undefined;
  /** `object`'s rendered body, Secret values redacted. */
  bodyOf(object: FleetObject): FleetObjectBody;
  /** The diff of what `from` and `to` receive, optionally only `objects` of them. */
  /** The matrix as JSON, serialized once per state (it is the largest answer). */
  matrixJson(): string;
  /** An ETag for answers that depend only on this state. */
  etag: string;
  diff(
    from: string,
    to: string,
    select?: (o: FleetObjectSummary) => boolean,
    unit?: string | null,
  ): ClusterDiffResponse;
}

const views = new WeakMap<object, FleetView>();

/** The {@link FleetView} of `state`, built once per model. */
export function viewOf(state: FleetState): FleetView {
  const cached = views.get(state.model);
  if (cached) return cached;
  const bodies = state.model.objects.map(
    o => o.object as Record<string, unknown>,
  );
  const matrix = matrixWithFacts(state.matrix, bodies);
  const positions = new Map<object, number>();
  const byKey = new Map<string, number>();
  matrix.objects.forEach((o, i) => {
    positions.set(o, i);
    byKey.set(`${o.cluster}|${objectKey(o)}`, i);
  });
  const yamlCache = new Map<number, string>();
  const yamlAt = (i: number) => {
    let yaml = yamlCache.get(i);
    if (yaml === undefined) {
      yaml = renderYamlStream([redactObject(bodies[i]) as any]);
      yamlCache.set(i, yaml);
    }
    return yaml;
  };
  const positionOf = (o: FleetObject) =>
    positions.get(o) ?? byKey.get(`${o.cluster}|${objectKey(o)}`);

  let json: string | undefined;
  const view: FleetView = {
    state,
    matrix,
    etag: `"${state.revision ?? 'tree'}-${Date.parse(state.refreshedAt) || 0}"`,
    matrixJson: () => (json ??= JSON.stringify(matrix)),
    find: (cluster, key) => {
      const i = byKey.get(`${cluster}|${key}`);
      return i === undefined ? undefined : matrix.objects[i];
    },
    bodyOf(object) {
      const i = positionOf(object)!;
      return {
        ...matrix.objects[i],
        body: redactObject(bodies[i]),
        yaml: yamlAt(i),
      };
    },
    diff(from, to, select = () => true, unit = null) {
      const index = indexFleet(matrix);
      const side = (cluster: string) =>
        (index.byCluster.get(cluster) ?? [])
          .filter(select)
          .map(object => ({ object, yaml: yamlAt(positionOf(object)!) }));
      return clusterDiff(from, to, side(from), side(to), unit);
    },
  };
  views.set(state.model, view);
  return view;
}
