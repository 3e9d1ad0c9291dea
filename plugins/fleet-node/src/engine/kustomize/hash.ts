/*
 * kustomize's name hash for generated ConfigMaps and Secrets (api/hasher)
 * and the HashTransformer that appends it at the top-level build.
 */
import { createHash } from 'crypto';
import type { KObject } from '../core/types';
import type { Resource } from './types';
import { storePreviousId } from './transformers/resIds';
import { isRecord } from '../core/records';
import { isShared, own } from './sharedObjects';

/**
 * Go's encoding/json.Marshal of JSON-like data: map keys sorted, and `<`,
 * `>`, `&`, U+2028 and U+2029 escaped inside strings (Go's HTML-safe
 * default), otherwise as JSON.stringify.
 */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    // code unit order, as Go's byte order for the keys kustomize hashes
    const keys = Object.keys(obj).sort();
    return `{${keys
      .map(k => `${goJsonString(k)}:${goJsonMarshal(obj[k])}`)
      .join(',')}}`;
  }
  if (typeof value === 'string') return goJsonString(value);
  return JSON.stringify(value);
}

const GO_ESCAPED = /[<>&\u2028\u2029]/;

function goJsonString(s: string): string {
  const json = JSON.stringify(s);
  // most strings have nothing Go escapes beyond JSON: skip the five passes
  if (!GO_ESCAPED.test(json)) return json;
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** kustomize's encode: the first 10 hex digits of the sha256, with 0 1 3 a e mapped to g h k m t. */
export function encodeHash(data: string): string {
  const hex = createHash('sha256')
    .update(data, 'utf8')
    .digest('hex')
    .slice(0, 10);
  const map: Record<string, string> = {
    '0': 'g',
    '1': 'h',
    '3': 'k',
    a: 'm',
    e: 't',
  };
  return hex.replace(/[013ae]/g, c => map[c]);
}

function mapOrEmpty(v: unknown): unknown {
  // as kustomize's getNodeValues: a missing field is "", a map is kept as is
  return v === undefined ? '' : v;
}

/**
 * kustomize's Hasher.Hash: for a ConfigMap the JSON of kind, name (always
 * empty, as upstream), data (and binaryData when it is a map), for a Secret
 * kind, type, name, data
 * (and stringData when it is a map), for anything else the whole object.
 */
export function hashObject(obj: KObject): string {
  // as kustomize: getNodeValues looks up "metadata/name" as one field name,
  // which never exists, so the name always hashes as ""
  const name = '';
  if (obj.kind === 'ConfigMap') {
    const m: Record<string, unknown> = {
      kind: 'ConfigMap',
      name,
      data: mapOrEmpty(obj.data),
    };
    if (isRecord(obj.binaryData)) m.binaryData = obj.binaryData;
    return encodeHash(goJsonMarshal(m));
  }
  if (obj.kind === 'Secret') {
    const m: Record<string, unknown> = {
      kind: 'Secret',
      type: mapOrEmpty(obj.type),
      name,
      data: mapOrEmpty(obj.data),
    };
    if (isRecord(obj.stringData)) m.stringData = obj.stringData;
    return encodeHash(goJsonMarshal(m));
  }
  return encodeHash(goJsonMarshal(obj));
}

/**
 * Appends `-<hash>` to the name of every generated resource that needs a
 * hash suffix, storing its previous id, as kustomize's HashTransformer at
 * the end of the top-level build (before name references are fixed).
 * Resources are changed in place; the same array is returned.
 */
export function applyHashSuffixes(resources: Resource[]): Resource[] {
  for (const r of resources) {
    if (!r.generator?.needsHash) continue;
    const h = hashOf(r.object);
    storePreviousId(r);
    const object = own(r);
    object.metadata = object.metadata ?? {};
    object.metadata.name = `${object.metadata.name ?? ''}-${h}`;
  }
  return resources;
}

// hashes of shared objects, which never change: a warm build reuses them
const hashes = new WeakMap<KObject, string>();

function hashOf(object: KObject): string {
  if (!isShared(object)) return hashObject(object);
  let h = hashes.get(object);
  if (h === undefined) hashes.set(object, (h = hashObject(object)));
  return h;
}
