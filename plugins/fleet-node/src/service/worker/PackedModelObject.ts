/*
 * A model object as the main thread keeps it: its matrix row (provenance and
 * facts) and its body as bytes in V8's serialization format, in an
 * ArrayBuffer the worker transferred with the message that carried it. The
 * garbage collector does not trace bytes, so a model of 19k objects costs a
 * major collection the rows only, not ~20 heap objects per body; the body is
 * deserialized when something reads `object` (the object routes, the
 * promotion planner), which is a few objects per request.
 *
 * V8's format, not JSON: it is what postMessage used for the body before
 * (the structured clone algorithm), so a body keeps what JSON would change
 * (NaN and ±Infinity from `.nan`/`.inf`, -0).
 */
import { deserialize, serialize } from 'node:v8';
import type {
  FleetObject,
  SecretPath,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { KObject } from '../../engine';
import type { KeptModelObject } from './LastGoodKeeper';

/** The bodies of one message: one buffer, each body at `offsets[i]..offsets[i + 1]`. */
export interface PackedBodies {
  buffer: ArrayBuffer;
  offsets: number[];
  /**
   * The `secretPaths` of the bodies that have some, by position: the
   * fields copied from Secret data travel beside the bodies, not in them.
   */
  secretPaths?: Record<number, SecretPath[]>;
  /** The `plainPaths` of the bodies that have some, by position. */
  plainPaths?: Record<number, SecretPath[]>;
}

/** The engine's records of copied Secret data of one body (BuiltResource). */
export interface CopyRecords {
  secretPaths?: SecretPath[];
  plainPaths?: SecretPath[];
}

/**
 * Serializes `bodies` into one transferable buffer (on the worker), with
 * each body's records of copied Secret data (`copies`, same positions)
 * beside it.
 */
export function packBodies(
  bodies: readonly KObject[],
  copies: ReadonlyArray<CopyRecords> = [],
): PackedBodies {
  const parts = bodies.map(b => serialize(b));
  const offsets = [0];
  for (const p of parts) offsets.push(offsets[offsets.length - 1] + p.length);
  // a fresh buffer, not Node's pool: the whole of it is transferred
  const buffer = new ArrayBuffer(offsets[offsets.length - 1]);
  const bytes = new Uint8Array(buffer);
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  const packed: PackedBodies = { buffer, offsets };
  copies.forEach(({ secretPaths, plainPaths }, i) => {
    if (secretPaths?.length) (packed.secretPaths ??= {})[i] = secretPaths;
    if (plainPaths?.length) (packed.plainPaths ??= {})[i] = plainPaths;
  });
  return packed;
}

/**
 * A {@link KeptModelObject} whose body stays serialized until read. Reading
 * `object` deserializes it; the result is held weakly, so repeated reads in
 * one task (`o.object.kind`, then `o.object.metadata`) share one copy and the
 * heap lets it go once no caller holds it. Read-only, as every model object.
 */
export class PackedModelObject implements KeptModelObject {
  readonly cluster: string;
  readonly unit: string | null;
  readonly fluxKustomization: string;
  readonly source: KeptModelObject['source'];
  readonly via: KeptModelObject['via'];
  declare readonly stale?: KeptModelObject['stale'];
  declare readonly secretPaths?: KeptModelObject['secretPaths'];
  declare readonly plainPaths?: KeptModelObject['plainPaths'];
  declare readonly object: KObject;
  readonly #bodies: ArrayBuffer;
  readonly #start: number;
  readonly #end: number;
  #read?: WeakRef<KObject>;

  // one accessor for every instance, defined as an own enumerable property so
  // that a spread (`{ ...o }`) or a deep equality sees the body as before
  static readonly #objectProperty: PropertyDescriptor = {
    enumerable: true,
    get(this: PackedModelObject) {
      return PackedModelObject.bodyOf(this);
    },
  };

  /**
   * Shares `row`'s provenance (`source`, `via`) instead of copying it: the
   * matrix row and the model object describe the same object.
   */
  constructor(row: FleetObject, bodies: PackedBodies, index: number) {
    this.cluster = row.cluster;
    this.unit = row.unit;
    this.fluxKustomization = row.fluxKustomization;
    this.source = row.source;
    this.via = row.via;
    if (row.stale) this.stale = row.stale;
    const secretPaths = bodies.secretPaths?.[index];
    if (secretPaths) this.secretPaths = secretPaths;
    const plainPaths = bodies.plainPaths?.[index];
    if (plainPaths) this.plainPaths = plainPaths;
    this.#bodies = bodies.buffer;
    this.#start = bodies.offsets[index];
    this.#end = bodies.offsets[index + 1];
    Object.defineProperty(this, 'object', PackedModelObject.#objectProperty);
  }

  /** The body of `o`, deserialized at most once while a caller holds it. */
  static bodyOf(o: PackedModelObject): KObject {
    const held = o.#read?.deref();
    if (held) return held;
    const body = deserialize(
      new Uint8Array(o.#bodies, o.#start, o.#end - o.#start),
    ) as KObject;
    o.#read = new WeakRef(body);
    return body;
  }
}
