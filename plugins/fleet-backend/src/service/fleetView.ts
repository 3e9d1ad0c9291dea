/*
 * What the API serves of one fleet state to callers who may read a given
 * set of clusters: the matrix with the facts read from object bodies
 * (kubernetes-id, policy stage, SOPS) restricted to those clusters, each
 * object's body and YAML with Secret values redacted, and the answers
 * already serialized. Built once per (state, cluster set), so a request
 * costs a lookup, not a pass over the fleet; {@link prepareView} builds
 * the per-state part in slices when a model arrives.
 */
import {
  clusterDiff,
  indexFleet,
  objectKey,
  redactObject,
  redactSecretPaths,
  restrictMatrix,
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
import { CachedJson } from './CachedJson';
import { type Scrubber, secretScrubber } from './secretScrubber';

/** One state as the API reads it for one set of readable clusters. */
export interface FleetView {
  state: FleetState;
  matrix: FleetMatrix;
  /** The object of `cluster` with that identity, or undefined. */
  find(cluster: string, key: string): FleetObjectSummary | undefined;
  /** `object`'s rendered body, unredacted: never send it as is. */
  rawBodyOf(object: FleetObject): Record<string, unknown>;
  /**
   * `object`'s rendered body, Secret values redacted: a Secret's data, and
   * the fields of other objects that kustomize copied from Secret data.
   */
  bodyOf(object: FleetObject): FleetObjectBody;
  /**
   * `object`'s rendered body with only the copies of Secret data redacted:
   * a Secret's own data stays for callers that redact it themselves.
   */
  copiesRedactedBodyOf(object: FleetObject): Record<string, unknown>;
  /**
   * The {@link secretScrubber} of the state's model, built once per state
   * from its Secrets' bodies only: the other bodies stay unread (the
   * service keeps them serialized until read).
   */
  scrubber(): Scrubber;
  /** The diff of what `from` and `to` receive, optionally only `objects` of them. */
  diff(
    from: string,
    to: string,
    select?: (o: FleetObjectSummary) => boolean,
    unit?: string | null,
  ): ClusterDiffResponse;
  /**
   * The answer named `key`, computed by `compute` once per view and kept
   * serialized (and compressed on demand) while the view lives.
   */
  cached(key: string, compute: () => unknown): CachedJson;
  /**
   * Makes the answer `key` ahead of the first request, serializing the array
   * `value[arrayKey]` in slices between event-loop turns; an answer a
   * request made meanwhile is kept.
   */
  prepare(
    key: string,
    value: Record<string, unknown>,
    arrayKey: string,
  ): Promise<CachedJson>;
}

/** How many distinct answers per view are kept (one per entity asked for, mostly). */
const MAX_ANSWERS = 5_000;
/** How many restricted cluster sets per state are kept. */
const MAX_RESTRICTED = 32;

interface StateViews {
  /** The matrix with facts, every cluster: the state's own (the service derives the facts). */
  full: FleetMatrix;
  /** The rendered body of the full matrix's object at `i`. */
  bodyAt(i: number): Record<string, unknown>;
  /** That body without what kustomize copied from Secret data into it. */
  copiesRedactedAt(i: number): Record<string, unknown>;
  /** That body, every Secret value redacted (the form that may leave the backend). */
  redactedAt(i: number): Record<string, unknown>;
  /** Position of each full-matrix object. */
  positions: Map<object, number>;
  byKey: Map<string, number>;
  yamlAt(i: number): string;
  scrubber(): Scrubber;
  views: Map<string, FleetView>;
}

const states = new WeakMap<object, StateViews>();
const preparing = new WeakMap<object, Promise<void>>();

/**
 * Objects indexed per event-loop turn by {@link prepareView} (2,000 were
 * tasks of 40–50 ms under load; the same measure as SERIALIZE_SLICE).
 */
export const VIEW_SLICE = 500;

/**
 * Builds the {@link StateViews} of `state`, yielding after every
 * {@link VIEW_SLICE} objects: driven to the end at once by `stateViews`,
 * one slice per event-loop turn by {@link prepareView}.
 */
function* buildStateViews(state: FleetState): Generator<void, StateViews> {
  // FleetState.matrix carries the facts (kubernetes-id, policy stage, SOPS)
  // and its objects are in the order of the model's: neither a second pass
  // over the bodies nor a copy of the matrix is needed here
  const full = state.matrix;
  const modelObjects = state.model.objects;
  if (modelObjects.length !== full.objects.length) {
    throw new Error(
      `fleet view: ${modelObjects.length} model objects for ${full.objects.length} matrix objects`,
    );
  }
  const positions = new Map<object, number>();
  const byKey = new Map<string, number>();
  const objects = full.objects;
  for (let i = 0; i < objects.length; i++) {
    if (i > 0 && i % VIEW_SLICE === 0) yield;
    const o = objects[i];
    positions.set(o, i);
    byKey.set(`${o.cluster}|${objectKey(o)}`, i);
  }
  const bodyAt = (i: number) =>
    modelObjects[i].object as Record<string, unknown>;
  // the engine records the fields replacements and vars wrote from Secret data
  const copiesRedactedAt = (i: number) =>
    redactSecretPaths(bodyAt(i), modelObjects[i].secretPaths);
  const redactedAt = (i: number) => redactObject(copiesRedactedAt(i));
  const yamlCache = new Map<number, string>();
  let scrubber: Scrubber | undefined;
  return {
    full,
    bodyAt,
    copiesRedactedAt,
    redactedAt,
    positions,
    byKey,
    // the matrix row's kind is the body's (toFleetObject), so these are
    // every body secretScrubber would take values from
    scrubber: () =>
      (scrubber ??= secretScrubber({
        objects: objects.flatMap((o, i) =>
          o.kind === 'Secret' ? [modelObjects[i]] : [],
        ),
      })),
    yamlAt(i) {
      let yaml = yamlCache.get(i);
      if (yaml === undefined) {
        yaml = renderYamlStream([redactedAt(i) as any]);
        yamlCache.set(i, yaml);
      }
      return yaml;
    },
    views: new Map(),
  };
}

function stateViews(state: FleetState): StateViews {
  const cached = states.get(state.model);
  if (cached) return cached;
  const steps = buildStateViews(state);
  let step = steps.next();
  while (!step.done) step = steps.next();
  states.set(state.model, step.value);
  return step.value;
}

/**
 * Prepares what {@link viewOf} needs of `state` in slices between
 * event-loop turns, so that the first request after a new model finds it
 * ready instead of building it in one long task. Concurrent callers share
 * one preparation; a request that comes first builds it at once.
 */
export function prepareView(state: FleetState): Promise<void> {
  const model = state.model;
  if (states.has(model)) return Promise.resolve();
  let pending = preparing.get(model);
  if (!pending) {
    pending = (async () => {
      const steps = buildStateViews(state);
      let step = steps.next();
      while (!step.done) {
        await new Promise<void>(resolve => setImmediate(resolve));
        if (states.has(model)) return;
        step = steps.next();
      }
      states.set(model, step.value);
    })();
    pending.finally(() => preparing.delete(model)).catch(() => undefined);
    preparing.set(model, pending);
  }
  return pending;
}

/**
 * The {@link FleetView} of `state` for a caller who may read `allowed`
 * (every cluster when omitted), built once per model and cluster set.
 */
export function viewOf(
  state: FleetState,
  allowed?: ReadonlySet<string>,
): FleetView {
  const s = stateViews(state);
  const matrix = allowed ? restrictMatrix(s.full, allowed) : s.full;
  // restrictMatrix returns the full matrix when nothing is denied
  const key =
    matrix === s.full ? '*' : matrix.clusters.map(c => c.name).join('\n');
  const cached = s.views.get(key);
  if (cached) return cached;
  if (s.views.size >= MAX_RESTRICTED) {
    for (const k of s.views.keys()) if (k !== '*') s.views.delete(k);
  }
  const positionOf = (o: FleetObject) =>
    s.positions.get(o) ?? s.byKey.get(`${o.cluster}|${objectKey(o)}`)!;
  const readable = new Set(matrix.clusters.map(c => c.name));
  const answers = new Map<string, CachedJson>();
  const view: FleetView = {
    state,
    matrix,
    find: (cluster, objectId) => {
      if (!readable.has(cluster)) return undefined;
      const i = s.byKey.get(`${cluster}|${objectId}`);
      return i === undefined ? undefined : s.full.objects[i];
    },
    rawBodyOf: object => s.bodyAt(positionOf(object)),
    copiesRedactedBodyOf: object => s.copiesRedactedAt(positionOf(object)),
    scrubber: s.scrubber,
    bodyOf(object) {
      const i = positionOf(object);
      return {
        ...s.full.objects[i],
        body: s.redactedAt(i),
        yaml: s.yamlAt(i),
      };
    },
    diff(from, to, select = () => true, unit = null) {
      const index = indexFleet(matrix);
      const side = (cluster: string) =>
        (index.byCluster.get(cluster) ?? [])
          .filter(select)
          .map(object => ({ object, yaml: s.yamlAt(positionOf(object)) }));
      return clusterDiff(from, to, side(from), side(to), unit);
    },
    cached(answerKey, compute) {
      let answer = answers.get(answerKey);
      if (!answer) {
        if (answers.size >= MAX_ANSWERS) answers.clear();
        answer = new CachedJson(compute());
        answers.set(answerKey, answer);
      }
      return answer;
    },
    async prepare(answerKey, value, arrayKey) {
      const made = await CachedJson.inSlices(value, arrayKey);
      // a request that came meanwhile made the same answer: keep that one
      let answer = answers.get(answerKey);
      if (!answer) {
        answer = made;
        answers.set(answerKey, answer);
      }
      return answer;
    },
  };
  s.views.set(key, view);
  return view;
}
