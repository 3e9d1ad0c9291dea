/*
 * Secret values that travelled out of their Secret. redactObject hides a
 * Secret's own `data`/`stringData`, but a fleet can copy those values into
 * other objects: Flux's `postBuild.substituteFrom` a Secret writes
 * `${VAR}` into a ConfigMap or a HelmRelease's values (kustomize-controller
 * substitutes before applying, so the rendered object holds the value), and
 * kustomize `replacements` can copy a Secret field anywhere (those copies
 * the engine records, and fleetView redacts them by path). Whatever the
 * path, a string that holds the value of a Secret of the fleet shows that
 * value, so every answer that carries object bodies goes through the
 * scrubber of its model: each occurrence of a Secret value becomes
 * `<redacted>`.
 */
import {
  REDACTED,
  isSopsEncrypted,
  type SecretPath,
} from '@flux-fleet/backstage-plugin-fleet-common';

/**
 * Values shorter than this are not searched for: a Secret holding `true` or
 * `1` would otherwise redact every such string of the fleet (and values that
 * short are guessed, not leaked).
 */
export const MIN_SECRET_LENGTH = 6;

type Body = Record<string, any>;

/**
 * The values of one Secret body to search for: `data` base64-decoded and
 * as written (a copy of the base64 text is as good as the value),
 * `stringData` as is; of a SOPS-encrypted Secret, its ciphertext (the
 * `ENC[…]` strings are not to be shown either). Fields at `plainPaths`
 * hold a value kustomize copied in from a ConfigMap or the like: shown
 * there, not searched for.
 */
function valuesOf(
  body: Body,
  plainPaths: readonly SecretPath[] = [],
): string[] {
  if (body.kind !== 'Secret') return [];
  const plain = (field: string, key: string) =>
    plainPaths.some(p => p[0] === field && (p.length === 1 || p[1] === key));
  const entries = (field: 'data' | 'stringData') =>
    Object.entries(body[field] ?? {})
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .filter(([k]) => !plain(field, k))
      .map(([, v]) => String(v));
  const data = entries('data');
  const written = [...data, ...entries('stringData')];
  if (isSopsEncrypted(body))
    return written.filter(
      v => v.startsWith('ENC[') && v.length >= MIN_SECRET_LENGTH,
    );
  const out = [
    ...written,
    ...data.map(v => Buffer.from(v, 'base64').toString('utf8')),
  ];
  // a multi-line value (a values file) leaks line by line too, and Flux
  // substitutes values with their newlines removed
  return out
    .flatMap(v => [v, v.replace(/\n/g, ''), ...v.split('\n')])
    .map(v => v.trim())
    .filter(v => v.length >= MIN_SECRET_LENGTH);
}

/** Replaces every Secret value in the strings of a JSON-like value. */
export type Scrubber = <T>(value: T) => T;

const memo = new WeakMap<object, Scrubber>();

/**
 * The scrubber of `model`: built once per model from every Secret of every
 * cluster. A second line of defence: the engine records the fields that
 * kustomize `replacements` and `vars` copy from Secret data, and the
 * bodies are redacted there first (fleetView); what Flux substitutes from
 * a Secret (`postBuild.substituteFrom`) has no such record and is found
 * here by value.
 */
export function secretScrubber(model: {
  objects: readonly {
    object: unknown;
    /** Fields of a Secret's data copied from non-Secret data (the engine's record). */
    plainPaths?: readonly SecretPath[];
  }[];
}): Scrubber {
  const cached = memo.get(model);
  if (cached) return cached;
  const values = new Set<string>();
  for (const o of model.objects) {
    const body = o.object as Body;
    if (body && body.kind === 'Secret')
      valuesOf(body, o.plainPaths).forEach(v => values.add(v));
  }
  // longest first, so a value that contains another is replaced whole
  const pattern =
    values.size === 0
      ? null
      : new RegExp(
          [...values]
            .sort((a, b) => b.length - a.length)
            .map(v => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('|'),
          'g',
        );
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return pattern && value.length >= MIN_SECRET_LENGTH
        ? value.replace(pattern, REDACTED)
        : value;
    }
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = scrub(v);
      return out;
    }
    return value;
  };
  const scrubber = (pattern ? scrub : (v: unknown) => v) as Scrubber;
  memo.set(model, scrubber);
  return scrubber;
}
