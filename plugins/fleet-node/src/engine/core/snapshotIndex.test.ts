import fc from 'fast-check';
import type { RepoPath } from './types';
import { buildDirs, indexSnapshot, movedDirs } from './snapshotIndex';

const snapshotOf = (paths: Iterable<RepoPath>) => ({
  revision: null,
  files: new Map([...paths].map(p => [p, ''])),
  problems: [],
});

// short names over a small alphabet, so random paths share directories
const name = fc.constantFrom('a', 'b', 'c', 'x.yaml', 'y.yaml');
const path = fc
  .array(name, { minLength: 1, maxLength: 4 })
  .map(parts => parts.join('/'));

/** A set of file paths where no file is also a directory (as on a disk). */
function consistent(paths: RepoPath[]): RepoPath[] {
  const set = new Set<RepoPath>();
  for (const p of paths) {
    const clash = [...set].some(
      q => q.startsWith(`${p}/`) || p.startsWith(`${q}/`),
    );
    if (!clash) set.add(p);
  }
  return [...set];
}

describe('snapshot index', () => {
  it('moves the directory tree by added and removed paths exactly as building it again would', () => {
    fc.assert(
      fc.property(
        fc.array(path, { maxLength: 25 }),
        fc.array(path, { maxLength: 25 }),
        (beforeRaw, afterRaw) => {
          const before = consistent(beforeRaw);
          const after = consistent(afterRaw);
          const added = after.filter(p => !before.includes(p));
          const removed = before.filter(p => !after.includes(p));
          const moved = movedDirs(
            buildDirs(snapshotOf(before)),
            added,
            removed,
          );
          expect(new Map([...moved].sort())).toEqual(
            new Map([...buildDirs(snapshotOf(after))].sort()),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves the previous index as it was when the next revision adds and removes paths', () => {
    const first = snapshotOf(['apps/a/x.yaml', 'apps/b/y.yaml']);
    const before = indexSnapshot(first);
    const next = indexSnapshot(
      snapshotOf(['apps/a/x.yaml', 'apps/c/z.yaml', 'docs/r.md']),
    );
    expect(before.dir('apps')).toEqual({ files: [], dirs: ['a', 'b'] });
    expect(before.isDir('docs')).toBe(false);
    expect(next.dir('apps')).toEqual({ files: [], dirs: ['a', 'c'] });
    expect(next.dir('')).toEqual({ files: [], dirs: ['apps', 'docs'] });
    expect(next.isDir('apps/b')).toBe(false);
  });
});
