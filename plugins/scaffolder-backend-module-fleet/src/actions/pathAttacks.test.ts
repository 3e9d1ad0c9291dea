/*
 * Hostile paths against the paths the actions write: app and cluster names
 * that climb out (`../../etc`, `..`, absolute, with `/`, NUL, very long),
 * a targetPath or sourcePath outside the workspace, symlinks planted in the
 * workspace that point outside, and filesToDelete naming files outside the
 * repository. A sentinel directory beside the workspace must stay as it
 * was, and a refused promotion leaves the workspace and repository as
 * they were.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  EXAMPLE_FLEET,
  fleetService,
  permissionsDenying,
} from './__testUtils__/exampleFleet';
import { createFleetPromoteAction } from './promote';
import { createFleetPublishLocalAction } from './publishLocal';
import { git } from './__testUtils__/git';

jest.setTimeout(120_000);

const SECRET = 'sentinel: do not read or write';
const HOSTILE_NAMES = [
  '../../etc',
  '..',
  '.',
  '/etc/passwd',
  'apps/../../../etc',
  'foo-app/../../outside',
  'prod/../../outside',
  'a\0b',
  'C:\\Windows',
  '%2e%2e%2fetc',
  'x'.repeat(5000),
];

// a clear refusal (InputError: 400), not a crash
const REFUSED = { name: 'InputError', message: expect.stringMatching(/\S/) };

/** Every file under `dir` with its content. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, await snapshot(abs));
    else if (e.isSymbolicLink()) out[abs] = `-> ${await fs.readlink(abs)}`;
    else out[abs] = await fs.readFile(abs, 'utf8');
  }
  return out;
}

describe('hostile paths against the fleet actions', () => {
  let base: string;
  let workspace: string;
  let outside: string;
  let repo: string;
  let before: Record<string, string>;
  const fleet = () => fleetService(repo, { path: repo, branch: 'main' });
  const promote = (input: Record<string, unknown>) =>
    createFleetPromoteAction({
      fleet: fleet(),
      permissions: permissionsDenying(),
    }).handler(
      createMockActionContext({
        input: {
          app: 'foo-app',
          to: ['prod'],
          strategy: 'auto' as const,
          remove: false,
          targetPath: 'fleet',
          ...input,
        } as any,
        workspacePath: workspace,
      }),
    );
  const publish = (input: Record<string, unknown>) =>
    createFleetPublishLocalAction({ fleet: fleet() }).handler(
      createMockActionContext({
        input: {
          sourcePath: 'fleet',
          filesToDelete: [],
          branchName: 'promote/x',
          title: 't',
          body: '',
          ...input,
        } as any,
        workspacePath: workspace,
      }),
    );

  beforeAll(async () => {
    base = await fs.mkdtemp(join(tmpdir(), 'fleet-paths-'));
    repo = join(base, 'repo');
    await fs.cp(EXAMPLE_FLEET, repo, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'fleet');
    outside = join(base, 'outside');
    await fs.mkdir(join(outside, 'etc'), { recursive: true });
    await fs.writeFile(join(outside, 'sentinel.yaml'), SECRET);
    await fs.writeFile(join(outside, 'etc/passwd'), SECRET);
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));
  beforeEach(async () => {
    workspace = join(base, 'workspace');
    await fs.rm(workspace, { recursive: true, force: true });
    await fs.mkdir(workspace);
    before = await snapshot(base);
  });
  afterEach(async () => {
    // outside the workspace: byte for byte as it was, the repository too (a
    // throw here fails the test that just ran)
    const after = await snapshot(base);
    const changed = [
      ...new Set([...Object.keys(before), ...Object.keys(after)]),
    ].filter(f => !f.startsWith(workspace) && after[f] !== before[f]);
    const branches = git(repo, 'branch', '--format=%(refname:short)');
    const status = git(repo, 'status', '--porcelain');
    if (changed.length || branches !== 'main' || status !== '') {
      throw new Error(
        `changed outside the workspace: ${changed.join(
          ', ',
        )}; branches ${branches}; status ${status}`,
      );
    }
  });

  it.each(HOSTILE_NAMES.map(n => [n.slice(0, 40)]))(
    'refuses the app name %j and writes nothing',
    async name => {
      const full = HOSTILE_NAMES.find(n => n.startsWith(name))!;
      await expect(promote({ app: full })).rejects.toMatchObject(REFUSED);
      expect(await fs.readdir(workspace)).toEqual([]);
    },
  );

  it.each(HOSTILE_NAMES.map(n => [n.slice(0, 40)]))(
    'refuses the cluster name %j and writes nothing',
    async name => {
      const full = HOSTILE_NAMES.find(n => n.startsWith(name))!;
      await expect(promote({ to: [full] })).rejects.toMatchObject(REFUSED);
      await expect(promote({ to: ['prod'], from: full })).rejects.toMatchObject(
        REFUSED,
      );
      expect(await fs.readdir(workspace)).toEqual([]);
    },
  );

  it.each(['../outside', '/tmp/fleet-escape', 'fleet/../../outside'])(
    'refuses the targetPath %j and writes nothing',
    async targetPath => {
      await expect(promote({ targetPath })).rejects.toThrow(
        /outside its parent/,
      );
      expect(await fs.readdir(workspace)).toEqual([]);
    },
  );

  it('does not write through a symlinked directory planted as the target', async () => {
    await fs.symlink(outside, join(workspace, 'fleet'));
    await expect(promote({})).rejects.toThrow(/outside its parent/);
  });

  it('does not write through a symlinked kustomization file, and writes no other file', async () => {
    // the second file the plan writes, so a write-as-you-check would have written the first
    const dir = join(workspace, 'fleet/clusters/prod/infra');
    await fs.mkdir(dir, { recursive: true });
    await fs.symlink(
      join(outside, 'sentinel.yaml'),
      join(dir, 'kustomization.yaml'),
    );
    await expect(promote({})).rejects.toThrow(/outside its parent/);
    expect(Object.keys(await snapshot(join(workspace, 'fleet')))).toEqual([
      join(dir, 'kustomization.yaml'),
    ]);
  });

  it('does not write through a symlinked cluster directory', async () => {
    await fs.mkdir(join(workspace, 'fleet/clusters'), { recursive: true });
    await fs.symlink(outside, join(workspace, 'fleet/clusters/prod'));
    await expect(promote({})).rejects.toThrow(/outside its parent/);
  });

  it('refuses to commit a workspace holding a symlink to a file or directory outside it', async () => {
    await fs.mkdir(join(workspace, 'fleet/clusters/prod'), { recursive: true });
    await fs.symlink(
      join(outside, 'sentinel.yaml'),
      join(workspace, 'fleet/clusters/prod/kustomization.yaml'),
    );
    await expect(publish({})).rejects.toThrow(
      /clusters\/prod\/kustomization.yaml in the workspace is a symlink; nothing was committed/,
    );
    await fs.rm(join(workspace, 'fleet/clusters/prod/kustomization.yaml'));
    await fs.symlink(outside, join(workspace, 'fleet/clusters/prod/etc'));
    await expect(publish({})).rejects.toThrow(/is a symlink/);
  });

  it.each(['../outside', '/etc', 'fleet/../../outside'])(
    'refuses the sourcePath %j',
    async sourcePath => {
      await expect(publish({ sourcePath })).rejects.toThrow(
        /outside its parent/,
      );
    },
  );

  it.each([
    '../outside/sentinel.yaml',
    '/etc/passwd',
    'clusters/../../outside/sentinel.yaml',
    '.git/config',
    'clusters/.GIT/hooks/pre-commit',
    'a\0b',
    'clusters\\..\\..\\x',
    '',
  ])('refuses to delete %j, committing nothing', async path => {
    await fs.mkdir(join(workspace, 'fleet/clusters/prod'), { recursive: true });
    await fs.writeFile(join(workspace, 'fleet/clusters/prod/x.yaml'), 'a: 1\n');
    await expect(publish({ filesToDelete: [path] })).rejects.toThrow(
      /is not a path inside the repository; nothing was committed/,
    );
  });

  it.each(['../main', '-x', 'a..b', 'a b', 'refs/heads/../../x', 'x.lock'])(
    'refuses the branch name %j',
    async branchName => {
      await fs.mkdir(join(workspace, 'fleet'), { recursive: true });
      await fs.writeFile(join(workspace, 'fleet/x.yaml'), 'a: 1\n');
      await expect(publish({ branchName })).rejects.toThrow(
        /not a valid branch name/,
      );
    },
  );
});
