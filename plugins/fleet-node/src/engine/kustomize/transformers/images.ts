/*
 * kustomize's ImageTagTransformer (api/filters/imagetag LegacyFilter plus
 * api/image IsImageMatched / Split): rewrites `image` of every element of any
 * `containers` or `initContainers` list anywhere in a resource, except in
 * CustomResourceDefinitions.
 */
import type { ImageSpec } from '../../types';
import type { Resource } from '../resource';
import type { Kustomization } from '../kustomization';

/** kustomize's image.IsImageMatched: the entry name is used as a regular expression, as upstream. */
export function isImageMatched(image: string, name: string): boolean {
  let re: RegExp;
  try {
    re = new RegExp(
      `^${name}(@sha256)?(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9]*)?$`,
    );
  } catch {
    return false;
  }
  return re.test(image);
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

function walk(node: unknown, spec: ImageSpec): void {
  if (Array.isArray(node)) {
    node.forEach(n => walk(n, spec));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    walk(value, spec);
    if (
      (key === 'containers' || key === 'initContainers') &&
      Array.isArray(value)
    ) {
      for (const c of value) {
        if (
          typeof c === 'object' &&
          c !== null &&
          typeof (c as Record<string, unknown>).image === 'string'
        ) {
          const next = updateImage((c as Record<string, string>).image, spec);
          if (next !== undefined) (c as Record<string, string>).image = next;
        }
      }
    }
  }
}

/** Applies every `images:` entry in order to every resource. Resources are changed in place. */
export function applyImages(
  resources: Resource[],
  k: Kustomization,
): Resource[] {
  for (const spec of k.images ?? []) {
    for (const r of resources) {
      if (r.object.kind === 'CustomResourceDefinition') continue;
      walk(r.object, spec);
    }
  }
  return resources;
}
