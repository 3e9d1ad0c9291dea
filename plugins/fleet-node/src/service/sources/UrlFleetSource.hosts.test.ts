/*
 * Source URLs only through the configured integrations: the real
 * UrlReaders of backend-defaults refuse a URL whose host has no
 * integration (readTree exists only for integrations; `backend.reading.allow`
 * opens single-file reads, not trees) before any request is sent.
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { WorkerFleetService } from '../WorkerFleetService';
import { UrlFleetSource } from './UrlFleetSource';

const readerOf = (config: object) =>
  UrlReaders.default({
    config: new ConfigReader(config),
    logger: mockServices.logger.mock(),
  });
const github = readerOf({
  integrations: { github: [{ host: 'github.com', token: 'secret' }] },
});
const sourceOf = (url: string, reader = github) =>
  new UrlFleetSource(url, () => reader, { maxFileBytes: 5_000_000 });

describe('UrlFleetSource: hosts without an integration', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: string[] = [];
  beforeEach(() => {
    requests.length = 0;
    // any request at all is recorded and fails
    server.use(
      http.all('*', ({ request }) => {
        requests.push(request.url);
        return HttpResponse.error();
      }),
    );
  });

  it.each([
    [
      'a host with no integration',
      'https://git.evil.example/org/fleet/tree/main',
      github,
    ],
    [
      'a GitHub Enterprise host not configured',
      'https://github.corp.example/org/fleet/tree/main',
      github,
    ],
    [
      'a host only in backend.reading.allow (no tree reads)',
      'https://git.evil.example/org/fleet/tree/main',
      readerOf({
        backend: { reading: { allow: [{ host: 'git.evil.example' }] } },
      }),
    ],
    ['a file: URL', 'file:///etc/passwd', github],
    [
      'a credentials-in-URL host',
      'https://user:pw@git.evil.example/org/fleet',
      github,
    ],
  ])(
    'refuses %s with a clear error and sends no request',
    async (_name, url, reader) => {
      const error = await sourceOf(url, reader)
        .poll(null)
        .then(
          () => null,
          e => e,
        );
      expect(error?.name).toBe('NotAllowedError');
      expect(error?.message).toMatch(
        /is on a host no integration reads repositories from/,
      );
      // a token written into the URL goes to no error message
      expect(error?.message).not.toMatch(/pw@/);
      expect(requests).toEqual([]);
    },
  );

  it('keeps credentials written into the URL out of the source description (shown by /status)', () => {
    expect(
      sourceOf('https://user:pw@github.com/org/fleet/tree/main').description,
    ).toBe('url:https://github.com/org/fleet/tree/main');
  });

  it('fails the first read of the service with that error', async () => {
    const service = new WorkerFleetService({
      source: sourceOf('https://git.evil.example/org/fleet/tree/main'),
      logger: mockServices.logger.mock(),
      budget: { timeoutMs: 60_000, maxMemoryMb: 512 },
    });
    try {
      await expect(service.getState()).rejects.toThrow(/git\.evil\.example/);
      expect(requests).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
