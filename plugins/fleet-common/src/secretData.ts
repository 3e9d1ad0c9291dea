// a `kind: Secret` key in any quoting, then not a longer kind (SecretStore)
const SECRET_DATA =
  /["']?\bkind["']?\s*:\s*["']?Secret(?![\w-])|\bsecretGenerator\b|\bstringData["']?\s*:/;

/**
 * Whether a file's text may carry Secret values: a `Secret` object (in
 * block, flow or JSON style, the kind quoted or not), a kustomize
 * `secretGenerator`, or `stringData`. Promotion previews, diffs and pull
 * requests name such a file and withhold its content. A text test on
 * purpose: it must also hold for files that do not parse, and it errs on
 * the side of withholding (`SecretStore` and the like do not match).
 *
 * @public
 */
export function mayHoldSecretData(text: string): boolean {
  return SECRET_DATA.test(text);
}

/**
 * Where in an object's body a value copied out of Secret data lies: field
 * names and list indexes from the root, e.g.
 * `['spec', 'template', 'spec', 'containers', 0, 'env', 1, 'value']`.
 *
 * @public
 */
export type SecretPath = ReadonlyArray<string | number>;

/** What replaces a value copied out of a Secret (the placeholder of Secret data). */
const PLACEHOLDER = '<redacted>';

// every leaf of `v` replaced, keys and list lengths kept: what redactObject
// does for a Secret's `data` map, one level further down
function redactLeaves(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactLeaves);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, redactLeaves(x)]),
    );
  return PLACEHOLDER;
}

/**
 * A copy of `body` with the value at each of `paths` replaced by the
 * placeholder of Secret data (`<redacted>`; a map or list at a path keeps
 * its keys, every leaf replaced). The engine records these paths on an
 * object when kustomize `replacements` or `vars` wrote Secret data into it.
 * Only the maps and lists along the paths are copied; `body` is not
 * changed. A path that no longer leads anywhere is ignored.
 *
 * @public
 */
export function redactSecretPaths<T extends Record<string, unknown>>(
  body: T,
  paths: readonly SecretPath[] | undefined,
): T {
  if (!paths || paths.length === 0) return body;
  let out: any = body;
  for (const path of paths) {
    if (path.length === 0) return redactLeaves(body) as T;
    out = redactAt(out, path, 0, out === body);
  }
  return out as T;
}

// copy-on-write: a node already copied by an earlier path is written in place
function redactAt(
  node: any,
  path: SecretPath,
  i: number,
  shared: boolean,
): unknown {
  const key = path[i];
  const fits = Array.isArray(node)
    ? typeof key === 'number' && key >= 0 && key < node.length
    : node !== null &&
      typeof node === 'object' &&
      Object.prototype.hasOwnProperty.call(node, key);
  if (!fits) return node;
  let copy = node;
  if (shared) copy = Array.isArray(node) ? [...node] : { ...node };
  copy[key] =
    i === path.length - 1
      ? redactLeaves(node[key])
      : redactAt(node[key], path, i + 1, true);
  return copy;
}

/** How a redacted name or namespace begins: `<` is in no Kubernetes name. */
const REDACTED_IDENTITY = `${PLACEHOLDER}@`;

/**
 * What is shown instead of an object's name or namespace when kustomize or
 * Flux wrote Secret data into it: the placeholder and where the object is
 * defined (`<redacted>@apps/x/all.yaml:12`). It reveals nothing of the
 * value and, since no Kubernetes name holds `<`, never equals a real one.
 *
 * @public
 */
export function redactedIdentity(file: string, line: number): string {
  return `${REDACTED_IDENTITY}${file}:${line}`;
}

/**
 * Whether `name` is a {@link redactedIdentity}: no catalog entity, link or
 * Kubernetes lookup may be made from it.
 *
 * @public
 */
export function isRedactedIdentity(name: string | null | undefined): boolean {
  return typeof name === 'string' && name.startsWith(REDACTED_IDENTITY);
}
