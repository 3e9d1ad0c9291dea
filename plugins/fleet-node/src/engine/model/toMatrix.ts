/*
 * The model as it leaves the process (`yarn fleet matrix --json`, the REST
 * API): fleet-common's FleetMatrix. No object bodies cross this boundary, so
 * Secret data never does.
 */
import type {
  FleetMatrix,
  FleetObject,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  isSopsEncrypted,
  redactSecretPaths,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { helmChartOf } from '../flux/fluxObjects';
import type { KObject } from '../core/types';
import type { FleetModel, ModelObject } from './resolveFleet';
import { isRecord } from '../core/records';
import { shownIdentity, type IdentitySource } from './secretIdentity';

const POD_TEMPLATE_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
]);
// the API server defaults spec.replicas to 1 on these kinds
const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** The pod spec of a workload (CronJob: its job template's), or undefined. */
function podSpecOf(obj: KObject): Record<string, unknown> | undefined {
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  if (!spec) return undefined;
  if (obj.kind === 'CronJob') {
    const jobSpec =
      isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec)
        ? spec.jobTemplate.spec
        : undefined;
    const tpl =
      jobSpec && isRecord(jobSpec.template) ? jobSpec.template : undefined;
    return tpl && isRecord(tpl.spec) ? tpl.spec : undefined;
  }
  const tpl = isRecord(spec.template) ? spec.template : undefined;
  return tpl && isRecord(tpl.spec) ? tpl.spec : undefined;
}

/** Container images of a workload: init containers first, then containers, as declared. */
export function imagesOf(obj: KObject): string[] | undefined {
  if (!POD_TEMPLATE_KINDS.has(obj.kind ?? '') && obj.kind !== 'CronJob')
    return undefined;
  const pod = podSpecOf(obj);
  const images: string[] = [];
  for (const field of ['initContainers', 'containers']) {
    const containers =
      pod && Array.isArray(pod[field]) ? (pod[field] as unknown[]) : [];
    for (const c of containers)
      if (isRecord(c) && typeof c.image === 'string') images.push(c.image);
  }
  return images;
}

/** spec.replicas of Deployment/StatefulSet/ReplicaSet (1 when unset, as the API server defaults it). */
export function replicasOf(obj: KObject): number | undefined {
  if (!REPLICATED_KINDS.has(obj.kind ?? '')) return undefined;
  const r = isRecord(obj.spec) ? obj.spec.replicas : undefined;
  if (r === undefined || r === null) return 1;
  return typeof r === 'number' && Number.isInteger(r) ? r : undefined;
}

/**
 * The body of `o` as facts may be read from it (images, replicas, chart,
 * and fleet-common's `withObjectFacts`: the kubernetes-id label, a
 * policy's stage): the fields kustomize or Flux wrote from Secret data
 * redacted. The body itself is kubectl's rendering, untouched.
 *
 * @public
 */
export function shownBodyOf(o: IdentitySource): KObject {
  return o.secretPaths?.length
    ? redactSecretPaths(o.object, o.secretPaths)
    : o.object;
}

/** One matrix object from a model object. */
export function toFleetObject(o: ModelObject): FleetObject {
  const obj = o.object;
  // the identity every view shows: a name or namespace copied from Secret data is not
  const { name, namespace } = shownIdentity(o);
  const out: FleetObject = {
    cluster: o.cluster,
    apiVersion: obj.apiVersion ?? '',
    kind: obj.kind ?? '',
    namespace: namespace ?? null,
    name,
    unit: o.unit,
    fluxKustomization: o.fluxKustomization,
    source: { file: o.source.file, line: o.source.line },
    via: o.via.map(v => ({ file: v.file, line: v.line })),
  };
  // the facts shown beside the identity, read without what kustomize
  // copied from Secret data (the matrix rows carry no body to redact later)
  const shown = shownBodyOf(o);
  const images = imagesOf(shown);
  if (images) out.images = images;
  const replicas = replicasOf(shown);
  if (replicas !== undefined) out.replicas = replicas;
  if (obj.kind === 'HelmRelease') {
    const { chart, version } = helmChartOf(shown);
    if (chart !== undefined) out.chart = chart;
    if (version !== undefined) out.version = version;
  }
  // as kustomize-controller: a Secret with a `sops` block (or ENC[…]
  // values) is ciphertext until decrypted at apply time
  if (isSopsEncrypted(obj)) out.encrypted = true;
  return out;
}

/** The FleetMatrix of `model` (fleet-common's contract; clusters by name, units by id). */
export function toMatrix(model: FleetModel): FleetMatrix {
  return {
    revision: model.revision,
    clusters: model.clusters.map(c => ({ name: c.name, path: c.path })),
    objects: model.objects.map(toFleetObject),
    units: model.units.map(u => ({
      id: u.id,
      kind: u.kind,
      name: u.name,
      clusters: { ...u.clusters },
    })),
    problems: model.problems.map(p => ({
      severity: p.severity,
      rule: p.rule,
      cluster: p.cluster,
      file: p.file,
      line: p.line,
      message: p.message,
    })),
  };
}
