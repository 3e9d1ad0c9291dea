/*
 * A URL source stops downloading: past the repository bound it aborts the
 * archive's request (readTree's `signal`) instead of reading every refused
 * entry to the end, and a host that stops sending is given up after the
 * source's time limit. Through the real GitHub reader of backend-defaults,
 * with GitHub's REST API emulated by msw. The archive of the bound test is
 * served by a real HTTP server on localhost (msw passes the request
 * through), chunked at a network's pace, counting the bytes it sent until
 * the client hung up: msw's own mock socket reads a mocked body to its end
 * whether or not the client is still there, so it cannot show the abort.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { exampleFleetArchive } from '../__testUtils__/githubArchive';
import { WorkerFleetService } from '../WorkerFleetService';
import { UrlFleetSource } from './UrlFleetSource';

const API = 'https://api.github.com';
const KB = 1024;
const LIMITS = {
  maxFileBytes: 256 * KB,
  maxDirectoryBytes: 512 * KB,
  maxRepositoryBytes: 1024 * KB,
};
const GOOD = '1'.repeat(40);
const HUGE = '2'.repeat(40);
const CHUNK = 16 * KB;

/** What the archive server sent of one response, and whether the client hung up first. */
interface Sent {
  bytes: number;
  hungUp: boolean;
}

/**
 * An HTTP server that sends `archives[sha]` in 16 KB chunks, at most one a
 * millisecond and only as fast as the client reads (write's backpressure),
 * until the end or until the client closes the connection.
 */
function archiveServer(archives: Map<string, Buffer>, sent: () => Sent) {
  return createServer(async (req, res) => {
    const archive = archives.get(req.url!.split('/').pop()!)!;
    const count = sent();
    let closed = false;
    res.on('close', () => {
      closed = true;
      count.hungUp = count.bytes < archive.length;
    });
    res.writeHead(200, { 'content-type': 'application/x-gzip' });
    while (!closed && count.bytes < archive.length) {
      const chunk = archive.subarray(count.bytes, count.bytes + CHUNK);
      count.bytes += chunk.length;
      if (!res.write(chunk))
        await new Promise(r => {
          res.once('drain', r);
          res.once('close', r);
        });
      await new Promise(r => setTimeout(r, 1));
    }
    res.end();
  });
}

describe('a URL source that stops downloading', () => {
  jest.setTimeout(120_000);
  const server = setupServer();
  registerMswTestHooks(server);
  const reader = UrlReaders.default({
    config: new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'secret' }] },
    }),
    logger: mockServices.logger.mock(),
  });
  const archives = new Map<string, Buffer>();
  let head = GOOD;
  let sent: Sent = { bytes: 0, hungUp: false };
  const host: Server = archiveServer(archives, () => sent);
  let archiveUrl = '';
  /** Ends a request the test left hanging, so that none outlives it. */
  let release = () => {};

  beforeAll(async () => {
    await new Promise<void>(r => host.listen(0, '127.0.0.1', r));
    archiveUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    archives.set(GOOD, await exampleFleetArchive(GOOD));
    // eighty 200 KB files of incompressible text: 16 MB against a 1 MB bound
    archives.set(
      HUGE,
      await exampleFleetArchive(
        HUGE,
        Object.fromEntries(
          Array.from({ length: 80 }, (_, i) => [
            `padding/d${i}/f.txt`,
            randomBytes(150 * KB).toString('base64'),
          ]),
        ),
      ),
    );
  });
  afterAll(() => new Promise(r => host.close(r)));
  beforeEach(() => {
    sent = { bytes: 0, hungUp: false };
    server.use(
      http.get(`${API}/repos/org/fleet/commits/main/status`, () =>
        HttpResponse.json({
          sha: head,
          repository: {
            archive_url: `${archiveUrl}/repos/org/fleet/{archive_format}{/ref}`,
          },
        }),
      ),
      http.get(`${archiveUrl}/*`, () => passthrough()),
    );
  });
  afterEach(() => release());

  const source = (timeoutMs?: number) =>
    new UrlFleetSource(
      'https://github.com/org/fleet/tree/main',
      () => reader,
      LIMITS,
      { timeoutMs },
    );

  it('aborts the archive download once the repository bound is crossed, keeping the last good model and the reason', async () => {
    const fleet = source();
    const service = new WorkerFleetService({
      source: fleet,
      logger: mockServices.logger.mock(),
      budget: { timeoutMs: 120_000, maxMemoryMb: 1024 },
    });
    try {
      head = GOOD;
      const good = await service.refresh();
      expect([good.revision, good.lastError]).toEqual([GOOD, undefined]);
      expect(sent.bytes).toBe(archives.get(GOOD)!.length);

      head = HUGE;
      sent = { bytes: 0, hungUp: false };
      const refused = await service.refresh();
      expect(refused.revision).toBe(GOOD);
      expect(refused.model).toBe(good.model);
      expect(refused.lastError?.message).toMatch(
        /the tree read at 2{40} is larger than fleet\.resolve\.maxRepositoryBytes allows, so it was not read further \(padding\/d\d+\/f\.txt was not read: the files read before it already total \d+ bytes, and the repository may hold at most 1048576\.\); keeping the last good model/,
      );
      // the client hung up; the server sent a small part of the archive
      await new Promise(r => setTimeout(r, 300));
      const size = archives.get(HUGE)!.length;
      expect(sent.hungUp).toBe(true);
      // the bound is 1 MB of content; the archive is ~12 MB compressed
      expect(size).toBeGreaterThan(11 * 1024 * KB);
      expect(sent.bytes).toBeLessThan(size / 3);
      // eslint-disable-next-line no-console
      console.log(
        `repository bound crossed: ${sent.bytes} of ${size} archive bytes sent before the client hung up`,
      );
    } finally {
      await service.close();
    }
  });

  it('gives up an archive that stops sending after the time limit', async () => {
    server.use(
      http.get(`${API}/repos/org/fleet/commits/main/status`, () =>
        HttpResponse.json({
          sha: head,
          repository: {
            archive_url: `${API}/repos/org/fleet/{archive_format}{/ref}`,
          },
        }),
      ),
      http.get(`${API}/repos/org/fleet/tarball/:sha`, ({ params }) => {
        const archive = archives.get(String(params.sha))!;
        let first = true;
        const body = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (first) {
              first = false;
              controller.enqueue(new Uint8Array(archive.subarray(0, CHUNK)));
              return;
            }
            // no byte more until the test ends
            await new Promise<void>(r => {
              release = r;
            });
            controller.close();
          },
        });
        return new HttpResponse(body);
      }),
    );
    head = GOOD;
    const started = Date.now();
    await expect(source(1000).poll(null)).rejects.toThrow(
      /^fleet\.source\.url https:\/\/github\.com\/org\/fleet\/tree\/main: no complete tree within 1 s \(fleet\.source\.timeout\), the read was stopped; keeping the last good model$/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('gives up a host that does not answer at all after the time limit', async () => {
    server.use(
      http.get(
        `${API}/repos/org/fleet/commits/main/status`,
        () =>
          new Promise<Response>(r => {
            release = () => r(HttpResponse.json({}, { status: 503 }));
          }),
      ),
    );
    const started = Date.now();
    await expect(source(1000).poll(null)).rejects.toThrow(
      /no complete tree within 1 s \(fleet\.source\.timeout\), the read was stopped; keeping the last good model/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
