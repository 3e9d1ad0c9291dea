import express from 'express';
import request from 'supertest';
import zlib from 'node:zlib';
import { CachedJson, sendCached } from './CachedJson';

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
