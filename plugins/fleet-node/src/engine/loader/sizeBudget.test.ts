/*
 * The per-file, per-directory and per-repository size bounds, on their own
 * and through both loaders (a directory on disk and a git commit): a file
 * past a bound is reported as file-too-large and not read, and the cluster
 * that references it gets the problem at its entry while the rest builds.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resolveFleet } from '../model/resolveFleet';
import { loadGitSnapshot } from './loadGitSnapshot';
import { loadLocalSnapshot } from './loadLocalSnapshot';
import { DEFAULT_SIZE_LIMITS, SizeBudget } from './sizeBudget';

describe('SizeBudget', () => {
  it('defaults to 5 MB a file, 64 MB a directory, 256 MB a repository', () => {
    expect(new SizeBudget({ maxFileBytes: undefined }).limits).toEqual(
      DEFAULT_SIZE_LIMITS,
    );
    expect(DEFAULT_SIZE_LIMITS).toEqual({
      maxFileBytes: 5 * 1024 * 1024,
      maxDirectoryBytes: 64 * 1024 * 1024,
      maxRepositoryBytes: 256 * 1024 * 1024,
    });
  });

  it('refuses a file over the file bound', () => {
    const b = new SizeBudget({ maxFileBytes: 10 });
    expect(b.admit('a/x', 11)).toBe(
      'a/x is 11 bytes, over the 10-byte limit; it was not read.',
    );
    expect(b.admit('a/y', 10)).toBeUndefined();
  });

  it('refuses the file that would take a directory past its bound, not its siblings elsewhere', () => {
    const b = new SizeBudget({ maxDirectoryBytes: 10 });
    expect(b.admit('a/x', 6)).toBeUndefined();
    expect(b.admit('a/y', 6)).toBe(
      'a/y was not read: the files of a read before it already total 6 bytes, and a directory may hold at most 10.',
    );
    expect(b.admit('a/z', 4)).toBeUndefined();
    expect(b.admit('b/x', 10)).toBeUndefined();
    expect(b.admit('root', 10)).toBeUndefined();
  });

  it('refuses files once the repository bound is reached', () => {
    const b = new SizeBudget({ maxRepositoryBytes: 10 });
    expect(b.admit('a/x', 6)).toBeUndefined();
    expect(b.admit('b/x', 6)).toBe(
      'b/x was not read: the files read before it already total 6 bytes, and the repository may hold at most 10.',
    );
    expect(b.admit('c/x', 4)).toBeUndefined();
  });
});

describe('size bounds through the loaders', () => {
  let root: string;
  const sync = (name: string) =>
    `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: https://example.com/f.git\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  path: ./clusters/${name}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
  const cm = (name: string, pad = 0) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  pad: "${'x'.repeat(
      pad,
    )}"\n`;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fleet-budget-'));
    const files: Record<string, string> = {
      'clusters/good/flux-system/gotk-sync.yaml': sync('good'),
      'clusters/good/cm.yaml': cm('good'),
      'clusters/bad/flux-system/gotk-sync.yaml': sync('bad'),
      'clusters/bad/kustomization.yaml':
        'resources:\n- flux-system/gotk-sync.yaml\n- a.yaml\n- b.yaml\n',
      'clusters/bad/a.yaml': cm('a', 3000),
      'clusters/bad/b.yaml': cm('b', 3000),
    };
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '-m',
      'fleet',
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const loaders = [
    ['a directory', (o: object) => loadLocalSnapshot(root, o)],
    ['a git commit', (o: object) => loadGitSnapshot(root, 'HEAD', o)],
  ] as const;

  it.each(loaders)(
    'reads %s past the directory bound only up to it, and the cluster gets the problem at its entry',
    async (_n, load) => {
      const m = resolveFleet(await load({ maxDirectoryBytes: 4000 }));
      expect(
        m.problems.map(p => [p.severity, p.rule, p.cluster, p.file, p.line]),
      ).toEqual([
        ['error', 'file-too-large', null, 'clusters/bad/b.yaml', null],
        [
          'error',
          'file-too-large',
          'bad',
          'clusters/bad/kustomization.yaml',
          4,
        ],
      ]);
      const names = (c: string) =>
        m.objects
          .filter(o => o.cluster === c && o.object.kind === 'ConfigMap')
          .map(o => o.object.metadata?.name);
      expect([names('bad'), names('good')]).toEqual([['a'], ['good']]);
    },
  );

  it.each(loaders)(
    'reads %s past the repository bound only up to it',
    async (_n, load) => {
      const snapshot = await load({ maxRepositoryBytes: 4000 });
      expect(snapshot.problems.map(p => [p.rule, p.file, p.message])).toEqual([
        [
          'file-too-large',
          'clusters/bad/b.yaml',
          expect.stringMatching(
            /^clusters\/bad\/b\.yaml was not read: the files read before it already total \d+ bytes, and the repository may hold at most 4000\.$/,
          ),
        ],
      ]);
      expect([...snapshot.files.keys()].sort()).toEqual([
        'clusters/bad/a.yaml',
        'clusters/bad/flux-system/gotk-sync.yaml',
        'clusters/bad/kustomization.yaml',
        'clusters/good/cm.yaml',
        'clusters/good/flux-system/gotk-sync.yaml',
      ]);
    },
  );
});
