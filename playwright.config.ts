import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

/**
 * End-to-end tests against the real app (:3000) and backend (:7007), both
 * started from this repository with `yarn start`, in Debian's Chromium
 * (Playwright's own browser download is not reachable on these machines).
 */
export default defineConfig({
  timeout: 120_000,
  expect: { timeout: 30_000 },

  webServer: [
    {
      command: 'yarn start',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 600_000,
      stdout: 'pipe',
    },
    {
      command: 'echo backend started by yarn start',
      url: 'http://localhost:7007/api/fleet/health',
      reuseExistingServer: true,
      timeout: 600_000,
    },
  ],

  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 0,
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },

  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: generateProjects(),
});
