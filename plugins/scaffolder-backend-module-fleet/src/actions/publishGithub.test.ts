/*
 * fleet:publish:github under pressure, against GitHub emulated with msw on
 * a virtual clock: GitHub's secondary rate limits (80 content-generating
 * requests a minute, 500 an hour, serial requests) counted on what the
 * emulation received, and re-runs after the usual failures.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  createMockDirectory,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import { fleetService, permissionsDenying } from './__testUtils__/exampleFleet';
import {
  emulateGithub,
  maxWritesIn,
  virtualClock,
  writesOf,
} from './__testUtils__/githubEmulator';
import { publishGithubHarness } from './__testUtils__/publishGithubHarness';
import { createFleetPromoteAction } from './promote';

jest.setTimeout(120_000);

const FILES = [
  'clusters/prod/apps/kustomization.yaml',
  'clusters/prod/infra/kustomization.yaml',
];

describe('fleet:publish:github under pressure', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = createMockDirectory();
  let promoted: Record<string, any>;

  beforeAll(async () => {
    const promote = createFleetPromoteAction({
      fleet: fleetService(),
      permissions: permissionsDenying(),
    });
    const ctx = createMockActionContext({
      input: {
        app: 'foo-app',
        to: ['prod'],
        strategy: 'auto' as const,
        remove: false,
        targetPath: 'fleet',
      },
      workspacePath: workspace.path,
    });
    await promote.handler(ctx);
    promoted = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  });

  const setup = publishGithubHarness(server, workspace.path, () => ({
    title: promoted.title,
    description: promoted.body,
    filesToDelete: promoted.filesToDelete,
  }));

  it('opens one pull request with one tree and one commit, text inline, no blob', async () => {
    const { github, publish } = setup({ changedSince: { planned: [] } });
    const out = await publish({ branchName: 'promote/foo-app-prod' });
    expect(out.pullRequestNumber).toBe(1);
    expect(github.pulls).toEqual([
      {
        head: 'promote/foo-app-prod',
        base: 'main',
        title: promoted.title,
        body: promoted.body,
      },
    ]);
    expect(github.trees).toHaveLength(1);
    expect(github.trees[0].map(t => t.path).sort()).toEqual(FILES);
    expect(github.trees[0].every(t => typeof t.content === 'string')).toBe(
      true,
    );
    expect(github.blobs).toBe(0);
    expect(writesOf(github.log).map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/example-org/fleet/git/trees',
      'POST /repos/example-org/fleet/git/commits',
      'POST /repos/example-org/fleet/git/refs',
      'POST /repos/example-org/fleet/pulls',
    ]);
  });

  it('keeps 50 promotions in a row within 80 writes a minute and 500 an hour, one request at a time', async () => {
    const { github, publish, clock } = setup({ changedSince: { planned: [] } });
    for (let i = 0; i < 50; i++)
      await publish({ branchName: `promote/foo-app-prod-${i}` });
    expect(github.pulls).toHaveLength(50);
    expect(writesOf(github.log)).toHaveLength(200);
    expect(maxWritesIn(github.log, 60_000)).toBeLessThanOrEqual(80);
    expect(maxWritesIn(github.log, 3_600_000)).toBeLessThanOrEqual(500);
    expect(Math.max(...github.log.map(r => r.inFlight))).toBe(1);
    // spaced a second apart, as GitHub's best practices ask
    expect(clock.t).toBeGreaterThanOrEqual(199_000);
  });

  it('serializes 10 promotions started at once', async () => {
    const { github, publish } = setup({ changedSince: { planned: [] } });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        publish({ branchName: `promote/at-once-${i}` }),
      ),
    );
    expect(github.pulls).toHaveLength(10);
    expect(Math.max(...github.log.map(r => r.inFlight))).toBe(1);
    expect(maxWritesIn(github.log, 60_000)).toBeLessThanOrEqual(80);
  });

  it('refuses, before writing, a promotion the hour’s 500 writes cannot take', async () => {
    const { github, publish } = setup({ changedSince: { planned: [] } });
    for (let i = 0; i < 124; i++)
      await publish({ branchName: `promote/hour-${i}` });
    const before = writesOf(github.log).length;
    await expect(publish({ branchName: 'promote/hour-124' })).rejects.toThrow(
      /500 content-generating requests an hour.*nothing was written, retry in \d+ s/,
    );
    expect(writesOf(github.log)).toHaveLength(before);
    expect(maxWritesIn(github.log, 3_600_000)).toBeLessThanOrEqual(500);
    expect(github.refs.has('promote/hour-124')).toBe(false);
  });

  it('publishes a 300-file change as one tree and one commit', async () => {
    const { github, publish } = setup();
    const dir = join(workspace.path, 'many');
    for (let i = 0; i < 300; i++) {
      await fs.mkdir(join(dir, `apps/app-${i}`), { recursive: true });
      await fs.writeFile(
        join(dir, `apps/app-${i}/kustomization.yaml`),
        `resources:\n  - ../base # app ${i}\n`,
      );
    }
    await publish({
      branchName: 'promote/many',
      sourcePath: 'many',
      revision: null,
    });
    expect(github.trees).toHaveLength(1);
    expect(github.trees[0]).toHaveLength(300);
    expect(github.trees[0][7].content).toMatch(/^resources:\n {2}- \.\.\/base/);
    expect(github.blobs).toBe(0);
    expect(writesOf(github.log)).toHaveLength(4);
    await fs.rm(dir, { recursive: true });
  });

  it('measures what it replaces: Backstage’s stock action sends the same 300 files as 300 blobs', async () => {
    const clock = virtualClock();
    const github = emulateGithub(server, clock);
    const stock = createPublishGithubPullRequestAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 'ghp_t' }] },
        }),
      ),
      config: new ConfigReader({}),
    });
    const dir = join(workspace.path, 'stock');
    for (let i = 0; i < 300; i++) {
      await fs.mkdir(join(dir, `apps/app-${i}`), { recursive: true });
      await fs.writeFile(
        join(dir, `apps/app-${i}/kustomization.yaml`),
        `# ${i}\n`,
      );
    }
    await stock.handler(
      createMockActionContext({
        input: {
          repoUrl: 'github.com?owner=example-org&repo=fleet',
          branchName: 'promote/stock',
          title: 'stock',
          description: '',
          sourcePath: 'stock',
        },
        workspacePath: workspace.path,
      }),
    );
    expect(github.blobs).toBe(300);
    expect(writesOf(github.log)).toHaveLength(304);
    await fs.rm(dir, { recursive: true });
  });

  it('sends a binary file as a blob, the text files inline', async () => {
    const { github, publish } = setup();
    const dir = join(workspace.path, 'binary');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      join(dir, 'logo.png'),
      Buffer.from([0x89, 0x50, 0xff, 0xfe]),
    );
    await fs.writeFile(join(dir, 'kustomization.yaml'), 'resources: []\n');
    await publish({
      branchName: 'promote/binary',
      sourcePath: 'binary',
      revision: null,
    });
    expect(github.blobs).toBe(1);
    expect(github.trees[0].find(t => t.path === 'logo.png')!.sha).toBe(
      'blob-1',
    );
    await fs.rm(dir, { recursive: true });
  });
});
