import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRefFromFiles } from './readRef';

describe('readRefFromFiles', () => {
  let tmp: string;
  let repo: string;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
      { cwd, stdio: 'pipe' },
    )
      .toString()
      .trim();

  beforeEach(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-ref-'));
    repo = path.join(tmp, 'repo');
    await fs.mkdir(repo);
    git(repo, 'init', '-q', '-b', 'main');
    await fs.writeFile(path.join(repo, 'a.yaml'), 'a');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'branch', 'release');
    await fs.writeFile(path.join(repo, 'a.yaml'), 'b');
    git(repo, 'commit', '-q', '-am', 'two');
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('reads loose branches and HEAD as git rev-parse does', async () => {
    expect(await readRefFromFiles(repo, 'main')).toBe(
      git(repo, 'rev-parse', 'main'),
    );
    expect(await readRefFromFiles(repo, 'release')).toBe(
      git(repo, 'rev-parse', 'release'),
    );
    expect(await readRefFromFiles(repo, 'HEAD')).toBe(
      git(repo, 'rev-parse', 'HEAD'),
    );
  });

  it('reads packed refs and a detached HEAD', async () => {
    git(repo, 'pack-refs', '--all');
    expect(await readRefFromFiles(repo, 'release')).toBe(
      git(repo, 'rev-parse', 'release'),
    );
    git(repo, 'checkout', '-q', '--detach', 'release');
    expect(await readRefFromFiles(repo, 'HEAD')).toBe(
      git(repo, 'rev-parse', 'release'),
    );
  });

  it('reads a linked work tree and a bare repository', async () => {
    const linked = path.join(tmp, 'linked');
    git(repo, 'worktree', 'add', '-q', linked, 'release');
    expect(await readRefFromFiles(linked, 'HEAD')).toBe(
      git(repo, 'rev-parse', 'release'),
    );
    expect(await readRefFromFiles(linked, 'main')).toBe(
      git(repo, 'rev-parse', 'main'),
    );
    const bare = path.join(tmp, 'bare.git');
    git(tmp, 'clone', '-q', '--bare', repo, bare);
    expect(await readRefFromFiles(bare, 'main')).toBe(
      git(repo, 'rev-parse', 'main'),
    );
  });

  it('leaves unknown refs, tags and non-repositories to git', async () => {
    git(repo, 'tag', '-a', '-m', 'v1', 'v1');
    expect(await readRefFromFiles(repo, 'nope')).toBeUndefined();
    expect(await readRefFromFiles(repo, 'refs/tags/v1')).toBeUndefined();
    expect(await readRefFromFiles(tmp, 'main')).toBeUndefined();
  });
});
