/*
 * kustomize's ImageTagTransformer (api/filters/imagetag LegacyFilter plus
 * api/image IsImageMatched / Split): rewrites `image` of every element of any
 * `containers` or `initContainers` list anywhere in a resource, except in
 * CustomResourceDefinitions.
 */
import type { ImageSpec } from '../types';
import type { Resource } from '../types';
import type { FieldSpec, Kustomization } from '../types';
import {
  fieldSpecSelects,
  holderValue,
  setHolderValue,
  visitFieldSpec,
} from './walkFieldSpec';
import { IMAGE_SPECS } from './fieldSpecs';
import { mergeFieldSpecs } from './transformerConfig';

// what may follow the name in kustomize's pattern: an optional tag and digest
const TAIL = /^(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9]*)?$/;
// names that are a plain regex of literals and `.` (any one character)
const SIMPLE_NAME = /^[A-Za-z0-9_/:.-]*$/;
// what `.` does not match in a JavaScript regular expression without the s flag
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * kustomize's pattern for a name of letters, digits, `_`, `/`, `:`, `-`
 * and `.` (the usual case), without compiling one regular expression per
 * name: such a name matches exactly its own length of the image, `.`
 * matching any one character but a line terminator, and the rest must be
 * the pattern's tail.
 */
function simpleNameMatches(image: string, name: string): boolean {
  if (image.length < name.length) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '.' ? LINE_TERMINATOR.test(image[i]) : c !== image[i])
      return false;
  }
  return TAIL.test(image.slice(name.length));
}

// compiled once per entry name: the same few names are tried against every container
const matchers = new Map<string, RegExp | null>();

/** kustomize's image.IsImageMatched: the entry name is used as a regular expression, as upstream. */
export function isImageMatched(image: string, name: string): boolean {
  if (SIMPLE_NAME.test(name)) return simpleNameMatches(image, name);
  let re = matchers.get(name);
  if (re === undefined) {
    try {
      re = new RegExp(
        `^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9]*)?$`,
      );
    } catch {
      re = null;
    }
    // entry names are few; a bound keeps a long-lived process from growing without end
    if (matchers.size > 10_000) matchers.clear();
    matchers.set(name, re);
  }
  return re !== null && re.test(image);
}

/** kustomize's image.Split: name, tag and digest of an image reference (the registry port is not a tag). */
export function splitImage(image: string): {
  name: string;
  tag: string;
  digest: string;
} {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return {
      name: image.slice(0, ic),
      tag: image.slice(ic + 1, id),
      digest: image.slice(id + 1),
    };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

/** The new value of `image` under one `images:` entry, or undefined when the entry does not match. */
export function updateImage(
  image: string,
  spec: ImageSpec,
): string | undefined {
  if (!isImageMatched(image, spec.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (spec.newName) name = spec.newName;
  // as kustomize: overriding the tag or the digest replaces both
  if (spec.newTag && spec.digest) {
    tag = spec.newTag;
    digest = spec.digest;
  } else if (spec.newTag) {
    tag = spec.newTag;
    digest = '';
  } else if (spec.digest) {
    tag = '';
    digest = spec.digest;
  }
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

type Container = Record<string, unknown>;

/** Every element of a `containers` or `initContainers` list anywhere under `node`, in document order. */
function collectContainers(node: unknown, out: Container[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectContainers(n, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const map = node as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    const value = map[key];
    collectContainers(value, out);
    if (
      (key === 'containers' || key === 'initContainers') &&
      Array.isArray(value)
    ) {
      for (const c of value)
        if (typeof c === 'object' && c !== null) out.push(c as Container);
    }
  }
}

/**
 * Applies every `images:` entry in order to every resource. Resources are
 * changed in place. Containers are found once per resource and each entry
 * applied to them in order: an entry only ever reads and writes one
 * container's own `image`, so this equals kustomize's entry-by-entry walk.
 * `extra` are the `images` specs of `configurations:`.
 */
export function applyImages(
  resources: Resource[],
  k: Kustomization,
  extra: FieldSpec[] = [],
): Resource[] {
  const specs = k.images ?? [];
  if (specs.length === 0) return resources;
  // as kustomize's FsSlice.MergeAll: configured specs that repeat a builtin one are dropped
  const configured = mergeFieldSpecs(IMAGE_SPECS, extra).slice(
    IMAGE_SPECS.length,
  );

  const containers: Container[] = [];
  for (const r of resources) {
    if (r.object.kind === 'CustomResourceDefinition') continue;
    collectContainers(r.object, containers);
  }
  for (const spec of specs) {
    for (const c of containers) {
      if (typeof c.image !== 'string') continue;
      const next = updateImage(c.image, spec);
      if (next !== undefined) c.image = next;
    }
    // as kustomize's ImageTagTransformer: the legacy walk, then the configured specs, per entry
    if (configured.length > 0)
      applyConfiguredImages(resources, spec, configured);
  }
  return resources;
}

/**
 * kustomize's imagetag.Filter over the `images` specs of `configurations:`
 * (look up only, never created; CRDs denied), per entry after the legacy
 * containers walk. The builtin specs name container images, which the legacy
 * walk has already set, so only the configured ones are visited here.
 */
function applyConfiguredImages(
  resources: Resource[],
  spec: ImageSpec,
  extra: FieldSpec[],
): void {
  for (const r of resources) {
    if (r.object.kind === 'CustomResourceDefinition') continue;
    for (const fs of extra) {
      if (!fieldSpecSelects(fs, r.object)) continue;
      visitFieldSpec(r.object, { ...fs, create: false }, h => {
        const v = holderValue(h);
        if (typeof v !== 'string') return;
        const next = updateImage(v, spec);
        if (next !== undefined) setHolderValue(h, next);
      });
    }
  }
}
