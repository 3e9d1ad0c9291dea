/*
 * Which fields of an object hold a value copied out of a Secret. kustomize
 * `replacements` (api/filters/replacement) and legacy `vars`
 * (api/filters/refvar) copy any field of any resource into another one, so
 * a Secret's `data.password` can end up, base64 and all, in a Deployment's
 * env or a ConfigMap, where nothing redacts it. kustomize keeps no trace
 * of where a value came from; the engine does, beside the body
 * (`secretPaths` of the resource), so that every place that redacts a
 * Secret's data redacts the copies too, while the rendered YAML stays
 * kubectl's byte for byte.
 */
import type { SecretPath } from '@flux-fleet/backstage-plugin-fleet-common';
import { isRecord } from '../../core/records';
import type { BuiltResource } from '../types';
import type { FieldHolder } from './walkFieldSpec';
import { holdsCopiedText, recordSecretTexts } from './secretCopyValues';

type Key = string | number;

/**
 * The path from `root` to the node `target` (by identity), or undefined.
 * Searched, not tracked: it runs only for a field written from Secret data.
 */
function pathTo(root: unknown, target: unknown): Key[] | undefined {
  if (root === target) return [];
  let children: [Key, unknown][] = [];
  if (Array.isArray(root)) children = root.map((v, i) => [i, v]);
  else if (isRecord(root)) children = Object.entries(root);
  for (const [k, v] of children) {
    if (v === null || typeof v !== 'object') continue;
    const rest = pathTo(v, target);
    if (rest) return [k, ...rest];
  }
  return undefined;
}

/** The path of the field `h` holds inside `root`, or undefined when `h` is not in it. */
export function holderPath(root: unknown, h: FieldHolder): Key[] | undefined {
  const above = pathTo(root, h.parent);
  return above && [...above, h.key];
}

const samePrefix = (a: SecretPath, b: SecretPath, n: number) => {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** One path leads into the other (or they are the same field). */
function overlaps(a: SecretPath, b: SecretPath): boolean {
  return samePrefix(a, b, Math.min(a.length, b.length));
}

// SOPS writes `ENC[<cipher>,data:…,type:…]` into every value it encrypts,
// in a Secret or in any other YAML file it was asked to encrypt
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:/;

/** Whether `value` holds SOPS ciphertext, at any depth. */
function holdsCiphertext(value: unknown): boolean {
  if (typeof value === 'string') return SOPS_VALUE.test(value);
  if (Array.isArray(value)) return value.some(holdsCiphertext);
  if (isRecord(value)) return Object.values(value).some(holdsCiphertext);
  return false;
}

/** A core/v1 Secret (kustomize's and the API server's `kind: Secret`). */
function isSecret(r: BuiltResource): boolean {
  const { apiVersion, kind } = r.object;
  return kind === 'Secret' && (apiVersion === 'v1' || apiVersion === undefined);
}

/**
 * Whether the value at `path` of `r` is Secret data: a Secret's `data` or
 * `stringData` (or the whole Secret, or a field holding them), a field an
 * earlier copy from Secret data wrote, or SOPS ciphertext. A path the
 * source lookup could not place counts as Secret data when `r` is a Secret:
 * withholding too much is the safe error.
 */
export function isSecretSource(
  r: BuiltResource,
  path: SecretPath | undefined,
  value: unknown,
): boolean {
  if (holdsCiphertext(value)) return true;
  // a copy's recorded path may be stale after a list edit; its text is not
  if (holdsCopiedText(r, value)) return true;
  if (isSecret(r)) {
    if (!path) return true;
    if (path.length === 0) return true;
    if (path[0] === 'data' || path[0] === 'stringData') return true;
  }
  if (!path) return (r.secretPaths?.length ?? 0) > 0;
  return (r.secretPaths ?? []).some(p => overlaps(p, path));
}

const isSecretData = (r: BuiltResource, path: SecretPath) =>
  isSecret(r) && (path[0] === 'data' || path[0] === 'stringData');

/** The node at `path` of `root`, or undefined. */
function valueAt(root: unknown, path: SecretPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * Records that the field at `path` of `r` now holds Secret data. Nothing is
 * recorded on a Secret's own `data`/`stringData` (already redacted as a
 * whole) but that it no longer holds plain data there; a path inside one
 * already recorded is not added twice. When the build goes on after the
 * copy (kustomize's replacements and vars), `copied` is the value read from
 * the Secret: its text and the field's are recorded too, so that
 * finalization finds the copy wherever later list edits move it
 * (secretCopyValues.ts); the path alone serves Flux's substitution, the
 * last step.
 */
export function markSecretCopy(
  r: BuiltResource,
  path: SecretPath,
  copied?: unknown,
): void {
  if (isSecretData(r, path)) {
    if (r.plainPaths)
      r.plainPaths = r.plainPaths.filter(p => !overlaps(p, path));
    return;
  }
  if (copied !== undefined)
    recordSecretTexts(r, copied, valueAt(r.object, path));
  const paths = r.secretPaths ?? [];
  if (paths.some(p => p.length <= path.length && samePrefix(p, path, p.length)))
    return;
  // a wider path replaces the narrower ones it covers
  r.secretPaths = [
    ...paths.filter(
      p => !(p.length > path.length && samePrefix(p, path, path.length)),
    ),
    [...path],
  ];
}

/**
 * Records that the field at `path` of `r` now holds data copied from a
 * non-Secret field: on a Secret's `data`/`stringData` (a ConfigMap value
 * copied in), so that its value, shown where it came from, is not searched
 * for as a Secret value. Elsewhere nothing is recorded.
 */
export function markPlainCopy(r: BuiltResource, path: SecretPath): void {
  if (!isSecretData(r, path)) return;
  const paths = r.plainPaths ?? [];
  if (paths.some(p => overlaps(p, path))) return;
  r.plainPaths = [...paths, [...path]];
}
