import { expect, test } from '@playwright/test';

// These tests cross Backstage's own catalog pages, whose dependencies print
// React dev-mode warnings (material-table defaultProps, list keys); the
// console check of ./fixtures guards the fleet views in fleet.test.ts.

const backend = 'http://localhost:7007';

async function guestToken(
  request: import('@playwright/test').APIRequestContext,
) {
  const res = await request.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBeTruthy();
  return (await res.json()).backstageIdentity.token as string;
}

test('the catalog API serves the example fleet components', async ({
  request,
}) => {
  const token = await guestToken(request);
  // the catalog ingests its locations shortly after the backend answers
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${backend}/api/catalog/entities/by-query?filter=kind=component`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        expect(res.ok()).toBeTruthy();
        return (await res.json()).items.map((e: any) => e.metadata.name);
      },
      { timeout: 30_000 },
    )
    .toEqual(expect.arrayContaining(['podinfo', 'foo-app']));
});

test('the fleet API serves the three example clusters', async ({ request }) => {
  const token = await guestToken(request);
  const res = await request.get(`${backend}/api/fleet/clusters`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.ok()).toBeTruthy();
  expect((await res.json()).items.map((c: any) => c.name)).toEqual([
    'dev',
    'prod',
    'test',
  ]);
});

test('the Fleet page in the sidebar shows what runs where', async ({
  page,
}) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Fleet', exact: true }).click();

  const matrix = page.getByRole('table', { name: 'What runs where' });
  await expect(matrix.getByTestId('overview-row-apps/podinfo')).toBeVisible();
  await expect(matrix.getByTestId('overview-row-apps/foo-app')).toBeVisible();
});
