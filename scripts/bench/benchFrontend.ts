/*
 * Frontend benchmark: generates a synthetic fleet (plugins/fleet-node/bench/
 * generateFleet, 20 clusters x 500 apps by default) with one annotated
 * component per app, starts the real backend and app on it, and measures in
 * Chromium (Debian's /usr/bin/chromium, through playwright-core):
 *   - overview: client-side navigation to /fleet until the matrix shows its
 *     first rows, and until a search typed into it has filtered the matrix
 *     (interactive); target < 1.5 s;
 *   - "Deployed to" card, until it lists every cluster (target < 500 ms), and
 *     until its frame (title, progress) is on screen, after:
 *       client-side navigation: a click on the component's link in the
 *         catalog table (react-router; the app's JavaScript already loaded,
 *         as for anyone who opened Backstage and then picks a component);
 *       full page load, warm: the component's URL loaded in the tab again
 *         (the browser's HTTP cache holds the app's JavaScript);
 *       full page load, cold: a fresh browser context (signed in, empty
 *         cache) loads the URL: every chunk of the app is downloaded.
 *     Full loads count from the navigation's start (`performance.timeOrigin`).
 *
 * By default the app is its production build (`yarn workspace app build`, as
 * `yarn build:backend` builds it) served by the backend on :7007, as a
 * deployment serves it; `--app dev` measures the development server (React in
 * development mode, slower) instead. `--skip-build` reuses packages/app/dist.
 * Times are taken in the page (scripts/lib/benchBrowser.ts). Besides wall
 * time it prints the renderer's main-thread busy time for the same interval
 * (Chromium's `TaskDuration`; busy close to wall means the frontend's own
 * work, far below wall means waiting for the network or the backend), the
 * requests of the last client-side card navigation with their start and
 * duration (the waterfall), and the load average. `--trace FILE` writes a
 * Chromium performance trace of one more client-side card navigation.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench/benchFrontend.ts \
 *     [--clusters 20] [--apps 500] [--runs 5] [--app prod|dev] [--skip-build] [--trace FILE]
 *
 * Ports 7007 (and 3000 with --app dev) must be free. Everything it starts it stops.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { clusterNames } from '../../plugins/fleet-node/bench/generateFleet';
import {
  answerSizes,
  installMarks,
  pushTo,
  reportLine,
  stats,
  Timing,
  waterfall,
} from '../lib/benchBrowser';
import {
  AppMode,
  appName,
  buildApp,
  startServers,
  stopServers,
  waitFor,
  writeInputs,
} from '../lib/benchFrontendServers';
import { clickToCard, loadCard, overview } from '../lib/benchFrontendSteps';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const shape = {
  clusters: Number(opt('clusters') ?? 20),
  apps: Number(opt('apps') ?? 500),
};
const runs = Number(opt('runs') ?? 5);
const mode = (opt('app') ?? 'prod') as AppMode;
if (mode !== 'prod' && mode !== 'dev') throw new Error('--app prod|dev');
const lastCluster = clusterNames(shape)[shape.clusters - 1];
const marks = {
  overviewRows: `[data-testid="overview-row-apps/${appName(1)}"]`,
  cardFrame: '[data-testid="deployed-to-card"]',
  card: `[data-testid="deployed-to-${lastCluster}"]`,
};
const load = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

async function measureAll(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1600, height: 1000 },
  });
  const page = await context.newPage();
  page.setDefaultNavigationTimeout(600_000);
  page.setDefaultTimeout(120_000);
  await installMarks(page, marks);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('button', { name: 'Enter' })
    .waitFor({ state: 'detached' });
  await waitFor('every component in the catalog and the fleet', async () => {
    await page.goto(`/catalog/default/component/${appName(shape.apps)}`);
    await page.locator(marks.card).waitFor({ timeout: 30_000 });
    return true;
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate(() => performance.setResourceTimingBufferSize(10_000));
  const r = {
    rows: [] as Timing[],
    interactive: [] as Timing[],
    click: [] as Timing[],
    clickFrame: [] as number[],
    clickPainted: [] as number[],
    warm: [] as Timing[],
    cold: [] as Timing[],
    phases: [] as number[][],
  };
  let lastWaterfall: string[] = [];
  for (let i = 0; i < runs; i++) {
    const o = await overview(page, cdp, appName(1), appName(shape.apps));
    r.rows.push(o.rows);
    r.interactive.push(o.interactive);
    // distinct components on the catalog's first page: no answer reused
    const c = await clickToCard(page, cdp, appName(2 + (i % 10)));
    r.click.push(c.card);
    r.clickFrame.push(c.frame);
    r.clickPainted.push(c.painted);
    r.phases.push([...c.phases, c.card.wall]);
    lastWaterfall = await waterfall(page, c.t0);
    r.warm.push((await loadCard(page, cdp, appName(100 + i))).card);
  }
  const state = await context.storageState();
  for (let i = 0; i < runs; i++) {
    const fresh = await browser.newContext({
      baseURL: baseUrl,
      storageState: state,
      viewport: { width: 1600, height: 1000 },
    });
    const p = await fresh.newPage();
    p.setDefaultTimeout(120_000);
    await installMarks(p, marks);
    const cdp2 = await fresh.newCDPSession(p);
    await cdp2.send('Performance.enable');
    r.cold.push((await loadCard(p, cdp2, appName(200 + i))).card);
    await fresh.close();
  }
  const trace = opt('trace');
  if (trace) {
    await pushTo(page, '/');
    await browser.startTracing(page, { path: trace, screenshots: false });
    await clickToCard(page, cdp, appName(12));
    await browser.stopTracing();
  }
  const one = appName(2);
  const sizes = await answerSizes(page, baseUrl, {
    'card, Fleet tab (one entity)': `/deployments?entityRef=component:default/${one}&app=${one}`,
    'cluster picker, policy card (one app or set)': `/deployments?entityRef=component:default/${one}&app=apps/${one}`,
    'a cluster (GET /clusters/:name)': `/clusters/${lastCluster}`,
    'cluster card (one cluster column)': `/clusters/${lastCluster}/overview`,
    'app picker (GET /apps)': '/apps',
    'overview page': '/overview',
    'units (GET /units)': '/units',
    'the matrix (no view asks for it)': '/matrix',
  });
  return { r, lastWaterfall, sizes };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-frontend-'));
  const config = writeInputs(dir, shape, mode);
  if (mode === 'prod' && !args.includes('--skip-build')) {
    console.log(
      `app built in ${buildApp().toFixed(0)} s (load average ${load()})`,
    );
  }
  const { children, baseUrl } = startServers(config, mode);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await waitFor(
      'the fleet model',
      async () => (await fetch('http://localhost:7007/api/fleet/health')).ok,
    );
    await waitFor('the app', async () => (await fetch(baseUrl)).ok);
    const { r, lastWaterfall, sizes } = await measureAll(browser, baseUrl);
    console.log(
      `fleet ${shape.clusters} clusters x ${shape.apps} apps, ${runs} runs, app: ` +
        `${
          mode === 'prod'
            ? 'production build served by the backend'
            : 'development server'
        }` +
        `; load average ${load()}, ${os.cpus().length} cores`,
    );
    console.log(reportLine('overview, first rows (client-side)', r.rows, 1500));
    console.log(
      reportLine('overview, search applied (interactive)', r.interactive, 1500),
    );
    console.log(
      reportLine(
        'Deployed to card, client-side navigation from the catalog',
        r.click,
        500,
      ),
    );
    const med = (i: number) => stats(r.phases.map(p => p[i])).median.toFixed(0);
    console.log(
      `  medians after the click: entity asked +${med(0)} ms, answered +${med(
        1,
      )} ms; card frame on screen +${stats(r.clickFrame).median.toFixed(
        0,
      )} ms; /deployments asked +${med(2)} ms, answered +${med(
        3,
      )} ms; every cluster listed +${med(4)} ms, painted (next frame) +${stats(
        r.clickPainted,
      ).median.toFixed(0)} ms`,
    );
    // load-independent: how long the card's answer waited for the page
    console.log(
      `  answer to every cluster listed (median of each run): ${stats(
        r.phases.map(p => p[4] - p[3]),
      ).median.toFixed(0)} ms`,
    );
    console.log(
      reportLine('Deployed to card, full page load (warm cache)', r.warm, 500),
    );
    console.log(
      reportLine('Deployed to card, full page load (cold cache)', r.cold, 500),
    );
    console.log(
      'requests of the last client-side card navigation (start, duration, body):',
    );
    console.log(lastWaterfall.join('\n'));
    console.log('what each view asks for, at this fleet size:');
    console.log(sizes.join('\n'));
  } finally {
    await browser.close();
    stopServers(children);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
