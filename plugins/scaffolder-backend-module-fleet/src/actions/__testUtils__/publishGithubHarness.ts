/*
 * One fleet:publish:github run against the emulated GitHub, as the
 * publish tests set it up: the action on the integration's token, a pacer
 * on the emulation's virtual clock, and a `publish` that runs the handler on
 * the workspace with the test's default input, overridden per call.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  createMockDirectory,
  type MockDirectory,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { SetupServer } from 'msw/node';
import { GithubWritePacer } from '../GithubWritePacer';
import { createFleetPublishGithubAction } from '../publishGithub';
import type { FleetPublishGithubInput } from '../types';
import {
  emulateGithub,
  type GithubScenario,
  virtualClock,
} from './githubEmulator';

/** The emulated repository as the action's `repoUrl`. */
export const REPO_URL = 'github.com?owner=example-org&repo=fleet';

/** The list a promotion to prod edits, in the workspace's `fleet/`. */
export const PROD_LIST = 'clusters/prod/apps/kustomization.yaml';

/**
 * A mock workspace whose `fleet/` holds the promoted prod list
 * (`resources: [a]`), written before the describe block's tests; call it in
 * the block.
 */
export function promotedWorkspace(): MockDirectory {
  const workspace = createMockDirectory();
  beforeAll(() => {
    const file = join(workspace.path, 'fleet', PROD_LIST);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'resources:\n  - a\n');
  });
  return workspace;
}

/**
 * Returns `setup(scenario)`: a fresh emulation, clock and pacer, and
 * `publish(input)` resolving to the action's outputs. `defaults` is read at
 * each run, so it may name what a `beforeAll` computed.
 */
export function publishGithubHarness(
  server: SetupServer,
  workspacePath: string,
  defaults: () => Partial<FleetPublishGithubInput>,
) {
  return (scenario: GithubScenario = {}) => {
    const clock = virtualClock();
    const github = emulateGithub(server, clock, scenario);
    const action = createFleetPublishGithubAction({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'github.com', token: 'ghp_t' }] },
        }),
      ),
      config: new ConfigReader({}),
      pacer: new GithubWritePacer({ clock }),
    });
    const publish = async (
      input: Partial<FleetPublishGithubInput> = {},
    ): Promise<Record<string, any>> => {
      // a test leaves out what its defaults hold (branch, title, body)
      const full = {
        repoUrl: REPO_URL,
        sourcePath: 'fleet',
        filesToDelete: [],
        revision: 'planned',
        ...defaults(),
        ...input,
      } as FleetPublishGithubInput;
      const ctx = createMockActionContext({ input: full, workspacePath });
      await action.handler(ctx);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    };
    return { clock, github, publish };
  };
}
