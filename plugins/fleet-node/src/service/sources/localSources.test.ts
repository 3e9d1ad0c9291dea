import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirectoryFleetSource, GitFleetSource } from './localSources';

const LIMITS = {
  maxFileBytes: 1000,
  maxDirectoryBytes: 1500,
  maxRepositoryBytes: 2500,
};

describe('local sources read with the configured size bounds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-local-bounds-'));
    // two directories of two 800-byte files: the second file of each is
    // past the directory bound; c/ is then past the repository bound
    for (const file of ['a/1.txt', 'a/2.txt', 'b/1.txt', 'c/1.txt']) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), 'x'.repeat(800));
    }
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'x');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const tooLarge = (problems: Array<{ rule: string; file: string | null }>) =>
    problems
      .filter(p => p.rule === 'file-too-large')
      .map(p => p.file)
      .sort();

  it('a git repository: the worker job carries the bounds, the snapshot honours them', async () => {
    const source = new GitFleetSource(dir, 'main', LIMITS);
    const poll = await source.poll(null);
    expect(poll).toMatchObject({
      changed: true,
      job: { kind: 'git', ...LIMITS },
    });
    const snapshot = await source.snapshot(null);
    expect([...snapshot.files.keys()].sort()).toEqual([
      'a/1.txt',
      'b/1.txt',
      'c/1.txt',
    ]);
    expect(tooLarge(snapshot.problems)).toEqual(['a/2.txt']);
  });

  it('a plain directory: the worker job carries the bounds, the snapshot honours them', async () => {
    const source = new DirectoryFleetSource(dir, {
      ...LIMITS,
      maxRepositoryBytes: 2000,
    });
    const poll = await source.poll();
    expect(poll).toMatchObject({
      changed: true,
      job: {
        kind: 'directory',
        maxDirectoryBytes: 1500,
        maxRepositoryBytes: 2000,
      },
    });
    const snapshot = await source.snapshot();
    // a/2 is past the directory bound, c/1 past the repository bound
    expect([...snapshot.files.keys()].sort()).toEqual(['a/1.txt', 'b/1.txt']);
    expect(tooLarge(snapshot.problems)).toEqual(['a/2.txt', 'c/1.txt']);
  });
});
