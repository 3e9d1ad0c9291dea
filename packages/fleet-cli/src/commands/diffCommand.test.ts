import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EXAMPLE_FLEET as EXAMPLE,
  git,
  runMain as run,
} from '../__testUtils__/runFleet';

// git, file copies and whole-fleet resolves: slow on a loaded 2-core machine
jest.setTimeout(60_000);
describe('fleet diff', () => {
  let repo: string;

  beforeAll(async () => {
    // a git repository whose fleet lives in a subdirectory, two commits apart
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-diff-'));
    await fs.cp(EXAMPLE, path.join(repo, 'fleet'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'fleet');
    const promoted = await run(
      ['promote', '--repo', 'fleet', '--app', 'foo-app', '--to', 'prod'],
      repo,
    );
    if (promoted.code !== 0) throw new Error(promoted.stderr);
    git(repo, 'commit', '-q', '-am', 'promote foo-app to prod');
  });
  afterAll(() => fs.rm(repo, { recursive: true, force: true }));

  it('reports what every cluster gains between two revisions, as JSON', async () => {
    const r = await run(
      [
        'diff',
        '--repo',
        'fleet',
        '--base',
        'HEAD~1',
        '--head',
        'HEAD',
        '--format',
        'json',
      ],
      repo,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.base).toBe(git(repo, 'rev-parse', 'HEAD~1').trim());
    expect(out.clusters).toEqual([
      { cluster: 'dev', added: [], changed: [], removed: [] },
      {
        cluster: 'prod',
        added: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            namespace: 'foo',
            name: 'foo-app',
          },
          { apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'foo' },
          {
            apiVersion: 'v1',
            kind: 'Service',
            namespace: 'foo',
            name: 'foo-app',
          },
        ],
        changed: [],
        removed: [],
      },
      { cluster: 'test', added: [], changed: [], removed: [] },
    ]);
    expect(out.problemsIntroduced).toEqual([]);
  });

  it('writes markdown fit for a pull-request comment', async () => {
    const r = await run(
      [
        'diff',
        '--repo',
        'fleet',
        '--base',
        'HEAD~1',
        '--head',
        'HEAD',
        '--format',
        'markdown',
      ],
      repo,
    );
    expect(r.stdout).toContain('| prod | 3 | 0 | 0 |');
    expect(r.stdout).toContain(
      '### prod\n\nAdded (3):\n- `Deployment foo/foo-app`',
    );
    expect(r.stdout).not.toContain('### dev');
  });

  it('compares with the working tree when no head is given', async () => {
    const r = await run(['diff', '--repo', 'fleet', '--base', 'HEAD'], repo);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('prod: 0 added, 0 changed, 0 removed');
  });

  it('says which revision it cannot read', async () => {
    const r = await run(['diff', '--repo', 'fleet', '--base', 'nope'], repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fleet: nope names no commit in the git repository/,
    );
  });

  it('resolves a cluster named with --cluster-path at both revisions', async () => {
    const r = await run(
      [
        'diff',
        '--repo',
        'fleet',
        '--base',
        'HEAD~1',
        '--head',
        'HEAD',
        '--format',
        'json',
        '--cluster-path',
        'edge=apps/foo-app/base',
      ],
      repo,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.clusters.map((c: { cluster: string }) => c.cluster)).toEqual([
      'dev',
      'edge',
      'prod',
      'test',
    ]);
    // foo-app's base did not change between the two revisions
    expect(out.clusters[1]).toEqual({
      cluster: 'edge',
      added: [],
      changed: [],
      removed: [],
    });
  });

  it('reads a symlinked directory inside the fleet at a revision, as the service does', async () => {
    await fs.symlink('foo-app', path.join(repo, 'fleet/apps/foo-link'));
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'link');
    const r = await run(
      [
        'diff',
        '--repo',
        'fleet',
        '--base',
        'HEAD~1',
        '--head',
        'HEAD',
        '--format',
        'json',
        '--cluster-path',
        'edge=apps/foo-link/base',
      ],
      repo,
    );
    expect(r.code).toBe(0);
    const edge = JSON.parse(r.stdout).clusters.find(
      (c: { cluster: string }) => c.cluster === 'edge',
    );
    expect(edge.added.map((o: { kind: string }) => o.kind).sort()).toEqual([
      'Deployment',
      'Service',
    ]);
  });
});
