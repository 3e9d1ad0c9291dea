/*
 * fleet:publish:github re-run after the usual failures, against GitHub
 * emulated with msw: every refusal says why and leaves no branch, no
 * second pull request and (before the first write) no write at all.
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { writesOf } from './__testUtils__/githubEmulator';
import {
  PROD_LIST as PROD,
  promotedWorkspace,
  publishGithubHarness,
} from './__testUtils__/publishGithubHarness';

jest.setTimeout(60_000);

const BRANCH = 'promote/foo-app-prod';

describe('fleet:publish:github re-runs and refusals', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = promotedWorkspace();

  const setup = publishGithubHarness(server, workspace.path, () => ({
    branchName: BRANCH,
    title: 'Promote foo-app from test to prod',
    description: 'body',
  }));

  it('refuses when a pull request from the branch is open, writing nothing', async () => {
    const { github, publish } = setup({
      changedSince: { planned: [] },
      branches: { [BRANCH]: { openPull: 7 } },
    });
    await expect(publish()).rejects.toThrow(
      /pull request from promote\/foo-app-prod is open already: https:\/\/github.com\/example-org\/fleet\/pull\/7; nothing was written/,
    );
    expect(writesOf(github.log)).toEqual([]);
  });

  it('moves an existing branch without a pull request and opens one pull request', async () => {
    const { github, publish } = setup({
      changedSince: { planned: [] },
      branches: { [BRANCH]: {} },
    });
    const out = await publish();
    expect(out.pullRequestNumber).toBe(1);
    expect(github.pulls).toHaveLength(1);
    expect(github.refs.get(BRANCH)).toBe('commit-1');
    expect(writesOf(github.log).map(r => r.method)).toEqual([
      'POST',
      'POST',
      'PATCH',
      'POST',
    ]);
  });

  it('refuses when the base moved and changed a promoted file, writing nothing', async () => {
    const { github, publish } = setup({
      changedSince: { planned: [PROD, 'README.md'] },
    });
    await expect(publish()).rejects.toThrow(
      /main moved since the promotion was planned on planned \(it is at main-head\): clusters\/prod\/apps\/kustomization.yaml changed; nothing was written, plan it again/,
    );
    expect(writesOf(github.log)).toEqual([]);
  });

  it('goes ahead when the base moved without touching a promoted file', async () => {
    const { github, publish } = setup({
      changedSince: { planned: ['README.md'] },
    });
    await publish();
    expect(github.pulls).toHaveLength(1);
  });

  it('refuses a plan made on a revision GitHub does not have', async () => {
    const { github, publish } = setup({ changedSince: {} });
    await expect(publish()).rejects.toThrow(
      /planned on planned, which example-org\/fleet does not have/,
    );
    expect(writesOf(github.log)).toEqual([]);
  });

  it('refuses when the token may not push (no fork is created)', async () => {
    const { github, publish } = setup({ push: false });
    await expect(publish()).rejects.toThrow(
      /may not push to example-org\/fleet; nothing was written/,
    );
    expect(github.log.map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/example-org/fleet',
    ]);
  });

  it('fails with GitHub’s 403 on the first write and leaves no branch', async () => {
    const { github, publish } = setup({
      changedSince: { planned: [] },
      treeStatus: 403,
    });
    await expect(publish()).rejects.toThrow(/Resource not accessible/);
    expect(github.refs.size).toBe(0);
    expect(github.pulls).toEqual([]);
  });

  it('deletes the branch it created when the pull request cannot be opened', async () => {
    const { github, publish } = setup({
      changedSince: { planned: [] },
      pullStatus: 422,
    });
    await expect(publish()).rejects.toThrow(/Validation Failed/);
    expect(github.log.map(r => r.method)).toContain('DELETE');
    expect(github.refs.has(BRANCH)).toBe(false);
  });

  it('waits out a 429 with retry-after and opens the pull request once', async () => {
    const { github, publish, clock } = setup({
      changedSince: { planned: [] },
      limit: {
        match: 'POST tree',
        times: 1,
        status: 429,
        headers: { 'retry-after': '30' },
      },
    });
    await publish();
    expect(clock.t).toBeGreaterThanOrEqual(30_000);
    expect(github.trees).toHaveLength(1);
    expect(github.pulls).toHaveLength(1);
  });

  it('waits out a secondary-limit 403 with x-ratelimit-remaining: 0 until its reset', async () => {
    const { github, publish, clock } = setup({
      changedSince: { planned: [] },
      limit: {
        match: 'POST ref',
        times: 1,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '45' },
      },
    });
    await publish();
    expect(clock.t).toBeGreaterThanOrEqual(45_000);
    expect(github.pulls).toHaveLength(1);
    expect([...github.refs.keys()]).toEqual([BRANCH]);
  });

  it('fails clearly, leaving no branch, when GitHub asks to wait an hour', async () => {
    const { github, publish } = setup({
      changedSince: { planned: [] },
      limit: {
        match: 'POST ref',
        times: 5,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' },
      },
    });
    await expect(publish()).rejects.toThrow(
      /GitHub rate limit on POST \/repos\/\{owner\}\/\{repo\}\/git\/refs: retry in 3\d{3} s/,
    );
    expect(github.refs.size).toBe(0);
    expect(github.pulls).toEqual([]);
  });
});
