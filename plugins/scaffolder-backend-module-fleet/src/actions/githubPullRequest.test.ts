/*
 * The GitHub path end to end: fleet:promote writes the promotion into the
 * workspace, and Backstage's own publish:github:pull-request (its real
 * handler, default Octokit client) opens the pull request against GitHub's
 * REST and GraphQL APIs emulated with msw.
 */
import {
  createMockDirectory,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fleetService, permissionsDenying } from './__testUtils__/exampleFleet';
import { createFleetPromoteAction } from './promote';

// resolves the example fleet and retries after rate limits: slow on a loaded machine
jest.setTimeout(60_000);

const API = 'https://api.github.com';
const REPO = `${API}/repos/example-org/fleet`;

interface Scenario {
  /** The head branch exists already (the plugin force-updates it). */
  branchExists?: boolean;
  /** An open pull request from the head branch exists already. */
  pullRequestExists?: boolean;
  /** GitHub's answer to reading the repository (403: no access). */
  repoStatus?: number;
  /** GitHub's answer to opening the pull request (422: validation failed). */
  pullStatus?: number;
  /** Rate-limit the first N reads of the repository (429 with retry-after: 1). */
  rateLimited?: number;
}

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

  let calls: string[];
  let tree: { path: string; sha?: string | null; content?: string }[];
  let blobs: Map<string, string>;
  let pull:
    | { title: string; body: string; head: string; base: string }
    | undefined;

  function emulateGitHub(s: Scenario) {
    calls = [];
    blobs = new Map();
    tree = [];
    pull = undefined;
    let rateLimited = s.rateLimited ?? 0;
    const log = (name: string) => calls.push(name);
    server.use(
      http.get(REPO, () => {
        log('GET repo');
        if (rateLimited-- > 0) {
          return HttpResponse.json(
            { message: 'API rate limit exceeded' },
            {
              status: 429,
              headers: { 'retry-after': '1', 'x-ratelimit-remaining': '0' },
            },
          );
        }
        if (s.repoStatus)
          return HttpResponse.json(
            { message: 'Resource not accessible by integration' },
            { status: s.repoStatus },
          );
        return HttpResponse.json({
          default_branch: 'main',
          permissions: { push: true },
        });
      }),
      http.get(`${REPO}/commits`, () => {
        log('GET commits');
        return HttpResponse.json([
          { sha: 'base-commit', commit: { tree: { sha: 'base-tree' } } },
        ]);
      }),
      http.post(`${REPO}/git/blobs`, async ({ request }) => {
        const body = (await request.json()) as {
          content: string;
          encoding: string;
        };
        const sha = `blob-${blobs.size}`;
        blobs.set(
          sha,
          Buffer.from(body.content, body.encoding as BufferEncoding).toString(
            'utf8',
          ),
        );
        return HttpResponse.json({ sha }, { status: 201 });
      }),
      http.post(`${REPO}/git/trees`, async ({ request }) => {
        tree = ((await request.json()) as { tree: typeof tree }).tree;
        log('POST tree');
        return HttpResponse.json({ sha: 'new-tree' }, { status: 201 });
      }),
      http.post(`${REPO}/git/commits`, () =>
        HttpResponse.json({ sha: 'new-commit' }, { status: 201 }),
      ),
      // the plugin's query is anonymous: match the endpoint, not an operation name
      http.post(`${API}/graphql`, () =>
        HttpResponse.json({
          data: {
            repository: {
              ref:
                s.branchExists || s.pullRequestExists
                  ? {
                      associatedPullRequests: {
                        edges: s.pullRequestExists
                          ? [
                              {
                                node: {
                                  id: 'PR_1',
                                  number: 7,
                                  url: 'https://github.com/example-org/fleet/pull/7',
                                },
                              },
                            ]
                          : [],
                      },
                    }
                  : null,
            },
          },
        }),
      ),
      http.post(`${REPO}/git/refs`, () => {
        log('POST ref');
        return HttpResponse.json({ ref: 'refs/heads/x' }, { status: 201 });
      }),
      http.patch(`${REPO}/git/refs/*`, () => {
        log('PATCH ref');
        return HttpResponse.json({ ref: 'refs/heads/x' });
      }),
      http.post(`${REPO}/pulls`, async ({ request }) => {
        log('POST pull');
        if (s.pullStatus) {
          return HttpResponse.json(
            {
              message: 'Validation Failed',
              errors: [
                { message: 'No commits between main and promote/foo-app-prod' },
              ],
            },
            { status: s.pullStatus },
          );
        }
        pull = (await request.json()) as typeof pull;
        return HttpResponse.json(
          {
            number: 42,
            html_url: 'https://github.com/example-org/fleet/pull/42',
            base: { ref: 'main' },
          },
          { status: 201 },
        );
      }),
    );
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
    expect(tree.map(t => t.path).sort()).toEqual([
      'clusters/prod/apps/kustomization.yaml',
      'clusters/prod/infra/kustomization.yaml',
    ]);
    expect(
      blobs.get(
        tree.find(t => t.path === 'clusters/prod/apps/kustomization.yaml')!
          .sha!,
      ),
    ).toMatch(/- \.\.\/\.\.\/\.\.\/apps\/foo-app\/base\n$/);
    expect(pull).toEqual(
      expect.objectContaining({
        title: 'Promote foo-app from test to prod',
        body: out.body,
        base: 'main',
        head: 'example-org:promote/foo-app-prod',
      }),
    );
    expect(pull!.body).toContain('`Deployment foo/foo-app`');
    expect(calls).toEqual([
      'GET repo',
      'GET commits',
      'POST tree',
      'POST ref',
      'POST pull',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 42);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      'https://github.com/example-org/fleet/pull/42',
    );
  });

  it('moves an existing head branch to the promotion commit', async () => {
    emulateGitHub({ branchExists: true });
    const { ctx } = await run();
    expect(calls).toContain('PATCH ref');
    expect(calls).not.toContain('POST ref');
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 42);
  });

  it('fails, opening nothing, when a pull request from the branch is open already', async () => {
    emulateGitHub({ pullRequestExists: true });
    await expect(run()).rejects.toThrow(
      /Pull request already exists: https:\/\/github.com\/example-org\/fleet\/pull\/7/,
    );
    expect(calls).not.toContain('POST pull');
    expect(calls).not.toContain('POST ref');
  });

  it('fails with GitHub’s reason when the token may not read the repository (403)', async () => {
    emulateGitHub({ repoStatus: 403 });
    await expect(run()).rejects.toThrow(
      /Resource not accessible by integration/,
    );
    expect(calls).toEqual(['GET repo']);
  });

  it('fails with GitHub’s validation errors when it refuses the pull request (422)', async () => {
    emulateGitHub({ pullStatus: 422 });
    await expect(run()).rejects.toThrow(/Validation Failed/);
    expect(pull).toBeUndefined();
  });

  it('waits out a rate limit (retry-after) and then opens the pull request', async () => {
    emulateGitHub({ rateLimited: 1 });
    const started = Date.now();
    const { ctx } = await run();
    expect(calls.filter(c => c === 'GET repo')).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(ctx.output).toHaveBeenCalledWith('pullRequestNumber', 42);
  });
});
