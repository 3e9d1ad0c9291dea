/*
 * The size bounds of a URL source (fleet.resolve.maxFileBytes,
 * maxDirectoryBytes, maxRepositoryBytes), through the real GitHub reader of
 * backend-defaults and the resolve worker, with GitHub's REST API emulated
 * by msw: an archive past the repository bound is not read further and the
 * last good model stays, with the reason in the service's state (what
 * `/status` shows); a file past the file or directory bound is skipped and
 * reported, and the rest of the tree is applied.
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
const KB = 1024;
const LIMITS = {
  maxFileBytes: 64 * KB,
  maxDirectoryBytes: 100 * KB,
  maxRepositoryBytes: 400 * KB,
};
const GOOD = '1'.repeat(40);
const HUGE = '2'.repeat(40);
const CROWDED = '3'.repeat(40);
const NEXT = '4'.repeat(40);

const tarball = exampleFleetArchive;

const EXTRA_NAMESPACE = {
  'clusters/dev/apps/kustomization.yaml': '', // appended to below
  'clusters/dev/apps/extra.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n',
};

describe('the size bounds of a URL source', () => {
  jest.setTimeout(120_000);
  const server = setupServer();
  registerMswTestHooks(server);
  const archives = new Map<string, Buffer>();
  let head = GOOD;
  const reader = UrlReaders.default({
    config: new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'secret' }] },
    }),
    logger: mockServices.logger.mock(),
  });
  const source = new UrlFleetSource(
    'https://github.com/org/fleet/tree/main',
    () => reader,
    LIMITS,
  );
  let service: WorkerFleetService;

  beforeAll(async () => {
    const devApps = await fs.readFile(
      path.join(EXAMPLE_FLEET, 'clusters/dev/apps/kustomization.yaml'),
      'utf8',
    );
    const withExtra = {
      ...EXTRA_NAMESPACE,
      'clusters/dev/apps/kustomization.yaml': `${devApps}  - ./extra.yaml\n`,
    };
    archives.set(GOOD, await tarball(GOOD, {}));
    // ten directories of one 60 KB file: every file and directory within
    // its bound, 600 KB in all against a 400 KB repository bound
    archives.set(
      HUGE,
      await tarball(HUGE, {
        ...withExtra,
        ...Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [
            `padding/d${i}/f.txt`,
            60 * KB,
          ]),
        ),
      }),
    );
    // one directory of two 60 KB files (past the 100 KB directory bound)
    // and one 70 KB file (past the 64 KB file bound)
    archives.set(
      CROWDED,
      await tarball(CROWDED, {
        ...withExtra,
        'bulk/a.txt': 60 * KB,
        'bulk/b.txt': 60 * KB,
        'large/c.txt': 70 * KB,
      }),
    );
    archives.set(NEXT, await tarball(NEXT, withExtra));
  });
  beforeEach(() => {
    server.use(
      http.get(`${API}/repos/org/fleet/commits/main/status`, () =>
        HttpResponse.json({
          sha: head,
          repository: {
            archive_url: `${API}/repos/org/fleet/{archive_format}{/ref}`,
          },
        }),
      ),
      http.get(
        `${API}/repos/org/fleet/tarball/:sha`,
        ({ params }) =>
          new HttpResponse(archives.get(String(params.sha))!, {
            headers: { 'content-type': 'application/x-gzip' },
          }),
      ),
    );
    service ??= new WorkerFleetService({
      source,
      logger: mockServices.logger.mock(),
      budget: { timeoutMs: 120_000, maxMemoryMb: 1024 },
    });
  });
  afterAll(() => service?.close());

  const namespacesOfDev = (
    state: Awaited<ReturnType<typeof service.refresh>>,
  ) =>
    state.matrix.objects
      .filter(o => o.cluster === 'dev' && o.kind === 'Namespace')
      .map(o => o.name);

  it('keeps the last good model when an archive is past the repository bound, then applies the next commit within it', async () => {
    head = GOOD;
    const good = await service.refresh();
    expect([good.revision, good.lastError]).toEqual([GOOD, undefined]);

    head = HUGE;
    const refused = await service.refresh();
    expect(refused.revision).toBe(GOOD);
    expect(refused.model).toBe(good.model);
    expect(refused.lastError?.message).toMatch(
      /larger than fleet\.resolve\.maxRepositoryBytes allows, so it was not read further \(padding\/d\d\/f\.txt was not read: the files read before it already total \d+ bytes, and the repository may hold at most 409600\.\); keeping the last good model/,
    );
    expect(refused.lastError?.message).not.toContain('secret');

    head = NEXT;
    const next = await service.refresh();
    expect([next.revision, next.lastError]).toEqual([NEXT, undefined]);
    expect(namespacesOfDev(next)).toContain('extra');
  });

  it('skips and reports a file past the file or directory bound, and applies the rest', async () => {
    head = CROWDED;
    const state = await service.refresh();
    expect([state.revision, state.lastError]).toEqual([CROWDED, undefined]);
    expect(namespacesOfDev(state)).toContain('extra');
    // the worker's model carries them too, as for a local source
    expect(
      state.matrix.problems
        .filter(p => p.rule === 'file-too-large')
        .map(p => p.file)
        .sort(),
    ).toEqual([expect.stringMatching(/^bulk\/[ab]\.txt$/), 'large/c.txt']);
    const snapshot = await source.snapshot(CROWDED);
    // the archive's order decides which of the two bulk files comes second
    const bulk = ['bulk/a.txt', 'bulk/b.txt'];
    const [read, skipped] = snapshot.files.has(bulk[0]) ? bulk : bulk.reverse();
    expect([snapshot.files.has(read), snapshot.files.has(skipped)]).toEqual([
      true,
      false,
    ]);
    expect(snapshot.files.has('large/c.txt')).toBe(false);
    expect(
      snapshot.problems
        .map(p => [p.rule, p.file, p.message])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [
        'file-too-large',
        skipped,
        `${skipped} was not read: the files of bulk read before it already total 61440 bytes, and a directory may hold at most 102400.`,
      ],
      [
        'file-too-large',
        'large/c.txt',
        'large/c.txt is 71680 bytes, over the 65536-byte limit; it was not read.',
      ],
    ]);
  });
});
