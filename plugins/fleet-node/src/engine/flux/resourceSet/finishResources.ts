/*
 * What the Flux Operator does to a ResourceSet's rendered objects before it
 * applies them (docs/api/v1/resourceset.md): `commonMetadata` labels and
 * annotations set on every object, overriding its own; one object per
 * apiVersion, kind, namespace and name (a resource shared by every input is
 * applied once, and `spec.resources` wins over `spec.resourcesTemplate`);
 * objects whose `fluxcd.controlplane.io/reconcile` annotation is `disabled`
 * left out, as the operator does not reconcile them.
 */
import type { KObject } from '../../core/types';
import { isRecord } from '../../core/records';

const RECONCILE = 'fluxcd.controlplane.io/reconcile';

/** A rendered object and whether it came from `spec.resources` (else `spec.resourcesTemplate`). */
export interface RenderedObject {
  object: KObject;
  fromResources: boolean;
}

const stringMap = (v: unknown): Record<string, string> =>
  isRecord(v)
    ? Object.fromEntries(
        Object.entries(v).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      )
    : {};

/**
 * The objects the Flux Operator applies for `rendered`, in rendering order,
 * given the ResourceSet's `spec.commonMetadata`. Namespaces must already be
 * defaulted: they are part of an object's identity.
 */
export function finishResources(
  rendered: RenderedObject[],
  commonMetadata: unknown,
): KObject[] {
  const labels = stringMap(isRecord(commonMetadata) && commonMetadata.labels);
  const annotations = stringMap(
    isRecord(commonMetadata) && commonMetadata.annotations,
  );
  const idOf = (o: KObject) =>
    `${o.apiVersion}|${o.kind}|${o.metadata?.namespace ?? ''}|${
      o.metadata?.name
    }`;
  // spec.resources take precedence over a duplicate from spec.resourcesTemplate
  const fromResources = new Set(
    rendered.filter(r => r.fromResources).map(r => idOf(r.object)),
  );
  const seen = new Set<string>();
  const out: KObject[] = [];
  for (const { object, fromResources: own } of rendered) {
    const id = idOf(object);
    if (seen.has(id) || (!own && fromResources.has(id))) continue;
    seen.add(id);
    const metadata = object.metadata!;
    if (Object.keys(labels).length > 0)
      metadata.labels = { ...stringMap(metadata.labels), ...labels };
    if (Object.keys(annotations).length > 0)
      metadata.annotations = {
        ...stringMap(metadata.annotations),
        ...annotations,
      };
    if (stringMap(metadata.annotations)[RECONCILE] === 'disabled') continue;
    out.push(object);
  }
  return out;
}
