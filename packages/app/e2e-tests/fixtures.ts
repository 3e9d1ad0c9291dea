import { expect, Page, test as base } from '@playwright/test';

/**
 * Playwright's `test` with a page that fails the test on any console error
 * or uncaught exception in the app (issue 14): a view that throws while still
 * showing something must not pass.
 */
/**
 * Known dev-mode warnings of dependencies, not of this app: MUI v4's
 * transitions call findDOMNode, which React 18 flags under StrictMode
 * (mui/material-ui#13394, fixed only in MUI v5).
 */
const ignored = [/^Warning: findDOMNode is deprecated/];
/**
 * Known failed requests of Backstage itself: the app looks up the signed-in
 * user's catalog entity, and guest sign-in (app-config.yaml) has none in the
 * example catalog, so the catalog answers 404.
 */
const ignoredUrls = [
  /\/api\/catalog\/entities\/by-name\/user\/development\/guest$/,
];

export const test = base.extend<{ page: Page }>({
  page: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on('console', message => {
      const text = message.text();
      if (message.type() === 'error' && !ignored.some(re => re.test(text))) {
        // "Failed to load resource" names no URL in its text: add it
        const where = message.location().url;
        if (ignoredUrls.some(re => re.test(where))) return;
        errors.push(`console.error: ${text}${where ? ` (${where})` : ''}`);
      }
    });
    page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
    await provide(page);
    expect(errors, 'errors in the browser console').toEqual([]);
  },
});

export { expect };

/** Where screenshots go: `FLEET_SCREENSHOTS_DIR` (e.g. `docs`) or the test cache. */
export const screenshotDir =
  process.env.FLEET_SCREENSHOTS_DIR ?? 'node_modules/.cache/e2e-test-results';

/** Opens the app and signs in as guest. */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
}
