import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  EXAMPLE_FLEET,
  fleetService,
  permissionsDenying,
} from './__testUtils__/exampleFleet';
import { createFleetPromoteAction } from './promote';
import { createFleetPublishLocalAction } from './publishLocal';
import { git } from './__testUtils__/git';

// git, file copies and whole-fleet resolves: slow on a loaded 2-core machine
jest.setTimeout(60_000);
describe('fleet:publish:local', () => {
  let repo: string;
  const workspace = createMockDirectory();

  beforeEach(async () => {
    // the embedded default: a git repository with the example fleet on main, checked out
    repo = await fs.mkdtemp(join(tmpdir(), 'fleet-embedded-'));
    await fs.cp(EXAMPLE_FLEET, repo, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'fleet');
    workspace.clear();
  });
  afterEach(() => fs.rm(repo, { recursive: true, force: true }));

  async function promote(to: string[]) {
    const fleet = fleetService(repo, { path: repo, branch: 'main' });
    const ctx = createMockActionContext({
      input: {
        app: 'foo-app',
        to,
        strategy: 'auto' as const,
        targetPath: `fleet-${to.join('-')}`,
        remove: false,
      },
      workspacePath: workspace.path,
    });
    await createFleetPromoteAction({
      fleet,
      permissions: permissionsDenying(),
    }).handler(ctx);
    const out = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    return { fleet, out };
  }

  async function publish(
    fleet: ReturnType<typeof fleetService>,
    out: Record<string, any>,
    branchName: string,
  ) {
    const ctx = createMockActionContext({
      input: {
        sourcePath: out.targetPath,
        filesToDelete: out.filesToDelete,
        branchName,
        title: out.title,
        body: out.body,
      },
      workspacePath: workspace.path,
    });
    await createFleetPublishLocalAction({ fleet }).handler(ctx);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  }

  it('commits the promotion on a new branch and leaves the checked-out branch and work tree alone', async () => {
    const head = git(repo, 'rev-parse', 'HEAD');
    const { fleet, out } = await promote(['prod']);
    const result = await publish(fleet, out, 'promote/foo-app-prod');
    expect(
      git(repo, 'diff', '--name-only', 'main', 'promote/foo-app-prod').split(
        '\n',
      ),
    ).toEqual([
      'clusters/prod/apps/kustomization.yaml',
      'clusters/prod/infra/kustomization.yaml',
    ]);
    expect(result.diff).toContain('+  - ../../../apps/foo-app/base');
    expect(result.diff).toContain(
      '+  - ../../../infrastructure/namespaces/test-only/ns-foo.yaml',
    );
    expect(result.mergeCommand).toBe(
      `git -C ${repo} merge --no-ff promote/foo-app-prod`,
    );
    expect(git(repo, 'log', '-1', '--format=%s', 'promote/foo-app-prod')).toBe(
      'Promote foo-app from test to prod',
    );
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(git(repo, 'status', '--porcelain')).toBe('');

    // merged with the command it reports, the next read of the fleet runs foo-app on prod
    execFileSync('sh', [
      '-c',
      `git -c user.name=t -c user.email=t@example.com ${result.mergeCommand.replace(
        /^git /,
        '',
      )} -q -m merge`,
    ]);
    const merged = await fleetService(repo).getState();
    expect(
      merged.matrix.objects
        .filter(o => o.unit === 'apps/foo-app')
        .map(o => o.cluster)
        .sort(),
    ).toEqual(['prod', 'prod', 'test', 'test']);
  });

  it('deletes files and serializes concurrent promotions', async () => {
    const one = await promote(['prod']);
    const all = await promote(['dev', 'prod']);
    const [a, b] = await Promise.all([
      publish(one.fleet, one.out, 'promote/one'),
      publish(all.fleet, all.out, 'promote/all'),
    ]);
    expect(a.commit).not.toBe(b.commit);
    expect(
      git(
        repo,
        'ls-tree',
        '-r',
        '--name-only',
        'promote/all',
        'infrastructure/namespaces',
      ),
    ).not.toContain('test-only');
    expect(
      git(
        repo,
        'ls-tree',
        '-r',
        '--name-only',
        'promote/all',
        'infrastructure/namespaces',
      ),
    ).toContain('common/ns-foo.yaml');
  });

  it('leaves no branch and writes nothing for a promotion that is not permitted or would break prod', async () => {
    // as the scaffolder runs the template: publish only runs after promote succeeded,
    // and even run on what promote left (nothing) it commits nothing
    const attempt = async (
      permissions: ReturnType<typeof permissionsDenying>,
    ) => {
      const fleet = fleetService(repo, { path: repo, branch: 'main' });
      const ctx = createMockActionContext({
        input: {
          app: 'foo-app',
          to: ['prod'],
          strategy: 'auto' as const,
          targetPath: 'fleet',
          remove: false,
        },
        workspacePath: workspace.path,
      });
      const refused = createFleetPromoteAction({ fleet, permissions })
        .handler(ctx)
        .then(() => 'promoted');
      const reason = await refused.catch((e: Error) => e.message);
      await expect(
        publish(
          fleet,
          { targetPath: 'fleet', filesToDelete: [], title: 't', body: '' },
          'promote/foo-app-prod',
        ),
      ).rejects.toThrow('There is nothing to commit under fleet');
      return reason;
    };
    const head = git(repo, 'rev-parse', 'HEAD');

    expect(await attempt(permissionsDenying('prod'))).toBe(
      'You may not promote to prod (permission fleet.promotion.create); nothing was changed.',
    );

    // prod already applies a Deployment foo/foo-app of its own: adding the app would apply it twice
    await fs.writeFile(
      join(repo, 'clusters/prod/apps/legacy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: foo-app\n  namespace: foo\n',
    );
    await fs.appendFile(
      join(repo, 'clusters/prod/apps/kustomization.yaml'),
      '  - legacy.yaml\n',
    );
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'prod: legacy foo-app');
    const broken = git(repo, 'rev-parse', 'HEAD');
    expect(await attempt(permissionsDenying())).toMatch(
      /^Promotion refused, nothing was changed: The change would break the fleet, so nothing was changed: prod: .*foo-app/,
    );

    expect(workspace.content()).toEqual({});
    expect(git(repo, 'branch', '--format=%(refname:short)')).toBe('main');
    expect(git(repo, 'rev-parse', 'HEAD~1')).toBe(head);
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(broken);
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it('refuses a branch that exists', async () => {
    const { fleet, out } = await promote(['prod']);
    git(repo, 'branch', 'taken');
    await expect(publish(fleet, out, 'taken')).rejects.toThrow(
      `Branch taken already exists in ${repo}`,
    );
  });

  it('says what to use when the fleet is not a local repository', async () => {
    const ctx = createMockActionContext({
      input: {
        sourcePath: 'fleet',
        filesToDelete: [],
        branchName: 'x',
        title: 't',
        body: '',
      },
      workspacePath: workspace.path,
    });
    await expect(
      createFleetPublishLocalAction({ fleet: fleetService() }).handler(ctx),
    ).rejects.toThrow(/publish:github:pull-request/);
  });
});
