/*
 * Hostile paths against the whole engine, from a real directory on disk
 * (loadLocalSnapshot + resolveFleet, as the service reads a fleet): Flux
 * `spec.path` values, kustomization entries, generator files, patch and
 * component paths leaving the repository, remote bases, and symlinks of
 * every shape. Each case asserts the problem (rule, cluster, file, line),
 * that the healthy cluster is intact, and that the Secret planted beside the
 * repository never appears in the model.
 */
import { readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import {
  GOOD_OBJECTS,
  HostileFleet,
  OUTSIDE_SECRET,
  baseFleet,
  fluxKustomization,
  objectsOf,
  problemsOf,
} from './hostileFleet';

const FLUX_ROOT = [
  'GitRepository/flux-system',
  'Kustomization/apps',
  'Kustomization/flux-system',
];
const BAD_BUILT = ['ConfigMap/bad', ...FLUX_ROOT].sort();
const UNREFERENCED = [
  'warning',
  'unreferenced-definition',
  null,
  'apps/bad/kustomization.yaml',
  1,
];

/** Resolves the fleet with `files` over the base fleet, after `setup`; asserts the good cluster and no leak. */
async function attack(
  files: Record<string, string>,
  setup?: (f: HostileFleet) => void,
) {
  const fleet = new HostileFleet({ ...baseFleet(), ...files });
  try {
    setup?.(fleet);
    const m = await fleet.resolve();
    expect(objectsOf(m, 'good')).toEqual(GOOD_OBJECTS);
    expect(JSON.stringify(m)).not.toContain(OUTSIDE_SECRET);
    return { problems: problemsOf(m), bad: objectsOf(m, 'bad') };
  } finally {
    fleet.remove();
  }
}

const withApps = (extra: string) => ({
  'apps/bad/kustomization.yaml': `resources:\n- cm.yaml\n${extra}`,
});

describe('hostile Flux spec.path', () => {
  it.each([
    ['..', '../outside', 'path-escape'],
    ['./..', './../outside', 'path-escape'],
    ['URL-encoded ..', '%2e%2e/outside', 'missing-path'],
    [
      'encoded .. deeper',
      'apps/bad/%2e%2e/%2e%2e/%2e%2e/outside',
      'missing-path',
    ],
    ['a NUL byte', 'apps/bad\u0000', 'missing-path'],
    ['backslashes', 'apps\\bad', 'missing-path'],
    ['backslash ..', '..\\outside', 'missing-path'],
    ['a drive letter', 'C:\\x', 'missing-path'],
    ['a file URL', 'file:///etc', 'missing-path'],
    ['absolute /etc (the repository root, as Flux)', '/etc', 'missing-path'],
  ])('refuses %s at the Flux Kustomization', async (_n, path, rule) => {
    const r = await attack({
      'clusters/bad/apps.yaml': fluxKustomization('apps', path),
    });
    expect(r.problems).toEqual([
      ['error', rule, 'bad', 'clusters/bad/apps.yaml', 1],
      UNREFERENCED,
    ]);
    expect(r.bad).toEqual(FLUX_ROOT);
  });

  it.each([
    ['a trailing slash', 'apps/bad/'],
    ['a leading ./', './apps/bad'],
    ['a double slash', 'apps//bad'],
    ['. and .. inside the repository', 'apps/./bad/../bad'],
  ])('builds a path with %s as Flux does', async (_n, path) => {
    const r = await attack({
      'clusters/bad/apps.yaml': fluxKustomization('apps', path),
    });
    expect(r.problems).toEqual([]);
    expect(r.bad).toEqual(BAD_BUILT);
  });

  it.each([
    ['empty', ''],
    ['/', '/'],
    ['.', '.'],
  ])(
    'builds the repository root for %s, as Flux, and flags it as a global layer',
    async (_n, path) => {
      const r = await attack({
        'clusters/bad/apps.yaml': fluxKustomization('apps', path),
      });
      expect(r.problems).toContainEqual([
        'warning',
        'implicit-global-layer',
        'bad',
        'clusters/bad/apps.yaml',
        1,
      ]);
      expect(r.problems).toContainEqual([
        'error',
        'cycle',
        'bad',
        'clusters/bad/flux-system/gotk-sync.yaml',
        9,
      ]);
    },
  );
});

describe('kustomization entries leaving the repository', () => {
  it.each([
    ['an absolute resource', '- /etc/passwd\n', 3],
    ['a .. resource directory', '- ../../../outside\n', 3],
    ['a .. resource file', '- ../../../outside/secret.yaml\n', 3],
    [
      'a generator file',
      'configMapGenerator:\n- name: g\n  files:\n  - ../../../outside/secret.env\n',
      6,
    ],
    [
      'a generator env file',
      'configMapGenerator:\n- name: g\n  envs:\n  - ../../../outside/secret.env\n',
      6,
    ],
    [
      'an absolute secret generator file',
      'secretGenerator:\n- name: g\n  files:\n  - /etc/hostname\n',
      6,
    ],
    ['a patch path', 'patches:\n- path: ../../../outside/secret.yaml\n', 4],
    ['a component', 'components:\n- ../../../outside\n', 4],
  ])('refuses %s with path-escape at its line', async (_n, extra, line) => {
    const r = await attack(withApps(extra));
    expect(r.problems).toEqual([
      ['error', 'path-escape', 'bad', 'apps/bad/kustomization.yaml', line],
    ]);
    expect(r.bad).toEqual(expect.arrayContaining(BAD_BUILT));
  });

  it('refuses the absolute path of a real file outside the repository', async () => {
    const r = await attack(withApps('- OUTSIDE\n'), f => {
      const file = join(f.repo, 'apps/bad/kustomization.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          'OUTSIDE',
          join(f.outside, 'secret.yaml'),
        ),
      );
    });
    expect(r.problems).toEqual([
      ['error', 'path-escape', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
    expect(r.bad).toEqual(BAD_BUILT);
  });
});

describe('remote bases', () => {
  const spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    spies.push(
      jest.spyOn(http, 'request'),
      jest.spyOn(http, 'get'),
      jest.spyOn(https, 'request'),
      jest.spyOn(https, 'get'),
      jest.spyOn(net, 'connect'),
      jest.spyOn(net, 'createConnection'),
      jest.spyOn(globalThis, 'fetch'),
    );
  });
  afterAll(() => spies.forEach(s => s.mockRestore()));

  it.each([
    ['https', '- https://github.com/org/repo//base?ref=v1\n', 3],
    [
      'git::https (go-getter)',
      '- git::https://example.com/org/repo.git//base\n',
      3,
    ],
    ['github.com/…?ref=', '- github.com/org/repo/base?ref=main\n', 3],
    ['scp-like git@', '- git@github.com:org/repo.git//base\n', 3],
    ['a patch URL', 'patches:\n- path: https://example.com/p.yaml\n', 4],
    [
      'a generator file URL',
      'configMapGenerator:\n- name: g\n  files:\n  - https://example.com/x\n',
      6,
    ],
  ])(
    'refuses %s with remote-base and never fetches it',
    async (_n, extra, line) => {
      const r = await attack(withApps(extra));
      expect(r.problems).toEqual([
        ['error', 'remote-base', 'bad', 'apps/bad/kustomization.yaml', line],
      ]);
    },
  );

  it('opened no connection while refusing them', () => {
    expect(spies.map(s => s.mock.calls.length)).toEqual(spies.map(() => 0));
  });
});

describe('symlinks', () => {
  const link =
    (target: (f: HostileFleet) => string, at: string) => (f: HostileFleet) =>
      symlinkSync(target(f), join(f.repo, at));

  it.each([
    [
      'absolute, to a file outside',
      (f: HostileFleet) => join(f.outside, 'secret.yaml'),
    ],
    ['relative, to a file outside', () => '../../../outside/secret.yaml'],
    ['to the file system root', () => '/'],
  ])(
    'refuses a symlink %s, at the link and at the entry',
    async (_n, target) => {
      const r = await attack(
        withApps('- leak.yaml\n'),
        link(target, 'apps/bad/leak.yaml'),
      );
      expect(r.problems).toEqual([
        ['error', 'symlink-escape', null, 'apps/bad/leak.yaml', null],
        ['error', 'symlink-escape', 'bad', 'apps/bad/kustomization.yaml', 3],
      ]);
      expect(r.bad).toEqual(BAD_BUILT);
    },
  );

  it('refuses a chain of symlinks that ends outside', async () => {
    const r = await attack(withApps('- leak.yaml\n'), f => {
      symlinkSync('hop.yaml', join(f.repo, 'apps/bad/leak.yaml'));
      symlinkSync(
        '../../../outside/secret.yaml',
        join(f.repo, 'apps/bad/hop.yaml'),
      );
    });
    expect(r.problems).toEqual([
      ['error', 'symlink-escape', null, 'apps/bad/hop.yaml', null],
      ['error', 'symlink-escape', null, 'apps/bad/leak.yaml', null],
      ['error', 'symlink-escape', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
  });

  it('follows a chain of symlinks that stays inside', async () => {
    const r = await attack(withApps('- leak.yaml\n'), f => {
      symlinkSync('hop.yaml', join(f.repo, 'apps/bad/leak.yaml'));
      symlinkSync('../good/cm.yaml', join(f.repo, 'apps/bad/hop.yaml'));
    });
    expect(r.problems).toEqual([]);
    expect(r.bad).toEqual(['ConfigMap/good', ...BAD_BUILT].sort());
  });

  it('reports a dangling symlink as symlink-broken', async () => {
    const r = await attack(
      withApps('- leak.yaml\n'),
      link(() => 'nowhere.yaml', 'apps/bad/leak.yaml'),
    );
    expect(r.problems).toEqual([
      ['error', 'symlink-broken', null, 'apps/bad/leak.yaml', null],
      ['error', 'symlink-broken', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
  });

  it('reports two symlinks pointing at each other as symlink-loop', async () => {
    const r = await attack(withApps('- leak.yaml\n'), f => {
      symlinkSync('b.yaml', join(f.repo, 'apps/bad/leak.yaml'));
      symlinkSync('leak.yaml', join(f.repo, 'apps/bad/b.yaml'));
    });
    expect(r.problems).toEqual([
      ['error', 'symlink-loop', null, 'apps/bad/b.yaml', null],
      ['error', 'symlink-loop', null, 'apps/bad/leak.yaml', null],
      ['error', 'symlink-loop', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
  });

  it('reports a symlink to a parent directory as symlink-loop and does not walk forever', async () => {
    const r = await attack(
      withApps('- sub\n'),
      link(() => '..', 'apps/bad/sub'),
    );
    expect(r.problems).toContainEqual([
      'error',
      'symlink-loop',
      null,
      'apps/bad/sub/bad/sub',
      null,
    ]);
    expect(r.bad).toEqual(BAD_BUILT);
  });

  it('refuses a symlinked kustomization file outside, at the Flux Kustomization', async () => {
    const r = await attack({}, f => {
      unlinkSync(join(f.repo, 'apps/bad/kustomization.yaml'));
      symlinkSync(
        join(f.outside, 'kustomization.yaml'),
        join(f.repo, 'apps/bad/kustomization.yaml'),
      );
    });
    expect(r.problems).toEqual([
      ['error', 'symlink-escape', null, 'apps/bad/kustomization.yaml', null],
      ['error', 'symlink-escape', 'bad', 'clusters/bad/apps.yaml', 1],
    ]);
    expect(r.bad).toEqual(BAD_BUILT);
  });

  it('reads a symlinked kustomization file inside the repository', async () => {
    const r = await attack({}, f => {
      unlinkSync(join(f.repo, 'apps/bad/kustomization.yaml'));
      symlinkSync(
        '../good/kustomization.yaml',
        join(f.repo, 'apps/bad/kustomization.yaml'),
      );
    });
    expect(r.problems).toEqual([]);
    expect(r.bad).toEqual(BAD_BUILT);
  });

  it('refuses a symlinked directory outside', async () => {
    const r = await attack(withApps('- ext\n'), f =>
      symlinkSync(f.outside, join(f.repo, 'apps/bad/ext')),
    );
    expect(r.problems).toEqual([
      ['error', 'symlink-escape', null, 'apps/bad/ext', null],
      ['error', 'symlink-escape', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
  });

  it('reads a symlinked directory inside the repository', async () => {
    const r = await attack(
      withApps('- ext\n'),
      link(() => '../good', 'apps/bad/ext'),
    );
    expect(r.problems).toEqual([]);
    expect(r.bad).toEqual(['ConfigMap/good', ...BAD_BUILT].sort());
  });
});
