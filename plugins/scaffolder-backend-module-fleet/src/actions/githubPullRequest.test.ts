/*
 * The GitHub path end to end: fleet:promote writes the promotion into the
 * workspace, and Backstage's own publish:github:pull-request (its real
 * handler, default Octokit client) opens the pull request against GitHub's
 * REST and GraphQL APIs emulated with msw (the emulation the fleet:publish:github
 * tests use, __testUtils__/githubEmulator.ts).
 */
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
  type GithubScenario,
  virtualClock,
} from './__testUtils__/githubEmulator';
import { createFleetPromoteAction } from './promote';

// resolves the example fleet and retries after rate limits: slow on a loaded machine
jest.setTimeout(60_000);

const NAMES: Record<string, string> = {
  'GET ': 'GET repo',
  'GET /commits': 'GET commits',
  'POST /git/trees': 'POST tree',
  'POST /git/refs': 'POST ref',
  'PATCH /git/refs/heads/promote/foo-app-prod': 'PATCH ref',
  'PATCH /git/refs/heads%2Fpromote%2Ffoo-app-prod': 'PATCH ref',
  'POST /pulls': 'POST pull',
};
const BRANCH = 'promote/foo-app-prod';

describe('fleet:promote composed with publish:github:pull-request', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = createMockDirectory();
  const publish = createPublishGithubPullRequestAction({
    integrations: ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
      }),
    ),
    config: new ConfigReader({}),
  });
  const promote = createFleetPromoteAction({
    fleet: fleetService(),
    permissions: permissionsDenying(),
  });

  let github: ReturnType<typeof emulateGithub>;
  /** The requests GitHub received, as `GET repo`, `POST tree`… (reads and the writes that count). */
  const calls = () =>
    github.log
      .map(r => `${r.method} ${r.path.replace('/repos/example-org/fleet', '')}`)
      .flatMap(c => (NAMES[c] ? [NAMES[c]] : []));
  /** The files of the one tree created, with the text of their blobs. */
  const treeFiles = () =>
    Object.fromEntries(
      github.trees[0].map(t => [t.path, github.blobText.get(t.sha!)]),
    );
  function emulateGitHub(s: GithubScenario) {
    github = emulateGithub(server, virtualClock(), s);
  }

  async function run() {
    workspace.clear();
    const planned = createMockActionContext({
      input: {
        app: 'foo-app',
        to: ['prod'],
        strategy: 'auto' as const,
        remove: false,
        targetPath: 'fleet',
      },
      workspacePath: workspace.path,
    });
    await promote.handler(planned);
    const out = Object.fromEntries((planned.output as jest.Mock).mock.calls);
    const ctx = createMockActionContext({
      input: {
        repoUrl: 'github.com?owner=example-org&repo=fleet',
        branchName: 'promote/foo-app-prod',
        title: out.title,
        description: out.body,
        sourcePath: out.targetPath,
        filesToDelete: out.filesToDelete,
      },
      workspacePath: workspace.path,
    });
    await publish.handler(ctx);
    return { ctx, out };
  }

  it('opens a pull request with exactly the promotion: two list edits, the blast radius in its body', async () => {
    emulateGitHub({});
    const { ctx, out } = await run();
    expect(Object.keys(treeFiles()).sort()).toEqual([
      'clusters/prod/apps/kustomization.yaml',
      'clusters/prod/infra/kustomization.yaml',
    ]);
    expect(treeFiles()['clusters/prod/apps/kustomization.yaml']).toMatch(
      /- \.\.\/\.\.\/\.\.\/apps\/foo-app\/base\n$/,
    );
    expect(github.pulls).toEqual([
      {
        title: 'Promote foo-app from test to prod',
        body: out.body,
        base: 'main',
        head: BRANCH,
      },
    ]);
    expect(github.pulls[0].body).toContain('`Deployment foo/foo-app`');
    expect(calls()).toEqual([
      'GET repo',
      'GET commits',
      'POST tree',
      'POST ref',
      'POST pull',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      'https://github.com/example-org/fleet/pull/1',
    );
  });

  it('moves an existing head branch to the promotion commit', async () => {
    emulateGitHub({ branches: { [BRANCH]: {} } });
    const { ctx } = await run();
    expect(calls()).toContain('PATCH ref');
    expect(calls()).not.toContain('POST ref');
    expect(github.refs.get(BRANCH)).toBe('commit-1');
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
  });

  it('fails, opening nothing, when a pull request from the branch is open already', async () => {
    emulateGitHub({ branches: { [BRANCH]: { openPull: 7 } } });
    await expect(run()).rejects.toThrow(
      /Pull request already exists: https:\/\/github.com\/example-org\/fleet\/pull\/7/,
    );
    expect(calls()).not.toContain('POST pull');
    expect(calls()).not.toContain('POST ref');
  });

  it('fails with GitHub’s reason when the token may not read the repository (403)', async () => {
    emulateGitHub({ repoStatus: 403 });
    await expect(run()).rejects.toThrow(
      /Resource not accessible by integration/,
    );
    expect(calls()).toEqual(['GET repo']);
  });

  it('fails with GitHub’s validation errors when it refuses the pull request (422)', async () => {
    emulateGitHub({ pullStatus: 422 });
    await expect(run()).rejects.toThrow(/Validation Failed/);
    expect(github.pulls).toEqual([]);
  });

  it('waits out a rate limit (retry-after) and then opens the pull request', async () => {
    emulateGitHub({
      limit: {
        match: 'GET repo',
        times: 1,
        status: 429,
        headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
      },
    });
    const started = Date.now();
    const { ctx } = await run();
    expect(calls().filter(c => c === 'GET repo')).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 1);
  });
});
