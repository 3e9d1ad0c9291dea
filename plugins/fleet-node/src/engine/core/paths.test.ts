import {
  isRemoteRef,
  isSameOrAncestor,
  normalizePath,
  relativePath,
  resolveRef,
} from './paths';

describe('resolveRef', () => {
  it('resolves a relative reference against the directory', () => {
    expect(resolveRef('apps/foo/overlays/prod', '../../base')).toEqual({
      path: 'apps/foo/base',
    });
  });

  it('resolves ./ and . segments', () => {
    expect(resolveRef('apps', './foo/./bar.yaml')).toEqual({
      path: 'apps/foo/bar.yaml',
    });
    expect(resolveRef('apps', '.')).toEqual({ path: 'apps' });
  });

  it('resolves up to the repository root', () => {
    expect(resolveRef('a/b', '../..')).toEqual({ path: '' });
  });

  it('reports a path climbing out of the repository as an escape', () => {
    expect(resolveRef('a', '../../etc/passwd')).toEqual({
      escape: true,
      reason: 'outside-root',
    });
  });

  it('reports an absolute path as an escape', () => {
    expect(resolveRef('a', '/etc/passwd')).toEqual({
      escape: true,
      reason: 'absolute',
    });
  });
});

describe('normalizePath', () => {
  it('collapses separators and dots', () => {
    expect(normalizePath('a//b/./c/../d/')).toBe('a/b/d');
  });
});

describe('isRemoteRef', () => {
  it('recognizes kustomize remote targets', () => {
    expect(
      [
        'https://github.com/org/repo//deploy?ref=v1',
        'github.com/org/repo/deploy?ref=main',
        'git@github.com:org/repo.git',
        'ssh://git@example.com/repo.git',
        'example.com/repo//dir?ref=v1',
      ].map(isRemoteRef),
    ).toEqual([true, true, true, true, true]);
  });

  it('treats plain relative paths as local', () => {
    expect(
      ['../base', 'deploy.yaml', 'github-app/base'].map(isRemoteRef),
    ).toEqual([false, false, false]);
  });
});

describe('isSameOrAncestor', () => {
  it('compares whole path segments', () => {
    expect([
      isSameOrAncestor('a', 'a/b'),
      isSameOrAncestor('a', 'a'),
      isSameOrAncestor('a', 'ab'),
      isSameOrAncestor('', 'x'),
    ]).toEqual([true, true, false, true]);
  });
});

describe('relativePath', () => {
  it('makes a reference from one directory to another', () => {
    expect([
      relativePath('clusters/prod', 'components/ha'),
      relativePath('a', 'a/b'),
      relativePath('a', 'a'),
    ]).toEqual(['../../components/ha', 'b', '.']);
  });
});
