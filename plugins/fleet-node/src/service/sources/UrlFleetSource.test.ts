import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { UrlFleetSource } from './UrlFleetSource';
import { exampleFleetArchive } from '../__testUtils__/githubArchive';
import { WorkerFleetService } from '../WorkerFleetService';

const API = 'https://api.github.com';
const SHA1 = 'a'.repeat(40);
const SHA2 = 'b'.repeat(40);

const tarball = exampleFleetArchive;

describe('UrlFleetSource on GitHub', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: string[] = [];
  let head = SHA1;
  let status: (() => Response) | undefined;
  const archives = new Map<string, Buffer>();

  beforeAll(async () => {
    archives.set(SHA1, await tarball(SHA1));
    archives.set(SHA2, await tarball(SHA2, { 'README.md': 'second\n' }));
  });
  beforeEach(() => {
    requests.length = 0;
    head = SHA1;
    status = undefined;
    server.use(
      http.get(`${API}/repos/org/fleet/commits/main/status`, ({ request }) => {
        requests.push(new URL(request.url).pathname);
        if (status) return status();
        return HttpResponse.json({
          sha: head,
          repository: {
            archive_url: `${API}/repos/org/fleet/{archive_format}{/ref}`,
          },
        });
      }),
      http.get(`${API}/repos/org/fleet/tarball/:sha`, ({ params, request }) => {
        requests.push(new URL(request.url).pathname);
        const body = archives.get(String(params.sha));
        return body
          ? new HttpResponse(body, {
              headers: { 'content-type': 'application/x-gzip' },
            })
          : new HttpResponse(null, { status: 404 });
      }),
    );
  });

  const reader = UrlReaders.default({
    config: new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'secret' }] },
    }),
    logger: mockServices.logger.mock(),
  });
  const source = () =>
    new UrlFleetSource('https://github.com/org/fleet/tree/main', () => reader, {
      maxFileBytes: 5_000_000,
    });

  it('reads the archive of the branch tip, with the commit SHA as revision', async () => {
    const poll = await source().poll(null);
    expect(poll).toMatchObject({ changed: true, revision: SHA1 });
    if (!poll.changed || poll.job.kind !== 'files')
      throw new Error('expected files');
    const files = new Map(poll.job.files);
    expect(files.get('clusters/prod/kustomization.yaml')).toContain(
      'kind: Kustomization',
    );
    expect(requests).toEqual([
      '/repos/org/fleet/commits/main/status',
      `/repos/org/fleet/tarball/${SHA1}`,
    ]);
  });

  it('costs one request and no download when the revision is unchanged', async () => {
    expect(await source().poll(SHA1)).toEqual({
      changed: false,
      revision: SHA1,
    });
    expect(requests).toEqual(['/repos/org/fleet/commits/main/status']);
  });

  it('treats a 304 as unchanged', async () => {
    status = () => new HttpResponse(null, { status: 304 });
    expect(await source().poll(SHA1)).toEqual({
      changed: false,
      revision: SHA1,
    });
  });

  it('reads the new archive when the branch moved', async () => {
    head = SHA2;
    const poll = await source().poll(SHA1);
    expect(poll).toMatchObject({ changed: true, revision: SHA2 });
    expect(requests).toHaveLength(2);
  });

  it.each([
    ['404', () => new HttpResponse(null, { status: 404 }), /404/],
    ['401', () => new HttpResponse(null, { status: 401 }), /401/],
    ['503', () => new HttpResponse(null, { status: 503 }), /503/],
    [
      'rate limit',
      () =>
        new HttpResponse(null, {
          status: 403,
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': '9999999999',
          },
        }),
      /rate limit exceeded/,
    ],
  ])('fails the poll on %s', async (_name, response, message) => {
    status = response;
    await expect(source().poll(SHA1)).rejects.toThrow(message);
  });

  it('keeps the last good model when a later read fails', async () => {
    const service = new WorkerFleetService({
      source: source(),
      logger: mockServices.logger.mock(),
      budget: { timeoutMs: 120_000, maxMemoryMb: 1024 },
    });
    try {
      const good = await service.getState();
      expect(good.revision).toBe(SHA1);
      expect(good.matrix.clusters.map(c => c.name)).toEqual([
        'dev',
        'prod',
        'test',
      ]);
      status = () => new HttpResponse(null, { status: 503 });
      const after = await service.refresh();
      expect(after.model).toBe(good.model);
      expect(after.lastError?.message).toMatch(/503/);
    } finally {
      await service.close();
    }
  }, 120_000);
});
