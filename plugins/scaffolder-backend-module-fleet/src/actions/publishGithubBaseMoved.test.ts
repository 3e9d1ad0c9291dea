/*
 * fleet:publish:github when the base branch moves while it runs ("base
 * moved between check and commit"): the emulated GitHub pushes a commit on
 * main right after each read and write of the publish, touching a promoted
 * file or not. What must hold: one base snapshot (every read pinned to the
 * SHA read first), a commit whose parent is that snapshot with a tree over
 * its `base_tree` (so GitHub's merge carries the base's commit, never
 * reverts it), a refusal naming both SHAs that leaves no branch and no pull
 * request when a promoted file changed, and a re-run after re-planning that
 * succeeds.
 */
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { type GithubScenario, writesOf } from './__testUtils__/githubEmulator';
import {
  PROD_LIST as PROD,
  promotedWorkspace,
  publishGithubHarness,
} from './__testUtils__/publishGithubHarness';

jest.setTimeout(60_000);

const GONE = ['apps/foo-app/overlays/old/a.yaml', 'apps/foo-app/old.yaml'];
const BRANCH = 'promote/foo-app-prod';
const REFUSED_WHILE_WRITING =
  /main moved from main-head to main-2 while the pull request was being written: clusters\/prod\/apps\/kustomization.yaml changed; no branch and no pull request were created, plan it again/;

describe('fleet:publish:github when the base moves during the run', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const workspace = promotedWorkspace();

  const harness = publishGithubHarness(server, workspace.path, () => ({
    branchName: BRANCH,
    title: 'Promote foo-app from test to prod',
    description: 'body',
    filesToDelete: GONE,
  }));

  function setup(scenario: GithubScenario = { changedSince: { planned: [] } }) {
    const { github, publish } = harness(scenario);
    /** Nothing on GitHub names the promotion: no branch, no pull request. */
    const nothingLeft = () => {
      expect(github.refs.size).toBe(0);
      expect(github.pulls).toEqual([]);
      expect(writesOf(github.log).map(r => r.method)).not.toContain('DELETE');
    };
    /** The branch's commit sits on main-head, over its tree, writing only the promoted files. */
    const onSnapshot = () => {
      expect(github.parents).toEqual([['main-head']]);
      expect(github.baseTrees).toEqual(['main-tree']);
      expect(github.trees[0].map(t => t.path).sort()).toEqual(
        [...GONE, PROD].sort(),
      );
      expect(github.reads.every(r => r === 'main-head')).toBe(true);
    };
    return { github, publish, nothingLeft, onSnapshot };
  }

  it('after the base is read, a push to a promoted file is refused before the branch is written', async () => {
    const { github, publish, nothingLeft } = setup();
    github.after('GET ref', () => github.main.move([PROD]));
    await expect(publish()).rejects.toThrow(REFUSED_WHILE_WRITING);
    nothingLeft();
    // the plan was checked on, and the tree built on, the SHA read first
    expect(github.reads.every(r => r === 'main-head')).toBe(true);
  });

  it('after the check, a push to a promoted file is refused, not reverted by the pull request', async () => {
    const { github, publish, nothingLeft } = setup();
    github.after('GET compare', () => github.main.move([PROD]));
    await expect(publish()).rejects.toThrow(REFUSED_WHILE_WRITING);
    nothingLeft();
  });

  it('after the check, a push elsewhere leaves the commit on the checked snapshot and the merge carries it', async () => {
    const { github, publish, onSnapshot } = setup();
    github.after('GET compare', () => github.main.move(['README.md']));
    const out = await publish();
    expect(out.pullRequestNumber).toBe(1);
    onSnapshot();
    expect(github.main.mergeInto('main-head', [...GONE, PROD])).toEqual({
      carried: ['README.md'],
      conflicts: [],
    });
  });

  it('between the probes of deleted files, every probe stays on the snapshot and a push to one is refused', async () => {
    const { github, publish, nothingLeft } = setup();
    github.after('HEAD contents', () => github.main.move([GONE[1]]));
    await expect(publish()).rejects.toThrow(
      /main moved from main-head to main-2 while the pull request was being written: apps\/foo-app\/old.yaml changed/,
    );
    expect(github.reads).toEqual(['main-head', 'main-head', 'main-head']);
    nothingLeft();
  });

  it('between the commit and the branch write, a push to a promoted file is refused', async () => {
    const { github, publish, nothingLeft } = setup();
    github.after('POST commit', () => github.main.move([PROD]));
    await expect(publish()).rejects.toThrow(REFUSED_WHILE_WRITING);
    nothingLeft();
  });

  it('between the commit and the branch write, a push elsewhere is carried by the merge', async () => {
    const { github, publish, onSnapshot } = setup();
    github.after('POST commit', () => github.main.move(['README.md']));
    await publish();
    onSnapshot();
    expect(github.pulls).toHaveLength(1);
    expect(github.main.mergeInto('main-head', [...GONE, PROD]).carried).toEqual(
      ['README.md'],
    );
  });

  it('after the branch write, the pull request shows a push to a promoted file as a conflict, never a revert', async () => {
    const { github, publish, onSnapshot } = setup();
    github.after('POST ref', () => github.main.move([PROD, 'README.md']));
    await publish();
    onSnapshot();
    expect(github.main.mergeInto('main-head', [...GONE, PROD])).toEqual({
      carried: ['README.md'],
      conflicts: [PROD],
    });
  });

  it('re-run after a refusal: planned again on the new base, it opens the pull request', async () => {
    const { github, publish } = setup();
    github.after('GET compare', () => github.main.move([PROD]));
    await expect(publish()).rejects.toThrow(REFUSED_WHILE_WRITING);
    // the same plan again is still refused, before any write
    const writes = writesOf(github.log).length;
    await expect(publish()).rejects.toThrow(
      /main moved since the promotion was planned on planned \(it is at main-2\): clusters\/prod\/apps\/kustomization.yaml changed; nothing was written/,
    );
    expect(writesOf(github.log)).toHaveLength(writes);
    // fleet:promote re-plans on the revision main is at now
    const out = await publish({ revision: 'main-2' });
    expect(out.pullRequestNumber).toBe(1);
    expect(github.parents[github.parents.length - 1]).toEqual(['main-2']);
    expect(github.baseTrees[github.baseTrees.length - 1]).toBe('main-tree-2');
    expect([...github.refs.keys()]).toEqual([BRANCH]);
  });

  it('refuses a plan whose revision the base lost to a force-push, when the plan’s files changed there', async () => {
    const { github, publish, nothingLeft } = setup({
      aheadOf: { planned: [PROD] },
    });
    await expect(publish()).rejects.toThrow(
      /main moved since the promotion was planned on planned \(it is at main-head\): clusters\/prod\/apps\/kustomization.yaml changed; nothing was written/,
    );
    nothingLeft();
    expect(writesOf(github.log)).toEqual([]);
  });

  it('goes ahead after a force-push to an older revision that the plan’s files do not differ from', async () => {
    const { github, publish, onSnapshot } = setup({
      aheadOf: { planned: ['README.md'] },
    });
    await publish();
    onSnapshot();
    expect(github.pulls).toHaveLength(1);
  });
});
