/*
 * The fleet as catalog entities: clusters, namespaces, Kyverno policies and
 * platform controllers (HelmReleases), each a `Resource` related to the
 * clusters that receive it, pointing at its definition on the repository
 * host when one is known, with the count of problems that concern it. No
 * `kubernetes.io/api-server` annotation: Backstage treats catalog-supplied
 * API server URLs as untrusted, and Git does not know them anyway.
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  ANNOTATION_VIEW_URL,
  type Entity,
} from '@backstage/catalog-model';
import {
  CLUSTER_RESOURCE_TYPE,
  NAMESPACE_RESOURCE_TYPE,
  isRedactedIdentity,
  repositoryLink,
  type FleetMatrix,
  type FleetObjectSummary,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { SLICE, compareNames, runInSlices, runToEnd } from './slices';

/** Annotation naming the fleet directory or file an entity was read from. */
export const FLEET_SOURCE_ANNOTATION = 'flux-fleet.io/source-path';
/** Annotation with the number of fleet problems that concern the entity. */
export const FLEET_PROBLEMS_ANNOTATION = 'flux-fleet.io/problems';
/** Annotation with a policy's stage per cluster: `dev=Audit,prod=Enforce`. */
export const FLEET_POLICY_STAGES_ANNOTATION = 'flux-fleet.io/policy-stages';
/** Annotation with a HelmRelease's chart version per cluster: `dev=4.11.0,prod=4.10.1`. */
export const FLEET_CHART_VERSIONS_ANNOTATION = 'flux-fleet.io/chart-versions';
/** Catalog `spec.type` of Kyverno policies. */
export const POLICY_RESOURCE_TYPE = 'kyverno-policy';
/** Catalog `spec.type` of platform controllers (HelmReleases). */
export const CONTROLLER_RESOURCE_TYPE = 'helm-release';

/** Options of {@link toEntities}. */
export interface ToEntitiesOptions {
  providerName: string;
  /** Entity ref of the owner of every fleet entity. */
  owner: string;
  /** The repository's root on its host (`https://github.com/o/r/tree/main`), when known. */
  repositoryUrl?: string | null;
  /** Link to the fleet page of the app, for problems. */
  problemsUrl?: string;
}

/** The objects that become entities (namespaces, policies, controllers), by entity. */
export interface FleetEntityGroups {
  namespace: Map<string, FleetObjectSummary[]>;
  policy: Map<string, FleetObjectSummary[]>;
  controller: Map<string, FleetObjectSummary[]>;
}

const emptyGroups = (): FleetEntityGroups => ({
  namespace: new Map(),
  policy: new Map(),
  controller: new Map(),
});

function classify(groups: FleetEntityGroups, o: FleetObjectSummary) {
  // a name or namespace written from Secret data is shown as a placeholder
  // (the engine's secret-in-identity problem): no entity is named after it
  if (isRedactedIdentity(o.name) || isRedactedIdentity(o.namespace)) return;
  let group: Map<string, FleetObjectSummary[]> | undefined;
  if (o.kind === 'Namespace' && o.apiVersion === 'v1') group = groups.namespace;
  else if (o.policyStage) group = groups.policy;
  else if (o.kind === 'HelmRelease') group = groups.controller;
  if (!group) return;
  const key =
    o.kind === 'HelmRelease' && o.namespace
      ? `${o.namespace}/${o.name}`
      : o.name;
  const list = group.get(key);
  if (list) list.push(o);
  else group.set(key, [o]);
}

function* groupFleetObjects(
  matrix: FleetMatrix,
): Generator<void, FleetEntityGroups> {
  const groups = emptyGroups();
  const objects = matrix.objects as FleetObjectSummary[];
  for (let i = 0; i < objects.length; i++) {
    if (i > 0 && i % (2 * SLICE) === 0) yield;
    classify(groups, objects[i]);
  }
  return groups;
}

/**
 * {@link FleetEntityGroups} of `matrix`, built in slices with a yield to the
 * event loop between them: the provider's path, so that a fleet of tens of
 * thousands of objects never holds up the backend in one synchronous task.
 */
export function groupFleetObjectsInSlices(
  matrix: FleetMatrix,
): Promise<FleetEntityGroups> {
  return runInSlices(groupFleetObjects(matrix));
}

/**
 * Maps a matrix (with object facts) to catalog entities, sorted by type and
 * name (by code unit). `precomputed` (from {@link groupFleetObjectsInSlices}) saves the
 * pass over the objects.
 */
export function toEntities(
  matrix: FleetMatrix,
  options: ToEntitiesOptions,
  precomputed?: FleetEntityGroups,
): Entity[] {
  return runToEnd(
    entitiesOf(
      matrix,
      options,
      precomputed ?? runToEnd(groupFleetObjects(matrix)),
    ),
  );
}

/**
 * {@link toEntities} with a yield to the event loop every 500
 * entities: a fleet of 50,000 entities costs about a second of CPU to map.
 */
export function toEntitiesInSlices(
  matrix: FleetMatrix,
  options: ToEntitiesOptions,
  groups: FleetEntityGroups,
): Promise<Entity[]> {
  return runInSlices(entitiesOf(matrix, options, groups));
}

