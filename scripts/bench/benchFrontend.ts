/*
 * Frontend benchmark: generates a synthetic fleet (plugins/fleet-node/bench/
 * generateFleet, 20 clusters x 500 apps by default) with one annotated
 * component per app, starts the real backend and app on it, and measures in
 * Chromium (Debian's /usr/bin/chromium, through playwright-core):
 *   - overview: from in-app navigation to /fleet until the matrix shows its
 *     first rows, and until a search typed into it has filtered the matrix
 *     (the matrix is interactive); target < 1.5 s;
 *   - card: from in-app navigation to a component until its "Deployed to"
 *     card lists every cluster; target < 500 ms.
 * In-app navigation (history.pushState, as a sidebar click does) leaves the
 * one-off download of the app's JavaScript out of the figures.
 *
 * The app is the development server of `yarn start` (React in development
 * mode, slower than a production build: the figures are an upper bound). The
 * backend runs as `yarn start` runs it but without its file watcher, so an
 * edit elsewhere in the tree cannot restart it mid-run; its fleet data
 * folder is a temporary one, never the development `.fleet-data`.
 * Besides wall time it prints the renderer's main-thread busy time for the
 * same interval (Chromium's `TaskDuration`: the summed duration of the tasks
 * it ran, so time descheduled under load counts too) and the load average:
 * busy close to wall means the time goes into the frontend's own work, busy
 * far below wall means waiting for the backend.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench/benchFrontend.ts \
 *     [--clusters 20] [--apps 500] [--runs 5]
 *
 * Ports 3000 and 7007 must be free. Everything it starts it stops.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CDPSession, chromium, Page } from 'playwright-core';
import {
  clusterNames,
  generateFleet,
} from '../../plugins/fleet-node/bench/generateFleet';

const args = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const shape = { clusters: num('clusters', 20), apps: num('apps', 500) };
const runs = num('runs', 5);
const root = path.resolve(__dirname, '../..');
const appName = (j: number) => `app-${String(j).padStart(4, '0')}`;

function writeInputs(dir: string): string {
  const repo = path.join(dir, 'fleet');
  generateFleet(repo, shape);
  const components = Array.from({ length: shape.apps }, (_, j) =>
    [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      `metadata: { name: ${appName(
        j + 1,
      )}, annotations: { flux-fleet.io/app: ${appName(j + 1)} } }`,
      'spec: { type: service, lifecycle: production, owner: team-x }',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'components.yaml'),
    components.join('\n---\n'),
  );
  const config = path.join(dir, 'bench-config.yaml');
  fs.writeFileSync(
    config,
    [
      'fleet:',
      `  source: { path: ${repo}, embedded: true }`,
      `  dataDir: ${path.join(dir, 'data')}`,
      'catalog:',
      '  locations:',
      `    - { type: file, target: ${path.join(dir, 'components.yaml')} }`,
      `    - { type: file, target: ${path.join(
        root,
        'examples/catalog/org.yaml',
      )} }`,
    ].join('\n'),
  );
  return config;
}

function start(
  cmd: string,
  argv: string[],
  name: string,
  cwd: string,
): ChildProcess {
  const child = spawn(cmd, argv, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
    },
  });
  const log = fs.createWriteStream(
    path.join(os.tmpdir(), `fleet-bench-frontend-${name}.log`),
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15 * 60_000,
) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Wall and main-thread busy milliseconds of one measured interval. */
interface Timing {
  wall: number;
  busy: number;
}

