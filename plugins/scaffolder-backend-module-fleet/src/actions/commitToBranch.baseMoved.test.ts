/*
 * fleet:publish:local's commit when the base branch moved after the plan
 * ("base moved"), on a real git repository: a promoted file changed on the
 * base is refused naming both SHAs and nothing is committed; a change
 * elsewhere is kept (the commit sits on the base as read); a base
 * force-pushed back past the planned revision is caught; a re-run planned
 * on the new base succeeds.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitToBranch } from './commitToBranch';
import { git } from './__testUtils__/git';

jest.setTimeout(60_000);

const APPS = 'clusters/prod/apps/kustomization.yaml';

describe('commitToBranch when the base moved since the plan', () => {
  let repo: string;
  let planned: string;
  beforeEach(async () => {
    repo = await fs.mkdtemp(join(tmpdir(), 'fleet-moved-'));
    git(repo, 'init', '-q', '-b', 'main');
    await fs.mkdir(join(repo, 'clusters/prod/apps'), { recursive: true });
    await fs.writeFile(join(repo, APPS), 'resources:\n  - ../podinfo\n');
    await fs.writeFile(join(repo, 'README.md'), 'fleet\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    planned = git(repo, 'rev-parse', 'main');
  });
  afterEach(() => fs.rm(repo, { recursive: true, force: true }));

  /** Another user's commit on main. */
  const push = async (path: string, content: string) => {
    await fs.writeFile(join(repo, path), content);
    git(repo, 'commit', '-q', '-am', `edit ${path}`);
    return git(repo, 'rev-parse', 'main');
  };
  const promotion = (revision: string, branch = 'promote/foo-app-prod') =>
    commitToBranch({
      repository: repo,
      base: 'main',
      branch,
      files: [
        { path: APPS, content: 'resources:\n  - ../podinfo\n  - ../foo-app\n' },
      ],
      delete: [],
      message: 'promote foo-app',
      revision,
    });
  const branches = () => git(repo, 'branch', '--format=%(refname:short)');

  it('refuses, naming both SHAs, when a promoted file changed on the base, and commits nothing', async () => {
    const moved = await push(APPS, 'resources:\n  - ../podinfo\n  - ../bar\n');
    await expect(promotion(planned)).rejects.toThrow(
      `main moved since the promotion was planned on ${planned.slice(
        0,
        12,
      )} (it is at ${moved.slice(
        0,
        12,
      )}): ${APPS} changed; nothing was committed, plan it again.`,
    );
    expect(branches()).toBe('main');
  });

  it('commits on the moved base when the base changed other files, keeping them', async () => {
    const moved = await push('README.md', 'fleet, edited\n');
    const { commit, baseCommit } = await promotion(planned);
    expect(baseCommit).toBe(moved);
    expect(git(repo, 'rev-parse', `${commit}^`)).toBe(moved);
    expect(git(repo, 'show', `${commit}:README.md`)).toBe('fleet, edited');
    expect(git(repo, 'diff', '--name-only', moved, commit)).toBe(APPS);
  });

  it('refuses a plan whose revision the base lost to a force-push, when it changed a promoted file', async () => {
    const ahead = await push(APPS, 'resources:\n  - ../podinfo\n  - ../bar\n');
    git(repo, 'reset', '-q', '--hard', planned);
    await expect(promotion(ahead)).rejects.toThrow(
      `(it is at ${planned.slice(0, 12)}): ${APPS} changed`,
    );
    expect(branches()).toBe('main');
  });

  it('refuses a plan on a revision the repository does not have', async () => {
    await expect(promotion('f'.repeat(40))).rejects.toThrow(
      /planned on f{40}, which .* does not have; nothing was committed/,
    );
    expect(branches()).toBe('main');
  });

  it('succeeds when re-run with a plan on the new base', async () => {
    const moved = await push(APPS, 'resources:\n  - ../podinfo\n  - ../bar\n');
    await expect(promotion(planned)).rejects.toThrow(/main moved/);
    const { commit } = await promotion(moved);
    expect(git(repo, 'rev-parse', 'promote/foo-app-prod')).toBe(commit);
    expect(git(repo, 'rev-parse', `${commit}^`)).toBe(moved);
  });
});
