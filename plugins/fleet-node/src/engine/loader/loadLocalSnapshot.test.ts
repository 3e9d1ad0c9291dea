import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadLocalSnapshot, snapshotFromFiles } from './loadLocalSnapshot';

describe('loadLocalSnapshot', () => {
  let root: string;
  let outside: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-loader-'));
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-outside-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  const write = async (rel: string, content: string) => {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  };

  it('reads every regular file under repository paths, skipping .git and node_modules', async () => {
    await write('apps/a/kustomization.yaml', 'resources: []\n');
    await write('README.md', 'hi');
    await write('.git/HEAD', 'ref');
    await write('tools/node_modules/x/index.js', 'x');
    const snapshot = await loadLocalSnapshot(root, { readRevision: false });
    expect(Object.fromEntries(snapshot.files)).toEqual({
      'README.md': 'hi',
      'apps/a/kustomization.yaml': 'resources: []\n',
    });
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.revision).toBeNull();
  });

  it('reads a symlink whose target is inside the root under the link path', async () => {
    await write('apps/base/deploy.yaml', 'kind: Deployment\n');
    await fs.symlink('base', path.join(root, 'apps/link'));
    await fs.symlink(
      'base/deploy.yaml',
      path.join(root, 'apps/file-link.yaml'),
    );
    const snapshot = await loadLocalSnapshot(root, { readRevision: false });
    expect([...snapshot.files.keys()].sort()).toEqual([
      'apps/base/deploy.yaml',
      'apps/file-link.yaml',
      'apps/link/deploy.yaml',
    ]);
    expect(snapshot.files.get('apps/link/deploy.yaml')).toBe(
      'kind: Deployment\n',
    );
  });

  it('reports a symlink escaping the root and does not read it', async () => {
    await fs.writeFile(path.join(outside, 'secret'), 'private');
    await fs.symlink(
      path.join(outside, 'secret'),
      path.join(root, 'leak.yaml'),
    );
    const snapshot = await loadLocalSnapshot(root, { readRevision: false });
    expect(snapshot.files.size).toBe(0);
    expect(snapshot.problems).toEqual([
      {
        severity: 'error',
        rule: 'symlink-escape',
        cluster: null,
        file: 'leak.yaml',
        line: null,
        message:
          'leak.yaml is a symbolic link to a target outside the repository; it was not read.',
      },
    ]);
  });

  it('reports a file over the size bound and does not read it', async () => {
    await write('big.yaml', 'x'.repeat(2048));
    const snapshot = await loadLocalSnapshot(root, {
      readRevision: false,
      maxFileBytes: 1024,
    });
    expect(snapshot.files.size).toBe(0);
    expect(snapshot.problems.map(p => [p.rule, p.file])).toEqual([
      ['file-too-large', 'big.yaml'],
    ]);
  });

  it('does not loop on a symlink to an ancestor directory', async () => {
    await write('a/x.yaml', 'x');
    await fs.symlink('..', path.join(root, 'a/up'));
    const snapshot = await loadLocalSnapshot(root, { readRevision: false });
    expect(snapshot.problems.map(p => p.rule)).toEqual(['symlink-loop']);
  });

  it('reads the revision of a git work tree', async () => {
    await write('a.yaml', 'x');
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git(
      '-c',
      'user.email=t@example.com',
      '-c',
      'user.name=t',
      'commit',
      '-q',
      '-m',
      'init',
    );
    const sha = git('rev-parse', 'HEAD').toString().trim();
    expect((await loadLocalSnapshot(root)).revision).toBe(sha);
  });

  it('has no revision outside git', async () => {
    expect((await loadLocalSnapshot(root)).revision).toBeNull();
  });
});

describe('snapshotFromFiles', () => {
  it('normalises leading ./ and / of paths', () => {
    expect([
      ...snapshotFromFiles(
        { './a.yaml': '1', '/b/c.yaml': '2' },
        'abc',
      ).files.keys(),
    ]).toEqual(['a.yaml', 'b/c.yaml']);
  });
});