function* entitiesOf(
  matrix: FleetMatrix,
  options: ToEntitiesOptions,
  groups: FleetEntityGroups,
): Generator<void, Entity[]> {
  // counted from the problems, not indexFleet: no pass over the objects here
  const problemsByCluster = new Map<string, number>();
  for (const p of matrix.problems)
    if (p.cluster)
      problemsByCluster.set(
        p.cluster,
        (problemsByCluster.get(p.cluster) ?? 0) + 1,
      );
  // Not a `url:` location: for those, Backstage's AnnotateLocationEntityProcessor
  // asks every SCM integration about the target on each processing, and
  // `url:fleet://fleet-provider:default` is no valid URL, so every integration
  // threw (about 2.8 ms of CPU per entity, minutes for 50,000).
  const location = `fleet:${options.providerName}`;
  const resource = (
    name: string,
    type: string,
    meta: {
      title: string;
      description: string;
      path: string;
      problems: number;
      extra?: Record<string, string>;
    },
    clusters?: string[],
  ): Entity => {
    const view = repositoryLink(options.repositoryUrl, meta.path);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: entityName(name),
        title: meta.title,
        description: meta.description,
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          [FLEET_SOURCE_ANNOTATION]: meta.path,
          [FLEET_PROBLEMS_ANNOTATION]: String(meta.problems),
          ...(view
            ? {
                [ANNOTATION_VIEW_URL]: view,
                [ANNOTATION_SOURCE_LOCATION]: `url:${view}`,
              }
            : {}),
          ...meta.extra,
        },
        ...(meta.problems > 0 && options.problemsUrl
          ? {
              links: [
                {
                  url: options.problemsUrl,
                  title: `${meta.problems} fleet problems`,
                },
              ],
            }
          : {}),
      },
      spec: {
        type,
        owner: options.owner,
        ...(clusters
          ? {
              dependsOn: clusters.map(c => `resource:default/${entityName(c)}`),
            }
          : {}),
      },
    };
  };

  const entities: Entity[] = matrix.clusters.map(cluster =>
    resource(cluster.name, CLUSTER_RESOURCE_TYPE, {
      title: `Cluster ${cluster.name}`,
      description: `Kubernetes cluster driven by ${cluster.path} of the fleet repository`,
      path: cluster.path,
      problems: problemsByCluster.get(cluster.name) ?? 0,
    }),
  );
  // per file once, so an entity costs its own objects and not every problem
  // (50,000 entities × thousands of problems was quadratic)
  const problemsByFile = new Map<string, number>();
  for (const p of matrix.problems)
    if (p.file !== null)
      problemsByFile.set(p.file, (problemsByFile.get(p.file) ?? 0) + 1);
  const problemsOf = (objects: FleetObjectSummary[]) => {
    let count = 0;
    for (const file of new Set(objects.map(o => o.source.file)))
      count += problemsByFile.get(file) ?? 0;
    return count;
  };
  const clustersOf = (objects: FleetObjectSummary[]) =>
    [...new Set(objects.map(o => o.cluster))].sort();
  const perCluster = (
    objects: FleetObjectSummary[],
    value: (o: FleetObjectSummary) => string | undefined,
  ) =>
    objects
      .map(o => [o.cluster, value(o)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareNames(a, b))
      .map(([c, v]) => `${c}=${v}`)
      .join(',');

  // by UTF-16 code unit (Array#sort's own order): 50,000 names sort in ~30 ms
  // of CPU this way, 5x that with a locale's collation, in one task
  const sorted = (m: Map<string, FleetObjectSummary[]>) =>
    [...m.keys()].sort().map(key => [key, m.get(key)!] as const);
  const slice = () => entities.length % SLICE === 0;
  for (const [name, objects] of sorted(groups.namespace)) {
    if (slice()) yield;
    const on = clustersOf(objects);
    entities.push(
      resource(
        `namespace-${name}`,
        NAMESPACE_RESOURCE_TYPE,
        {
          title: `Namespace ${name}`,
          description: `Namespace ${name}, created on ${on.join(', ')}`,
          path: objects[0].source.file,
          problems: problemsOf(objects),
        },
        on,
      ),
    );
  }
  for (const [name, objects] of sorted(groups.policy)) {
    if (slice()) yield;
    const stages = perCluster(objects, o => o.policyStage);
    entities.push(
      resource(
        `policy-${name}`,
        POLICY_RESOURCE_TYPE,
        {
          title: `Policy ${name}`,
          description: `Kyverno ${objects[0].kind} ${name}: ${stages.replace(
            /,/g,
            ', ',
          )}`,
          path: objects[0].source.file,
          problems: problemsOf(objects),
          extra: { [FLEET_POLICY_STAGES_ANNOTATION]: stages },
        },
        clustersOf(objects),
      ),
    );
  }
  for (const [key, objects] of sorted(groups.controller)) {
    if (slice()) yield;
    const chart = objects.find(o => o.chart)?.chart ?? key;
    entities.push(
      resource(
        `controller-${key.replace('/', '-')}`,
        CONTROLLER_RESOURCE_TYPE,
        {
          title: `Controller ${objects[0].name}`,
          description: `HelmRelease ${key} of chart ${chart}`,
          path: objects[0].source.file,
          problems: problemsOf(objects),
          extra: {
            'flux-fleet.io/chart': chart,
            [FLEET_CHART_VERSIONS_ANNOTATION]: perCluster(
              objects,
              o => o.version,
            ),
          },
        },
        clustersOf(objects),
      ),
    );
  }
  return entities;
}

/** A valid entity name (`[a-zA-Z0-9]` at both ends, `-_.` inside, at most 63 characters). */
export function entityName(raw: string): string {
  const name = raw.replace(/[^a-zA-Z0-9\-_.]+/g, '-').slice(0, 63);
  return (
    name.replace(/^[^a-zA-Z0-9]+/, '').replace(/[^a-zA-Z0-9]+$/, '') ||
    'unnamed'
  );
}
