/*
 * Secret values that travelled out of their Secret. redactObject hides a
 * Secret's own `data`/`stringData`, but a fleet can copy those values into
 * other objects: Flux's `postBuild.substituteFrom` a Secret writes
 * `${VAR}` into a ConfigMap or a HelmRelease's values (kustomize-controller
 * substitutes before applying, so the rendered object holds the value), and
 * kustomize `replacements` can copy a Secret field anywhere. Whatever the
 * path, a string that holds the value of a Secret of the fleet shows that
 * value, so every answer that carries object bodies goes through the
 * scrubber of its model: each occurrence of a Secret value becomes
 * `<redacted>`.
 */
import {
  REDACTED,
  isSopsEncrypted,
} from '@flux-fleet/backstage-plugin-fleet-common';

/**
 * Values shorter than this are not searched for: a Secret holding `true` or
 * `1` would otherwise redact every such string of the fleet (and values that
 * short are guessed, not leaked).
 */
export const MIN_SECRET_LENGTH = 6;

type Body = Record<string, any>;

/** The plain values of one Secret body (`data` base64-decoded, `stringData` as is). */
function valuesOf(body: Body): string[] {
  if (body.kind !== 'Secret' || isSopsEncrypted(body)) return [];
  const out: string[] = [];
  for (const v of Object.values(body.data ?? {})) {
    if (typeof v === 'string') {
      out.push(Buffer.from(v, 'base64').toString('utf8'));
    }
  }
  for (const v of Object.values(body.stringData ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
  }
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
 * cluster (SOPS-encrypted Secrets hold ciphertext only and are skipped).
 */
export function secretScrubber(model: {
  objects: readonly { object: unknown }[];
}): Scrubber {
  const cached = memo.get(model);
  if (cached) return cached;
  const values = new Set<string>();
  for (const o of model.objects) {
    const body = o.object as Body;
    if (body && body.kind === 'Secret')
      valuesOf(body).forEach(v => values.add(v));
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
