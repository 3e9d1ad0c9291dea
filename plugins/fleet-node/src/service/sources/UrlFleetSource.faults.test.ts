/*
 * Faults of a URL source, through the real GitHub reader of
 * backend-defaults and the resolve worker, with GitHub's REST API emulated
 * by msw. Each fault hits a new commit while the service serves an older
 * one: the service keeps the last good model, reports the error, and the
 * next good read replaces the model. A force-push back to an older commit
 * is served as that commit, as Flux applies whatever the branch points at.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
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
import {
  EXAMPLE_FLEET,
  exampleFleetArchive,
} from '../__testUtils__/githubArchive';

const API = 'https://api.github.com';
const OLD = '1'.repeat(40);
const NEW = '2'.repeat(40);

// GitHub's archive; NEW adds a namespace to dev
async function tarball(sha: string): Promise<Buffer> {
  if (sha !== NEW) return exampleFleetArchive(sha);
  const apps = 'clusters/dev/apps';
  const list = await fs.readFile(
    path.join(EXAMPLE_FLEET, apps, 'kustomization.yaml'),
    'utf8',
  );
  return exampleFleetArchive(sha, {
    [`${apps}/kustomization.yaml`]: `${list}  - ./extra.yaml\n`,
    [`${apps}/extra.yaml`]:
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n',
  });
}

describe('a URL source under faults', () => {
  jest.setTimeout(120_000);
  const server = setupServer();
  registerMswTestHooks(server);
  const archives = new Map<string, Buffer>();
  let head = OLD;
  let fault: (() => Response) | undefined;
  let archiveFault: ((body: Buffer) => Response) | undefined;
  let service: WorkerFleetService;

  const reader = UrlReaders.default({
    config: new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'secret' }] },
    }),
    logger: mockServices.logger.mock(),
  });

  beforeAll(async () => {
    archives.set(OLD, await tarball(OLD));
    archives.set(NEW, await tarball(NEW));
  });
  beforeEach(async () => {
    fault = undefined;
    archiveFault = undefined;
    server.use(
      http.get(`${API}/repos/org/fleet/commits/main/status`, () =>
        fault
          ? fault()
          : HttpResponse.json({
              sha: head,
              repository: {
                archive_url: `${API}/repos/org/fleet/{archive_format}{/ref}`,
              },
            }),
      ),
      http.get(`${API}/repos/org/fleet/tarball/:sha`, ({ params }) => {
        const body = archives.get(String(params.sha))!;
        return archiveFault
          ? archiveFault(body)
          : new HttpResponse(body, {
              headers: { 'content-type': 'application/x-gzip' },
            });
      }),
    );
    service ??= new WorkerFleetService({
      source: new UrlFleetSource(
        'https://github.com/org/fleet/tree/main',
        () => reader,
        { maxFileBytes: 5_000_000 },
      ),
      logger: mockServices.logger.mock(),
      budget: { timeoutMs: 120_000, maxMemoryMb: 1024 },
    });
    // every case starts from a good model of OLD
    head = OLD;
    const state = await service.refresh();
    if (state.revision !== OLD || state.lastError) {
      throw new Error(`expected a good model of OLD, got ${state.revision}`);
    }
  });
  afterAll(() => service?.close());

  const namespacesOfDev = (
    state: Awaited<ReturnType<typeof service.refresh>>,
  ) =>
    state.matrix.objects
      .filter(o => o.cluster === 'dev' && o.kind === 'Namespace')
      .map(o => o.name);

  it.each([
    ['the host unreachable', () => HttpResponse.error(), /fetch|network/i],
    ['401', () => new HttpResponse(null, { status: 401 }), /401/],
    ['403', () => new HttpResponse(null, { status: 403 }), /403/],
    [
      '429 with retry-after',
      () =>
        new HttpResponse(null, {
          status: 429,
          headers: { 'retry-after': '60' },
        }),
      /429/,
    ],
  ])(
    'keeps the last good model and reports the error when the status call fails: %s',
    async (_name, response, message) => {
      const good = await service.getState();
      head = NEW;
      fault = response;
      const failed = await service.refresh();
      expect(failed.model).toBe(good.model);
      expect(failed.revision).toBe(OLD);
      expect(failed.lastError?.message).toMatch(message);
      fault = undefined;
      const next = await service.refresh();
      expect([next.revision, next.lastError]).toEqual([NEW, undefined]);
      expect(namespacesOfDev(next)).toContain('extra');
    },
  );

  it.each([
    ['cut in half', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['cut before its end', (b: Buffer) => b.subarray(0, b.length - 20)],
    ['not gzip', () => Buffer.from('<html>maintenance</html>')],
  ])(
    'keeps the last good model when the archive is %s, never a part of the tree',
    async (_name, cut) => {
      const good = await service.getState();
      head = NEW;
      archiveFault = body =>
        new HttpResponse(cut(body), {
          headers: { 'content-type': 'application/x-gzip' },
        });
      const failed = await service.refresh();
      expect({
        revision: failed.revision,
        clusters: failed.matrix.clusters.length,
        error: typeof failed.lastError?.message,
      }).toEqual({ revision: OLD, clusters: 3, error: 'string' });
      expect(failed.model === good.model).toBe(true);
      expect(namespacesOfDev(failed)).not.toContain('extra');
    },
  );

  it('serves an older commit the branch was force-pushed back to, as Flux would apply it', async () => {
    head = NEW;
    const ahead = await service.refresh();
    expect(namespacesOfDev(ahead)).toContain('extra');
    head = OLD;
    const back = await service.refresh();
    expect([back.revision, back.lastError]).toEqual([OLD, undefined]);
    expect(namespacesOfDev(back)).not.toContain('extra');
    expect(back.model).not.toBe(ahead.model);
  });
});
