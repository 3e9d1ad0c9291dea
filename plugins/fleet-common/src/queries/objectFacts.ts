/*
 * Facts read from a rendered object's body that the matrix does not carry:
 * the Backstage Kubernetes label, a Kyverno policy's stage, SOPS encryption,
 * and the redacted form that may leave the backend. Pure: the backend feeds
 * the model's bodies in; nothing here reads Secret values out.
 */
import type { FleetObjectSummary } from '../api';
import type { FleetMatrix } from '../model';

/** The label the stock Kubernetes plugin matches workloads by. */
export const KUBERNETES_ID_LABEL = 'backstage.io/kubernetes-id';

/** What replaces every Secret value. */
export const REDACTED = '<redacted>';

type Body = Record<string, any>;

/** The `backstage.io/kubernetes-id` label of an object or of its pod template. */
export function kubernetesIdOf(body: Body): string | undefined {
  const own = body.metadata?.labels?.[KUBERNETES_ID_LABEL];
  const pod = body.spec?.template?.metadata?.labels?.[KUBERNETES_ID_LABEL];
  const id = own ?? pod;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * A Kyverno policy's stage: `spec.validationFailureAction` (Kyverno < 1.13)
 * or its rules' `validate.failureAction`; as Kyverno, Audit when unset, and a
 * policy with any auditing rule is not fully enforcing.
 */
export function policyStageOf(body: Body): 'Audit' | 'Enforce' | undefined {
  if (!String(body.apiVersion ?? '').startsWith('kyverno.io/'))
    return undefined;
  if (body.kind !== 'ClusterPolicy' && body.kind !== 'Policy') return undefined;
  const actions: unknown[] = [body.spec?.validationFailureAction];
  for (const rule of Array.isArray(body.spec?.rules) ? body.spec.rules : []) {
    actions.push(rule?.validate?.failureAction);
  }
  const set = actions
    .filter(a => typeof a === 'string')
    .map(a => (a as string).toLowerCase());
  return set.length > 0 && set.every(a => a === 'enforce')
    ? 'Enforce'
    : 'Audit';
}

/** True for a Secret whose values are SOPS ciphertext (a `sops` block or `ENC[…]` values). */
export function isSopsEncrypted(body: Body): boolean {
  if (body.kind !== 'Secret') return false;
  if (body.sops && typeof body.sops === 'object') return true;
  const values = [
    ...Object.values(body.data ?? {}),
    ...Object.values(body.stringData ?? {}),
  ];
  return values.some(v => typeof v === 'string' && v.startsWith('ENC['));
}

/** A copy of `body` whose Secret `data`/`stringData` values are {@link REDACTED}. */
export function redactObject(body: Body): Body {
  if (
    body.kind !== 'Secret' ||
    !(body.apiVersion === 'v1' || body.apiVersion === undefined)
  ) {
    return body;
  }
  const redact = (values: unknown) =>
    values && typeof values === 'object'
      ? Object.fromEntries(Object.keys(values).map(k => [k, REDACTED]))
      : values;
  const copy: Body = { ...body };
  if ('data' in copy) copy.data = redact(copy.data);
  if ('stringData' in copy) copy.stringData = redact(copy.stringData);
  return copy;
}

/** `object` with the facts of its `body` added. */
export function withObjectFacts(
  object: FleetObjectSummary,
  body: Body,
): FleetObjectSummary {
  const out: FleetObjectSummary = { ...object };
  const id = kubernetesIdOf(body);
  if (id) out.kubernetesId = id;
  const stage = policyStageOf(body);
  if (stage) out.policyStage = stage;
  if (isSopsEncrypted(body)) out.encrypted = true;
  return out;
}

const memo = new WeakMap<object, FleetMatrix>();

/**
 * `matrix` with every object's facts, read from `bodies` (the bodies of
 * `matrix.objects`, same order). Memoized per objects array.
 */
export function matrixWithFacts(
  matrix: FleetMatrix,
  bodies: Body[],
): FleetMatrix {
  const cached = memo.get(matrix.objects);
  if (cached) return cached;
  if (bodies.length !== matrix.objects.length) {
    throw new Error(
      `matrixWithFacts: ${bodies.length} bodies for ${matrix.objects.length} objects`,
    );
  }
  const enriched = {
    ...matrix,
    objects: matrix.objects.map((o, i) => withObjectFacts(o, bodies[i])),
  };
  memo.set(matrix.objects, enriched);
  return enriched;
}
