import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitWorkTreePrefix } from './gitCommands';
import { loadGitSnapshot } from './loadGitSnapshot';

describe('loadGitSnapshot', () => {
  let root: string;

  const write = async (rel: string, content: string) => {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  };
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
      {
        cwd: root,
        stdio: 'pipe',
      },
    )
      .toString()
      .trim();
  const commitAll = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-git-loader-'));
    git('init', '-q', '-b', 'main');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('reads the committed revision, not the working tree', async () => {
    await write('apps/a/kustomization.yaml', 'resources: []\n');
    const sha = commitAll('one');
    await write('apps/a/kustomization.yaml', 'resources: [uncommitted.yaml]\n');
    await write('untracked.yaml', 'x');
    const snapshot = await loadGitSnapshot(root);
    expect(snapshot.revision).toBe(sha);
    expect(Object.fromEntries(snapshot.files)).toEqual({
      'apps/a/kustomization.yaml': 'resources: []\n',
    });
    expect(snapshot.problems).toEqual([]);
  });

  it('reads a named branch or an older commit', async () => {
    await write('a.yaml', 'one');
    const first = commitAll('one');
    git('checkout', '-q', '-b', 'next');
    await write('a.yaml', 'two');
    const second = commitAll('two');
    git('checkout', '-q', 'main');
    expect((await loadGitSnapshot(root, 'next')).files.get('a.yaml')).toBe(
      'two',
    );
    expect((await loadGitSnapshot(root, 'next')).revision).toBe(second);
    expect((await loadGitSnapshot(root, first)).files.get('a.yaml')).toBe(
      'one',
    );
  });

  it('follows symlinks inside the tree and reports those that leave it', async () => {
    await write('apps/base/deploy.yaml', 'kind: Deployment\n');
    await fs.symlink('base', path.join(root, 'apps/link'));
    await fs.symlink(
      'base/deploy.yaml',
      path.join(root, 'apps/file-link.yaml'),
    );
    await fs.symlink('../../etc/passwd', path.join(root, 'apps/leak.yaml'));
    await fs.symlink('missing.yaml', path.join(root, 'apps/broken.yaml'));
    await fs.symlink('..', path.join(root, 'apps/up'));
    commitAll('links');
    const snapshot = await loadGitSnapshot(root);
    expect([...snapshot.files.keys()]).toEqual([
      'apps/base/deploy.yaml',
      'apps/file-link.yaml',
      'apps/link/deploy.yaml',
    ]);
    expect(snapshot.files.get('apps/link/deploy.yaml')).toBe(
      'kind: Deployment\n',
    );
    expect(snapshot.problems.map(p => [p.rule, p.file])).toEqual([
      ['symlink-broken', 'apps/broken.yaml'],
      ['symlink-escape', 'apps/leak.yaml'],
      ['symlink-loop', 'apps/up'],
    ]);
  });

  it('reads only the prefix directory as its root, and a symlink leaving it escapes', async () => {
    await write('fleet/apps/base/deploy.yaml', 'kind: Deployment\n');
    await write('other/secret.yaml', 'kind: Secret\n');
    await fs.symlink('base', path.join(root, 'fleet/apps/link'));
    await fs.symlink(
      '../../other/secret.yaml',
      path.join(root, 'fleet/apps/outside.yaml'),
    );
    commitAll('prefix');
    const prefix = await gitWorkTreePrefix(path.join(root, 'fleet'));
    expect(prefix).toBe('fleet');
    const snapshot = await loadGitSnapshot(root, 'HEAD', { prefix });
    expect(Object.fromEntries(snapshot.files)).toEqual({
      'apps/base/deploy.yaml': 'kind: Deployment\n',
      'apps/link/deploy.yaml': 'kind: Deployment\n',
    });
    expect(snapshot.problems.map(p => [p.rule, p.file])).toEqual([
      ['symlink-escape', 'apps/outside.yaml'],
    ]);
    // from the top of the work tree, the prefix is empty: the whole repository
    expect(await gitWorkTreePrefix(root)).toBe('');
  });

  it('reports a file over the size bound and does not read it', async () => {
    await write('big.yaml', 'x'.repeat(2048));
    await write('small.yaml', 'y');
    commitAll('big');
    const snapshot = await loadGitSnapshot(root, 'HEAD', {
      maxFileBytes: 1024,
    });
    expect([...snapshot.files.keys()]).toEqual(['small.yaml']);
    expect(snapshot.problems).toEqual([
      {
        severity: 'error',
        rule: 'file-too-large',
        cluster: null,
        file: 'big.yaml',
        line: null,
        message:
          'big.yaml is 2048 bytes, over the 1024-byte limit; it was not read.',
      },
    ]);
  });

  it('rejects a revision that names no commit', async () => {
    await write('a.yaml', 'x');
    commitAll('one');
    await expect(loadGitSnapshot(root, 'nope')).rejects.toThrow(
      /nope names no commit/,
    );
  });
});
