/*
 * A promotion that carries Secrets (plain `data` and `stringData`, and a
 * SOPS-encrypted one) must not put a Secret value into anything a person
 * reads outside Git: the PR title and body, the diff and per-cluster
 * changes fleet:promote outputs (the review step shows the same plan), or
 * the task log.
 */
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

jest.setTimeout(60_000);

const VALUES = {
  plain: 'PLAIN-S3CRET-stringData',
  data: 'DATA-S3CRET-data',
  overlay: 'OVERLAY-S3CRET-stringData',
  sops: 'ENC[AES256_GCM,data:c0FQU0NJUEhFUlRFWFQ=,iv:aXY=,tag:dGFn,type:str]',
};
const b64 = (s: string) => Buffer.from(s).toString('base64');

const SECRETS = `apiVersion: v1
kind: Secret
metadata:
  name: foo-app-plain
  namespace: foo
stringData:
  password: ${VALUES.plain}
data:
  token: ${b64(VALUES.data)}
---
apiVersion: v1
kind: Secret
metadata:
  name: foo-app-sops
  namespace: foo
data:
  key: ${VALUES.sops}
sops:
  mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
  version: 3.9.0
`;

describe('Secret values in a promotion', () => {
  let root: string;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'fleet-secrets-'));
    await fs.cp(EXAMPLE_FLEET, root, { recursive: true });
    const app = join(root, 'apps/foo-app');
    await fs.writeFile(join(app, 'base/secrets.yaml'), SECRETS);
    await fs.appendFile(
      join(app, 'base/kustomization.yaml'),
      '  - secrets.yaml\n',
    );
    // an overlay of its own on test, with a Secret in it: the overlay strategy copies it
    await fs.mkdir(join(app, 'overlays/test'), { recursive: true });
    await fs.writeFile(
      join(app, 'overlays/test/kustomization.yaml'),
      'resources:\n  - ../../base\n  - secret.yaml\n',
    );
    await fs.writeFile(
      join(app, 'overlays/test/secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: foo-app-test\n  namespace: foo\nstringData:\n  api-key: ${VALUES.overlay}\n`,
    );
    const list = join(root, 'clusters/test/apps/kustomization.yaml');
    await fs.writeFile(
      list,
      (
        await fs.readFile(list, 'utf8')
      ).replace('apps/foo-app/base', 'apps/foo-app/overlays/test'),
    );
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it.each(['reference', 'overlay'] as const)(
    'keeps every Secret value out of the outputs and the log (%s strategy)',
    async strategy => {
      workspace.clear();
      const logged: string[] = [];
      const log = (...args: unknown[]) => {
        logged.push(args.map(a => JSON.stringify(a)).join(' '));
      };
      const logger: any = { info: log, warn: log, error: log, debug: log };
      logger.child = () => logger;
      const ctx = createMockActionContext({
        input: {
          app: 'foo-app',
          to: ['prod'],
          strategy,
          remove: false,
          targetPath: 'fleet',
        },
        workspacePath: workspace.path,
        logger,
      });
      await createFleetPromoteAction({
        fleet: fleetService(root),
        permissions: permissionsDenying(),
      }).handler(ctx);
      const outputs = JSON.stringify((ctx.output as jest.Mock).mock.calls);
      // the promotion does carry the Secrets to prod
      expect(outputs).toContain('foo-app-plain');
      expect(outputs).toContain('foo-app-sops');
      const seen = `${outputs}\n${logged.join('\n')}`;
      for (const value of Object.values(VALUES)) {
        expect(seen).not.toContain(value);
        expect(seen).not.toContain(b64(value));
      }
      expect(seen).not.toContain(b64(VALUES.data));
      expect(seen).not.toContain('c0FQU0NJUEhFUlRFWFQ=');
    },
  );

  it('keeps them out of fleet:publish:local’s diff of the embedded repository', async () => {
    workspace.clear();
    const repo = await fs.mkdtemp(join(tmpdir(), 'fleet-secrets-repo-'));
    await fs.cp(root, repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args],
        {
          cwd: repo,
        },
      );
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'fleet');
    const fleet = fleetService(repo, { path: repo, branch: 'main' });
    const planned = createMockActionContext({
      input: {
        app: 'foo-app',
        to: ['prod'],
        strategy: 'overlay' as const,
        remove: false,
        targetPath: 'fleet',
      },
      workspacePath: workspace.path,
    });
    await createFleetPromoteAction({
      fleet,
      permissions: permissionsDenying(),
    }).handler(planned);
    const out = Object.fromEntries((planned.output as jest.Mock).mock.calls);
    const ctx = createMockActionContext({
      input: {
        sourcePath: 'fleet',
        filesToDelete: out.filesToDelete,
        branchName: 'promote/secrets',
        title: out.title,
        body: out.body,
      },
      workspacePath: workspace.path,
    });
    await createFleetPublishLocalAction({ fleet }).handler(ctx);
    const published = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    // the Secret is committed (it is in Git), the diff names it without its value
    expect(
      git(
        'show',
        'promote/secrets:apps/foo-app/overlays/prod/secret.yaml',
      ).toString(),
    ).toContain(VALUES.overlay);
    expect(published.diff).toContain(
      '# apps/foo-app/overlays/prod/secret.yaml: content withheld',
    );
    expect(published.diff).toContain(
      '+  - ../../../apps/foo-app/overlays/prod',
    );
    expect(JSON.stringify(published)).not.toContain(VALUES.overlay);
    await fs.rm(repo, { recursive: true, force: true });
  });
});
