/*
 * Issue 9, must-show 1: "Promote app" driven from foo-app's Promote button in
 * the running app, down to a branch of the embedded fleet repository, its
 * merge by a reviewer, and the catalog's deployedTo relation to prod.
 *
 * The test changes shared state (the embedded repository the backend reads),
 * so it runs serially and afterAll puts the repository back as it found it:
 * the branch read by the backend at its old commit, the promotion branch
 * deleted, the model refreshed. fleet.test.ts then sees the original fleet
 * whatever the order of the files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect, screenshotDir, signIn, test } from './fixtures';

const backend = 'http://localhost:7007';
/** The embedded repository: `fleet.dataDir` (default `.fleet-data`) of the backend started in packages/backend. */
const repo = path.resolve(__dirname, '../../backend/.fleet-data/fleet.git');
const BRANCH = 'main';
const reviewer = ['-c', 'user.name=Reviewer', '-c', 'user.email=r@localhost'];

function git(...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
  }).trim();
}

const branches = () =>
  git('for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n');

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).backstageIdentity.token;
}

/** `POST /api/fleet/refresh`: answers once the model of the branch tip is served. */
async function refreshFleet(request: APIRequestContext) {
  const token = await guestToken(request);
  const res = await request.post(`${backend}/api/fleet/refresh`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const status = await res.json();
  expect(status.revision).toBe(git('rev-parse', `refs/heads/${BRANCH}`));
}

/** The clusters foo-app's catalog entity is `deployedTo`. */
async function catalogDeployedTo(request: APIRequestContext) {
  const token = await guestToken(request);
  const res = await request.get(
    `${backend}/api/catalog/entities/by-name/component/default/foo-app`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(res.ok()).toBeTruthy();
  const entity = await res.json();
  return (entity.relations as { type: string; targetRef: string }[])
    .filter(r => r.type === 'deployedTo')
    .map(r => r.targetRef)
    .sort();
}

test.describe.configure({ mode: 'serial' });

let before: { commit: string; branches: string[] } | undefined;

test.beforeAll(() => {
  expect(existsSync(path.join(repo, '.git')), `${repo} exists`).toBe(true);
  before = {
    commit: git('rev-parse', `refs/heads/${BRANCH}`),
    branches: branches(),
  };
});

test.afterAll(async ({ request }) => {
  if (!before) return;
  // the branch back at its old commit, index and work tree with it; only
  // what this test made is removed
  git('update-ref', `refs/heads/${BRANCH}`, before.commit);
  git('read-tree', '-u', '--reset', BRANCH);
  for (const b of branches())
    if (b && !before.branches.includes(b)) git('branch', '-D', b);
  await refreshFleet(request);
});

test('Promote app: foo-app from its Promote button to a merged branch, and the catalog shows it on prod', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  await signIn(page, '/catalog/default/component/foo-app');
  const card = page.getByRole('table', { name: 'Deployed to' });
  await card.getByRole('link', { name: 'Promote to prod' }).click();

  // the template, filled from the button
  await expect(
    page.getByRole('heading', { name: 'Promote app' }).first(),
    // the scaffolder's first load (its chunks from the development server)
    // is slow on a loaded machine
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByLabel('App')).toContainText('foo-app');
  await expect(page.getByRole('checkbox', { name: 'prod' })).toBeChecked();
  await page.getByRole('button', { name: 'Next' }).click();

  // the review step: POST /promotions/preview, nothing written yet
  const preview = page.getByTestId('fleet-promotion-preview');
  await expect(preview).toContainText(
    'update clusters/prod/apps/kustomization.yaml',
  );
  await expect(preview).toContainText(
    'update clusters/prod/infra/kustomization.yaml',
  );
  await expect(page.getByTestId('promotion-cluster-prod')).toContainText(
    'Deployment foo/foo-app',
  );
  await expect(page.getByTestId('promotion-cluster-prod')).toContainText(
    'Namespace foo',
  );
  expect(branches()).toEqual(before!.branches);
  await page.screenshot({
    path: `${screenshotDir}/fleet-promotion-preview.png`,
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // the task: fleet:promote then fleet:publish:local, which names the branch
  await page.waitForURL(/\/create\/tasks\//);
  const taskId = new URL(page.url()).pathname.split('/').pop()!;
  const token = await guestToken(request);
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`${backend}/api/scaffolder/v2/tasks/${taskId}`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).json()
        ).status,
      { timeout: 120_000 },
    )
    .toBe('completed');
  const created = branches().filter(b => !before!.branches.includes(b));
  expect(created).toHaveLength(1);
  const branch = created[0];
  expect(branch).toMatch(/^promote\/foo-app-prod-/);
  await expect(page.getByText(`Branch ${branch}`).first()).toBeVisible();

  // the branch adds foo-app to prod's apps and namespace foo to prod's
  // infrastructure list, and nothing else; the branch read is untouched
  expect(git('rev-parse', `refs/heads/${BRANCH}`)).toBe(before!.commit);
  expect(git('diff', '--name-only', BRANCH, branch).split('\n')).toEqual([
    'clusters/prod/apps/kustomization.yaml',
    'clusters/prod/infra/kustomization.yaml',
  ]);
  const added = git('diff', '-U0', BRANCH, branch)
    .split('\n')
    .filter(l => /^[+-](?![+-])/.test(l));
  expect(added).toEqual([
    '+  - ../../../apps/foo-app/base',
    '+  - ../../../infrastructure/namespaces/test-only/ns-foo.yaml',
  ]);

  // a reviewer merges it (the command the task printed), the fleet refreshes
  git(...reviewer, 'merge', '--no-ff', '--no-edit', branch);
  await refreshFleet(request);
  await page.goto('/catalog/default/component/foo-app');
  await expect(
    card.getByTestId('deployed-to-prod').getByLabel('replicas'),
  ).toBeVisible();
  // the catalog follows at the component's next processing
  await expect
    .poll(() => catalogDeployedTo(request), { timeout: 120_000 })
    .toEqual(['resource:default/prod', 'resource:default/test']);
});
