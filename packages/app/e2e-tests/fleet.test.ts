import { expect, screenshotDir, signIn, test } from './fixtures';

test('podinfo runs on dev, test and prod with 1, 2 and 3 replicas, each linked to its listing file', async ({
  page,
}) => {
  await signIn(page, '/catalog/default/component/podinfo');
  const card = page.getByRole('table', { name: 'Deployed to' });
  for (const [cluster, replicas] of [
    ['dev', '1'],
    ['test', '2'],
    ['prod', '3'],
  ]) {
    const row = card.getByTestId(`deployed-to-${cluster}`);
    await expect(row.getByLabel('replicas')).toHaveText(replicas);
    await expect(
      row.getByText(`clusters/${cluster}/apps/kustomization.yaml`, {
        exact: false,
      }),
    ).toBeVisible();
  }
  // near the top of the overview: it starts before the About card ends
  // (app.extensions in app-config.yaml lists it first), and before the
  // other wide cards
  const about = page
    .locator('div')
    .filter({ has: page.getByText('About', { exact: true }) })
    .filter({ hasText: 'Description' })
    .last();
  const cardBox = (await card.boundingBox())!;
  const aboutBox = (await about.boundingBox())!;
  expect(cardBox.y).toBeLessThan(aboutBox.y + aboutBox.height);
  const relations = (await page
    .getByText('Relations', { exact: true })
    .first()
    .boundingBox())!;
  expect(cardBox.y + cardBox.height).toBeLessThan(relations.y);
  await page.screenshot({
    path: `${screenshotDir}/fleet-deployed-to-card.png`,
    fullPage: true,
  });
});

test('foo-app runs on test only and offers Promote for dev and prod, which opens the filled template', async ({
  page,
}) => {
  await signIn(page, '/catalog/default/component/foo-app');
  const card = page.getByRole('table', { name: 'Deployed to' });
  await expect(
    card.getByTestId('deployed-to-test').getByLabel('replicas'),
  ).toBeVisible();
  await expect(
    card.getByTestId('deployed-to-test').getByRole('link', { name: /Promote/ }),
  ).toHaveCount(0);
  await expect(
    card.getByRole('link', { name: 'Promote to dev' }),
  ).toBeVisible();
  const promote = card.getByRole('link', { name: 'Promote to prod' });
  const href = await promote.getAttribute('href');
  const target = new URL(href!, 'http://app');
  expect(target.pathname).toBe('/create/templates/default/promote-app');
  expect(JSON.parse(target.searchParams.get('formData')!)).toEqual({
    app: 'foo-app',
    to: ['prod'],
  });

  await promote.click();
  await expect(
    page.getByRole('heading', { name: 'Promote app' }).first(),
    // the scaffolder's first load (its chunks from the development server)
    // is slow on a loaded machine
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByLabel('App')).toContainText('foo-app');
  await expect(page.getByRole('checkbox', { name: 'prod' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'dev' })).not.toBeChecked();
});

test('the overview filters to apps and shows foo-app only on test', async ({
  page,
}) => {
  await signIn(page, '/fleet');
  const matrix = page.getByRole('table', { name: 'What runs where' });
  await expect(matrix.getByTestId('overview-row-apps/podinfo')).toBeVisible();
  await expect(
    matrix.getByTestId('overview-row-clusters/dev/flux-system'),
  ).toHaveCount(0);
  await page.screenshot({
    path: `${screenshotDir}/fleet-overview.png`,
    fullPage: true,
  });

  await page.getByLabel('Kind').click();
  await page.getByRole('option', { name: 'Apps' }).click();
  await expect(matrix.getByText('Namespaces (', { exact: false })).toHaveCount(
    0,
  );
  const foo = matrix.getByTestId('overview-row-apps/foo-app');
  await expect(foo.getByLabel(/^test: /)).toBeVisible();
  await expect(foo.getByLabel('dev: absent')).toBeVisible();
  await expect(foo.getByLabel('prod: absent')).toBeVisible();

  // podinfo's row links to its component (the unit's entityRefs), and lands there
  await matrix
    .getByTestId('overview-row-apps/podinfo')
    .getByRole('link', { name: 'podinfo', exact: true })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/podinfo$/);
  await expect(
    page
      .getByRole('table', { name: 'Deployed to' })
      .getByTestId('deployed-to-prod'),
  ).toBeVisible();
});

test('compare test → prod lists foo-app and namespace foo as promotion candidates', async ({
  page,
}) => {
  await signIn(page, '/fleet');
  await page.getByRole('button', { name: 'Compare clusters' }).click();
  const onlyInTest = page.getByTestId('compare-only-in-from');
  await expect(
    onlyInTest.getByText('Only in test (promotion candidates)', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(
    onlyInTest.getByText(/^foo-app \(apps\/foo-app\)$/),
  ).toBeVisible();
  await expect(onlyInTest.getByText(/Namespace foo(,|$)/)).toBeVisible();
  await page.screenshot({
    path: `${screenshotDir}/fleet-overview-compare.png`,
    fullPage: true,
  });
});

test('the prod cluster page lists podinfo', async ({ page }) => {
  await signIn(page, '/catalog/default/resource/prod');
  const podinfo = page.getByTestId('cluster-unit-apps/podinfo');
  await expect(podinfo).toContainText('podinfo');
  await expect(podinfo).toContainText('apps/podinfo/overlays/prod');
  await expect(page.getByTestId('cluster-unit-apps/foo-app')).toHaveCount(0);
  await page.screenshot({
    path: `${screenshotDir}/fleet-cluster-card.png`,
    fullPage: true,
  });
});

test('the Fleet tab shows the diff between dev and prod with the replica change', async ({
  page,
}) => {
  await signIn(page, '/catalog/default/component/podinfo/fleet');
  await expect(page.getByTestId('provenance').first()).toBeVisible();
  const deployment = page
    .getByTestId('fleet-diff-entry')
    .filter({ hasText: 'Deployment team-x/podinfo' });
  await expect(deployment).toContainText('replicas: 1');
  await expect(deployment).toContainText('replicas: 3');
  await page.screenshot({
    path: `${screenshotDir}/fleet-tab.png`,
    fullPage: true,
  });
});
