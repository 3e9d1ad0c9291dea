/*
 * Where a value copied out of a Secret ends up, found at the end of the
 * build rather than followed step by step. A copy's field path is only true
 * until the next list edit: a higher level's strategic-merge patch that
 * merges a list by key, a JSON6902 `add`/`remove`/`move`, a `$patch:
 * replace` list, or a later replacement moves the copied value to another
 * index, and a path recorded at copy time would then show the copy in
 * plain and redact an innocent neighbour. kustomize's list merges (kyaml's
 * walker) and the engine's copy-on-write (`own`) rebuild the maps and lists
 * they touch, so no node keeps its identity either. What survives every
 * edit is the value itself: each copy records the Secret-derived texts it
 * wrote, beside the resource (under a symbol, so neither JSON, the worker's
 * structured clone nor any route ever carries them), and finalization
 * resolves them to the paths where they are now (resolveSecretCopies).
 */
import type { SecretPath } from '@flux-fleet/backstage-plugin-fleet-common';
import { isRecord } from '../../core/records';

const COPIED = Symbol('fleet.secretCopyTexts');

/** A resource wrapper that may carry the texts of its Secret copies. */
type Carrier = { [COPIED]?: readonly string[] };

// a piece this short is looked for as a whole field only: "1" or "ab"
// inside longer text is more likely innocent than a Secret's remains
const MIN_EMBEDDED = 3;

/** The text of a scalar as kustomize writes it, or undefined for maps and lists. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

/** Every scalar text inside `value` (itself when it is a scalar). */
function textsIn(value: unknown, out: string[] = []): string[] {
  const t = textOf(value);
  if (t !== undefined) out.push(t);
  else if (Array.isArray(value)) value.forEach(v => textsIn(v, out));
  else if (isRecord(value)) Object.values(value).forEach(v => textsIn(v, out));
  return out;
}

/**
 * Records on `r` the texts a copy from Secret data wrote: the pieces read
 * from the Secret (`copied`, a scalar, a delimiter part or a whole map) and
 * the target field as it reads after the write (`written`). Copies of `r`'s
 * wrapper (borrow, the build cache) share the record; it is replaced, never
 * changed in place.
 */
export function recordSecretTexts(
  r: object,
  copied: unknown,
  written: unknown,
): void {
  const c = r as Carrier;
  const texts = new Set(c[COPIED] ?? []);
  for (const t of [...textsIn(copied), ...textsIn(written)])
    if (t !== '') texts.add(t);
  c[COPIED] = [...texts];
}

/** The Secret-derived texts recorded on `r`, if any. */
export function secretTextsOf(r: object): readonly string[] | undefined {
  return (r as Carrier)[COPIED];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the scalar text `t` holds one of `texts`: equal to it, or (for a
 * text of {@link MIN_EMBEDDED} characters or more) containing it between
 * non-alphanumeric boundaries, as a later images, prefix or delimiter
 * replacement leaves it (`registry/<copy>:v2`, `pre-<copy>`).
 */
export function holdsSecretText(t: string, texts: readonly string[]): boolean {
  for (const s of texts) {
    if (t === s) return true;
    if (s.length < MIN_EMBEDDED || !t.includes(s)) continue;
    const bounded = new RegExp(`(?<![A-Za-z0-9])${escape(s)}(?![A-Za-z0-9])`);
    if (bounded.test(t)) return true;
  }
  return false;
}

/** Whether `value` (a scalar, or any scalar under a map or list) holds a text recorded on `r`. */
export function holdsCopiedText(r: object, value: unknown): boolean {
  const texts = secretTextsOf(r);
  if (!texts?.length) return false;
  return textsIn(value).some(t => holdsSecretText(t, texts));
}

/**
 * The paths of every scalar of `object` that holds a text recorded on
 * `r`, wherever list edits after the copy moved it; a copy that a later
 * step overwrote or removed leaves no path. `skip` leaves out a top-level
 * field (a Secret's own `data`/`stringData`, redacted whole anyway).
 */
export function resolveSecretCopies(
  r: object,
  object: unknown,
  skip: (key: string) => boolean = () => false,
): SecretPath[] | undefined {
  const texts = secretTextsOf(r);
  if (!texts) return undefined;
  const found: SecretPath[] = [];
  const walk = (node: unknown, path: SecretPath) => {
    const t = textOf(node);
    if (t !== undefined) {
      if (holdsSecretText(t, texts)) found.push(path);
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, i]));
    } else if (isRecord(node)) {
      for (const [k, v] of Object.entries(node))
        if (path.length > 0 || !skip(k)) walk(v, [...path, k]);
    }
  };
  walk(object, []);
  return found;
}
