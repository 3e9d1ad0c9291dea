/*
 * A Flux Kustomization whose own spec holds Secret data: a replacement or
 * var at the level that declares it wrote a Secret value into
 * `spec.targetNamespace`, `namePrefix`, `postBuild.substitute`,
 * `commonMetadata`, `images` or `patches`. kustomize-controller then
 * writes that value into every object it builds from the Kustomization
 * (fluxcd/pkg/kustomize's generator edits the kustomization file, then
 * post-build substitution and SetCommonMetadata), so each of them holds a
 * copy the engine did not make itself: its namespace, name, labels or any
 * field. They are recorded on those objects as any other copy
 * (`secretPaths`), after the build, when nothing moves any more.
 */
import type { SecretPath } from '@flux-fleet/backstage-plugin-fleet-common';
import { isRecord } from '../core/records';
import type { BuiltResource } from '../kustomize/types';

/** The node at `path` of `root`, or undefined. */
function valueAt(root: unknown, path: SecretPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const textOf = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : undefined;

function textsIn(value: unknown, out: string[]): void {
  const t = textOf(value);
  if (t !== undefined) {
    if (t !== '') out.push(t);
  } else if (Array.isArray(value)) value.forEach(v => textsIn(v, out));
  else if (isRecord(value)) Object.values(value).forEach(v => textsIn(v, out));
}

/** The Secret-derived texts of a Flux Kustomization's `spec` (its recorded copies there). */
export function secretSpecTexts(kustomization: BuiltResource): string[] {
  const out: string[] = [];
  for (const p of kustomization.secretPaths ?? [])
    if (p.length === 0 || p[0] === 'spec')
      textsIn(valueAt(kustomization.object, p), out);
  return [...new Set(out)];
}

// a prefix or a suffix joins the name without a separator: any text of
// three characters or more is looked for anywhere in a field, a shorter
// one only as the whole field
const MIN_EMBEDDED = 3;

const holds = (t: string, texts: readonly string[]) =>
  texts.some(s => t === s || (s.length >= MIN_EMBEDDED && t.includes(s)));

/**
 * `resources` with every field that holds one of `texts` added to its
 * `secretPaths` (new wrappers: the build's results may be the cache's). A
 * Secret's own `data`/`stringData` stays out, as for any copy.
 */
export function markSpecCopies(
  resources: BuiltResource[],
  texts: readonly string[],
): BuiltResource[] {
  if (texts.length === 0) return resources;
  return resources.map(r => {
    const found: SecretPath[] = [];
    const secret = r.object.kind === 'Secret';
    const walk = (node: unknown, path: (string | number)[]) => {
      const t = textOf(node);
      if (t !== undefined) {
        if (holds(t, texts)) found.push(path);
      } else if (Array.isArray(node)) {
        node.forEach((v, i) => walk(v, [...path, i]));
      } else if (isRecord(node)) {
        for (const [k, v] of Object.entries(node))
          if (
            !(
              secret &&
              path.length === 0 &&
              (k === 'data' || k === 'stringData')
            )
          )
            walk(v, [...path, k]);
      }
    };
    walk(r.object, []);
    if (found.length === 0) return r;
    return { ...r, secretPaths: [...(r.secretPaths ?? []), ...found] };
  });
}
