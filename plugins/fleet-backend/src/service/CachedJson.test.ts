import express from 'express';
import request from 'supertest';
import zlib from 'node:zlib';
import { CachedJson, SERIALIZE_SLICE, sendCached } from './CachedJson';

const value = {
  items: Array.from({ length: 200 }, (_, i) => ({
    cluster: 'prod',
    name: `app-${i}`,
  })),
};

function app(cached: CachedJson) {
  return express().get('/x', async (req, res) => sendCached(req, res, cached));
}

describe('sendCached', () => {
  it('sends brotli, gzip or plain JSON as the client accepts, same ETag for each', async () => {
    const cached = new CachedJson(value);
    const server = app(cached);
    const br = await request(server)
      .get('/x')
      .set('Accept-Encoding', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    // supertest decodes brotli itself; the copy sent is the cached one
    expect(br.body).toEqual(value);
    const copy = zlib.brotliDecompressSync(await cached.encoded('br'));
    expect(JSON.parse(copy.toString())).toEqual(value);
    const gz = await request(server).get('/x').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toEqual(value); // supertest inflates gzip
    const plain = await request(server)
      .get('/x')
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(value);
    expect(new Set([br, gz, plain].map(r => r.headers.etag)).size).toBe(1);
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.headers['cache-control']).toBe('private, no-cache');
  });

  it('answers 304 to a client that holds the answer, 200 to one that holds another', async () => {
    const cached = new CachedJson(value);
    const server = app(cached);
    const fresh = await request(server)
      .get('/x')
      .set('If-None-Match', cached.etag);
    expect(fresh.status).toBe(304);
    expect(fresh.text).toBe('');
    const other = new CachedJson({ items: [] });
    const stale = await request(server)
      .get('/x')
      .set('If-None-Match', other.etag);
    expect(stale.status).toBe(200);
  });

  it('compresses once and shares the copy, and leaves small answers uncompressed', async () => {
    const cached = new CachedJson(value);
    const [a, b] = await Promise.all([
      cached.encoded('gzip'),
      cached.encoded('gzip'),
    ]);
    expect(a).toBe(b);
    expect(a.length).toBeLessThan(cached.body.length / 5);
    const small = await request(app(new CachedJson({ ok: true })))
      .get('/x')
      .set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body).toEqual({ ok: true });
  });
});

describe('CachedJson.inSlices', () => {
  const bodyOf = async (v: Record<string, unknown>) =>
    (await CachedJson.inSlices(v, 'objects')).body.toString();

  it('writes exactly what JSON.stringify writes, keys in place, with the ETag of those bytes', async () => {
    const big = {
      clusters: [{ name: 'dev' }],
      objects: Array.from({ length: 2 * SERIALIZE_SLICE + 7 }, (_, i) =>
        i === 5
          ? undefined
          : // characters of 2, 3 and 4 UTF-8 bytes, and a lone surrogate
            { name: `o-${i}`, objects: [i], text: '"\u0000é€😀\ud800' },
      ),
      units: [{ id: 'apps/podinfo' }],
    };
    const sliced = await CachedJson.inSlices(big, 'objects');
    const whole = new CachedJson(big);
    expect(sliced.body.toString()).toBe(JSON.stringify(big));
    expect(sliced.body.equals(whole.body)).toBe(true);
    expect(sliced.etag).toBe(whole.etag);
    expect(sliced.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    const empty = { objects: [], after: 1 };
    expect(await bodyOf(empty)).toBe(JSON.stringify(empty));
    const none = { other: 1 };
    expect(await bodyOf(none)).toBe(JSON.stringify(none));
    const other = await CachedJson.inSlices({ objects: [] }, 'objects');
    expect(other.etag).not.toBe(sliced.etag);
  });

  it('lets the event loop run between slices', async () => {
    const big = {
      objects: Array.from({ length: 3 * SERIALIZE_SLICE }, (_, i) => ({ i })),
    };
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const ticker = (async () => {
      for (let i = 0; i < 10; i++) {
        await new Promise<void>(resolve => setImmediate(resolve));
        turns++;
      }
    })();
    const json = await bodyOf(big);
    clearInterval(timer);
    await ticker;
    expect(json).toBe(JSON.stringify(big));
    // at least one turn of other work ran while the three slices were made
    expect(turns).toBeGreaterThan(0);
  });
});