/** The renderer's main-thread busy time so far, in ms (CDP `Performance.getMetrics`). */
async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find(m => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Times `act` (started in the page) until `done` resolves. */
async function measure(
  page: Page,
  cdp: CDPSession,
  act: () => Promise<number>,
  done: () => Promise<unknown>,
): Promise<Timing> {
  const busy0 = await busyMs(cdp);
  const started = await act();
  await done();
  const wall = (await page.evaluate(() => performance.now())) - started;
  return { wall, busy: (await busyMs(cdp)) - busy0 };
}

/** An in-app navigation to `to`, timed until `done` resolves. */
function navigate(
  page: Page,
  cdp: CDPSession,
  to: string,
  done: () => Promise<unknown>,
): Promise<Timing> {
  return measure(
    page,
    cdp,
    () =>
      page.evaluate(target => {
        window.history.pushState({}, '', target);
        window.dispatchEvent(new PopStateEvent('popstate'));
        return performance.now();
      }, to),
    done,
  );
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-frontend-'));
  const config = writeInputs(dir);
  const children = [
    start(
      process.execPath,
      [
        '--enable-source-maps',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        'src/index.ts',
        '--config',
        '../../app-config.yaml',
        '--config',
        config,
      ],
      'backend',
      path.join(root, 'packages/backend'),
    ),
    start('yarn', ['workspace', 'app', 'start'], 'app', root),
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await waitFor('the fleet model', async () => {
      const res = await fetch('http://localhost:7007/api/fleet/health');
      return res.ok;
    });
    await waitFor(
      'the app',
      async () => (await fetch('http://localhost:3000')).ok,
    );
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
    });
    // the development server compiles the app on the first request: slow on
    // a loaded machine; the measured steps are far below these limits
    page.setDefaultNavigationTimeout(600_000);
    page.setDefaultTimeout(120_000);
    await page.goto('http://localhost:3000/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'detached' });
    const last = appName(shape.apps);
    await waitFor('every component in the catalog and the fleet', async () => {
      await page.goto(
        `http://localhost:3000/catalog/default/component/${last}`,
      );
      await page
        .getByTestId(`deployed-to-${clusterNames(shape)[0]}`)
        .waitFor({ timeout: 30_000 });
      return true;
    });

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const rows: Timing[] = [];
    const interactive: Timing[] = [];
    const card: Timing[] = [];
    const matrix = page.getByRole('table', { name: 'What runs where' });
    const firstRow = matrix.getByTestId(`overview-row-apps/${appName(1)}`);
    for (let i = 0; i < runs; i++) {
      // away from the page measured: the catalog (mounted at / in this app)
      await navigate(page, cdp, '/', () =>
        page
          .getByRole('link', { name: appName(1), exact: true })
          .first()
          .waitFor(),
      );
      // one interval from the navigation to a search that filtered the
      // matrix; the first rows are noted on the way
      let firstRows = 0;
      const started = await page.evaluate(() => performance.now());
      interactive.push(
        await measure(
          page,
          cdp,
          async () => {
            rows.push(
              await navigate(page, cdp, '/fleet', () => firstRow.waitFor()),
            );
            firstRows = rows[rows.length - 1].wall;
            return started;
          },
          async () => {
            await page.getByLabel('Search units').fill(last);
            await matrix.getByTestId(`overview-row-apps/${last}`).waitFor();
            await firstRow.waitFor({ state: 'detached' });
          },
        ),
      );
      if (firstRows > interactive[interactive.length - 1].wall)
        throw new Error('the first rows came after the search applied');
      card.push(
        await navigate(
          page,
          cdp,
          `/catalog/default/component/${appName(2)}`,
          () =>
            page
              .getByTestId(
                `deployed-to-${clusterNames(shape)[shape.clusters - 1]}`,
              )
              .waitFor(),
        ),
      );
    }
    const line = (label: string, xs: Timing[], target: number) =>
      `${label}: median ${median(xs.map(x => x.wall)).toFixed(0)} ms ` +
      `(runs: ${xs.map(x => x.wall.toFixed(0)).join(', ')}); ` +
      `main thread busy median ${median(xs.map(x => x.busy)).toFixed(
        0,
      )} ms; target < ${target} ms`;
    console.log(
      `fleet ${shape.clusters} clusters x ${shape.apps} apps, ${runs} runs, ` +
        `app: development server; load average ${os
          .loadavg()
          .map(l => l.toFixed(2))
          .join(' ')}, ${os.cpus().length} cores`,
    );
    console.log(line('overview, first rows', rows, 1500));
    console.log(
      line('overview, search applied (interactive)', interactive, 1500),
    );
    console.log(line('Deployed to card, every cluster listed', card, 500));
  } finally {
    await browser.close();
    for (const child of children) {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
