/*
 * Two promotions at once on the embedded repository, without the in-process
 * queue (as two backends, or a person committing, would race): both land
 * or one fails cleanly, the repository stays sound (git fsck) and no
 * commit is lost.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitToBranch } from './commitToBranch';
import { git } from './__testUtils__/git';

jest.setTimeout(60_000);

describe('commitToBranch racing', () => {
  let repo: string;
  beforeEach(async () => {
    repo = await fs.mkdtemp(join(tmpdir(), 'fleet-race-'));
    git(repo, 'init', '-q', '-b', 'main');
    await fs.writeFile(join(repo, 'kustomization.yaml'), 'resources: []\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
  });
  afterEach(() => fs.rm(repo, { recursive: true, force: true }));

  const promotion = (branch: string, n: number) =>
    commitToBranch({
      repository: repo,
      base: 'main',
      branch,
      files: [{ path: `apps/app-${n}.yaml`, content: `n: ${n}\n` }],
      delete: [],
      message: `promote ${n}`,
      author: { name: 'Fleet promotion', email: 'fleet@backstage.local' },
    });

  it('lands eight promotions on eight branches at once, each on the base, while main moves', async () => {
    const base = git(repo, 'rev-parse', 'main');
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => promotion(`promote/p${i}`, i)),
      // a person commits on the checked-out branch meanwhile
      (async () => {
        await fs.writeFile(join(repo, 'README.md'), 'hi\n');
        git(repo, 'add', 'README.md');
        git(repo, 'commit', '-q', '-m', 'person');
      })(),
    ]);
    expect(
      git(repo, 'fsck', '--strict', '--no-progress', '--no-dangling'),
    ).toBe('');
    for (let i = 0; i < 8; i++) {
      const r = results[i] as { commit: string };
      expect(git(repo, 'rev-parse', `promote/p${i}`)).toBe(r.commit);
      // on main as it was when the promotion read it: before or after the person's commit
      expect([base, git(repo, 'rev-parse', 'main')]).toContain(
        git(repo, 'rev-parse', `promote/p${i}^`),
      );
      expect(git(repo, 'show', `promote/p${i}:apps/app-${i}.yaml`)).toBe(
        `n: ${i}`,
      );
    }
    // the person's commit is not lost, and the work tree holds no promotion
    expect(git(repo, 'log', '-1', '--format=%s', 'main')).toBe('person');
    expect(git(repo, 'rev-parse', 'main^')).toBe(base);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('lets one of two promotions to the same branch land and fails the other cleanly', async () => {
    const settled = await Promise.allSettled([
      promotion('promote/same', 1),
      promotion('promote/same', 2),
    ]);
    const landed = settled.filter(s => s.status === 'fulfilled');
    const failed = settled.filter(
      (s): s is PromiseRejectedResult => s.status === 'rejected',
    );
    expect(landed).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /Branch promote\/same (already exists|was created .* meanwhile); (choose another name|nothing was changed)/,
      ),
    });
    const commit = (landed[0] as PromiseFulfilledResult<{ commit: string }>)
      .value.commit;
    expect(git(repo, 'rev-parse', 'promote/same')).toBe(commit);
    // the loser's commit is left dangling (git gc drops it): no ref points at it
    expect(
      git(repo, 'fsck', '--strict', '--no-progress', '--no-dangling'),
    ).toBe('');
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });
});
