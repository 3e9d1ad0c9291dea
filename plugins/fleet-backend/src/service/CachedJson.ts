/*
 * A JSON answer serialized once, with its compressed copies made once, off
 * the event loop (zlib runs in libuv's thread pool), and shared by every
 * request that asks for the same answer. Sent with a weak ETag (a hash of
 * the JSON, so it changes with the revision and with the clusters the
 * caller may read) and 304 on If-None-Match, and with the encoding
 * negotiated from Accept-Encoding as browsers send it. Backstage's root
 * router compresses responses itself (the `compression` middleware), once
 * per request; it leaves a response alone when Content-Encoding is set.
 */
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Below this many bytes an answer is sent as is: compressing it costs more than it saves. */
export const COMPRESS_MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

/** One serialized answer and its compressed copies. */
export class CachedJson {
  readonly body: Buffer;
  /** Weak: the gzip and brotli copies are the same representation. */
  readonly etag: string;
  readonly #encoded = new Map<Encoding, Promise<Buffer>>();

  /**
   * `json` is `value` already serialized, as text or UTF-8 bytes; `etag`,
   * when given, is the ETag of those bytes ({@link CachedJson.inSlices}).
   */
  constructor(
    value: unknown,
    json: string | Buffer = JSON.stringify(value),
    etag?: string,
  ) {
    this.body = typeof json === 'string' ? Buffer.from(json) : json;
    this.etag =
      etag ?? `W/"${createHash('sha1').update(this.body).digest('base64url')}"`;
  }

  /**
   * The answer of `value` (whose array `value[key]` may be long: a 20 × 500
   * fleet's matrix has ~19k objects, ~9 MB of JSON; a 50,000-entity fleet's
   * several times that) without one long task: the array is serialized
   * {@link SERIALIZE_SLICE} items per event-loop turn, and each slice is
   * encoded to UTF-8 and added to the ETag's hash as it is made. Encoding
   * the whole text at the end (17–32 ms per 10 MB on the idle machine) and
   * copying it for WebCrypto's digest (12–15 ms per 10 MB) were one task of
   * 272 ms under the profiler at 50,000 entities
   * (scripts/bench/benchCatalogScale.ts). Same body and ETag as the
   * constructor's, byte for byte.
   */
  static async inSlices(
    value: Record<string, unknown>,
    key: string,
  ): Promise<CachedJson> {
    const hash = createHash('sha1');
    const chunks: Buffer[] = [];
    // JSON.stringify escapes lone surrogates, so no piece ends inside a
    // character and the pieces' bytes are the whole text's bytes
    for await (const piece of jsonPieces(value, key)) {
      const bytes = Buffer.from(piece);
      hash.update(bytes);
      chunks.push(bytes);
    }
    return new CachedJson(
      undefined,
      Buffer.concat(chunks),
      `W/"${hash.digest('base64url')}"`,
    );
  }

  /** The body in `encoding`, compressed on first use and then shared. */
  encoded(encoding: Encoding): Promise<Buffer> {
    let pending = this.#encoded.get(encoding);
    if (!pending) {
      pending =
        encoding === 'br'
          ? brotli(this.body, {
              // quality 11 (the default) takes seconds on megabytes; 5 is
              // within a few percent of it at a tenth of the time
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
              },
            })
          : gzip(this.body, { level: 6 });
      this.#encoded.set(encoding, pending);
      pending.catch(() => this.#encoded.delete(encoding));
    }
    return pending;
  }
}

/**
 * Objects serialized per event-loop turn by {@link CachedJson.inSlices}: 200
 * matrix rows are ~5 ms of JSON.stringify on an idle core (1,000 made tasks
 * of 50 ms under load, which a garbage collection landing next to them
 * stretched past 200 ms in scripts/bench-liveness.ts).
 */
export const SERIALIZE_SLICE = 200;

const PLACEHOLDER = '\u0000fleet-slices\u0000';
const yieldToLoop = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * `JSON.stringify(value)` in pieces, with a yield to the event loop before
 * each slice of {@link SERIALIZE_SLICE} items of the array `value[key]`, so
 * other requests (the liveness probe, the catalog) are served meanwhile.
 * The pieces joined are `JSON.stringify(value)`, byte for byte.
 */
async function* jsonPieces(
  value: Record<string, unknown>,
  key: string,
): AsyncGenerator<string> {
  const items = value[key];
  if (!Array.isArray(items)) {
    yield JSON.stringify(value);
    return;
  }
  const outer = JSON.stringify(value, (_key, v) =>
    v === items ? PLACEHOLDER : v,
  );
  const marker = JSON.stringify(PLACEHOLDER);
  const at = outer.indexOf(marker);
  yield `${outer.slice(0, at)}[`;
  for (let i = 0; i < items.length; i += SERIALIZE_SLICE) {
    await yieldToLoop();
    // JSON.stringify writes an array's holes and undefined items as null
    const slice = JSON.stringify(items.slice(i, i + SERIALIZE_SLICE));
    yield `${i > 0 ? ',' : ''}${slice.slice(1, -1)}`;
  }
  yield `]${outer.slice(at + marker.length)}`;
}

/**
 * Sends `cached`: 304 when the client holds it, else the best encoding the
 * client accepts (brotli, gzip, or none).
 */
export async function sendCached(
  req: Request,
  res: Response,
  cached: CachedJson,
): Promise<void> {
  res.set({
    ETag: cached.etag,
    Vary: 'Accept-Encoding',
    // the answer depends on the caller's permissions: no shared caches,
    // and revalidate each time (a 304 costs a hash comparison)
    'Cache-Control': 'private, no-cache',
  });
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  // brotli when accepted at all: browsers list gzip first but take either,
  // and brotli's copy is the smaller one
  const large = cached.body.length >= COMPRESS_MIN_BYTES;
  let encoding: Encoding | undefined;
  if (large && req.acceptsEncodings('br') === 'br') encoding = 'br';
  else if (large && req.acceptsEncodings('gzip') === 'gzip') encoding = 'gzip';
  if (encoding) {
    const body = await cached.encoded(encoding);
    res.set('Content-Encoding', encoding).send(body);
    return;
  }
  res.send(cached.body);
}
