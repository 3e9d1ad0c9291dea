import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { fleetService, permissionsDenying } from './__testUtils__/exampleFleet';
import { createFleetPromoteAction } from './promote';
import { examples } from './promote.examples';

const PROD_APPS = 'clusters/prod/apps/kustomization.yaml';
const PROD_INFRA = 'clusters/prod/infra/kustomization.yaml';

// git, file copies and whole-fleet resolves: slow on a loaded 2-core machine
jest.setTimeout(60_000);
describe('fleet:promote', () => {
  const workspace = createMockDirectory();
  const fleet = fleetService();
  const action = createFleetPromoteAction({
    fleet,
    permissions: permissionsDenying(),
    appBaseUrl: 'http://localhost:3000',
  });

  beforeEach(() => workspace.clear());

  it('writes the changed files into the workspace and outputs the pull request', async () => {
    const ctx = createMockActionContext({
      input: {
        app: 'foo-app',
        to: ['prod'],
        strategy: 'auto' as const,
        targetPath: 'fleet',
        remove: false,
        entityRef: 'component:default/foo-app',
      },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    expect(workspace.content()).toEqual({
      fleet: {
        clusters: {
          prod: {
            apps: {
              'kustomization.yaml': expect.stringMatching(
                /- \.\.\/\.\.\/\.\.\/apps\/foo-app\/base\n$/,
              ),
            },
            infra: {
              'kustomization.yaml': expect.stringMatching(
                /test-only\/ns-foo\.yaml\n$/,
              ),
            },
          },
        },
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('files', [PROD_APPS, PROD_INFRA]);
    expect(ctx.output).toHaveBeenCalledWith('filesToDelete', []);
    expect(ctx.output).toHaveBeenCalledWith('strategy', 'reference');
    expect(ctx.output).toHaveBeenCalledWith(
      'title',
      'Promote foo-app from test to prod',
    );
    const body = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'body',
    )[1];
    expect(body).toContain(
      '### prod\n\nAdded (3):\n- `Deployment foo/foo-app`',
    );
    expect(body).toContain(
      'Component: [component:default/foo-app](http://localhost:3000/catalog/default/component/foo-app)',
    );
    const diff = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'diff',
    )[1];
    expect(diff).toContain('+  - ../../../apps/foo-app/base');
  });

  it('writes nothing when a target cluster is not permitted, and says which', async () => {
    const denying = createFleetPromoteAction({
      fleet,
      permissions: permissionsDenying('prod'),
    });
    const ctx = createMockActionContext({
      input: {
        app: 'foo-app',
        to: ['dev', 'prod'],
        strategy: 'auto' as const,
        targetPath: 'fleet',
        remove: false,
      },
      workspacePath: workspace.path,
    });
    await expect(denying.handler(ctx)).rejects.toThrow(
      'You may not promote to prod (permission fleet.promotion.create); nothing was changed.',
    );
    expect(workspace.content()).toEqual({});
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('fails with the reason, writing nothing, when the promotion would break the target', async () => {
    const broken = workspace.path.replace(/\/?$/, '-fleet');
    await fs.cp(join(__dirname, '../../../../examples/fleet'), broken, {
      recursive: true,
    });
    await fs.writeFile(
      join(broken, 'clusters/prod/apps/legacy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: foo-app\n  namespace: foo\n',
    );
    await fs.appendFile(join(broken, PROD_APPS), '  - legacy.yaml\n');
    const refusing = createFleetPromoteAction({
      fleet: fleetService(broken),
      permissions: permissionsDenying(),
    });
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
    try {
      await expect(refusing.handler(ctx)).rejects.toThrow(
        /^Promotion refused, nothing was changed: The change would break the fleet/,
      );
      expect(workspace.content()).toEqual({});
    } finally {
      await fs.rm(broken, { recursive: true, force: true });
    }
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_, example) => {
      const step = parse(example).steps[0];
      const input = {
        strategy: 'auto' as const,
        targetPath: 'fleet',
        remove: false,
        ...step.input,
      };
      const ctx = createMockActionContext({
        input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx);
      const files = (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'files',
      )[1] as string[];
      expect(files.length).toBeGreaterThan(0);
      for (const file of files)
        await expect(
          fs.stat(join(workspace.path, input.targetPath, file)),
        ).resolves.toBeTruthy();
    },
  );
});
