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
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench/benchFrontend.ts \
 *     [--clusters 20] [--apps 500] [--runs 5]
 *
 * Ports 3000 and 7007 must be free. Everything it starts it stops.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, Page } from 'playwright-core';
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

function start(cmd: string[], name: string): ChildProcess {
  const child = spawn('yarn', cmd, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
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

/** Milliseconds from an in-app navigation to `path` until `done` resolves. */
async function navigate(
  page: Page,
  to: string,
  done: () => Promise<unknown>,
): Promise<number> {
  const started = await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
    return performance.now();
  }, to);
  await done();
  return (await page.evaluate(() => performance.now())) - started;
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-frontend-'));
  const config = writeInputs(dir);
  const children = [
    start(
      [
        'workspace',
        'backend',
        'start',
        '--config',
        '../../app-config.yaml',
        '--config',
        config,
      ],
      'backend',
    ),
    start(['workspace', 'app', 'start'], 'app'),
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

    const rows: number[] = [];
    const interactive: number[] = [];
    const card: number[] = [];
    for (let i = 0; i < runs; i++) {
      await navigate(page, '/catalog', () =>
        page.getByText('All components', { exact: false }).first().waitFor(),
      );
      const matrix = page.getByRole('table', { name: 'What runs where' });
      const t0 = await page.evaluate(() => performance.now());
      rows.push(
        await navigate(page, '/fleet', () =>
          matrix.getByTestId(`overview-row-apps/${appName(1)}`).waitFor(),
        ),
      );
      await page.getByLabel('Search units').fill(last);
      await matrix.getByTestId(`overview-row-apps/${last}`).waitFor();
      await matrix
        .getByTestId(`overview-row-apps/${appName(1)}`)
        .waitFor({ state: 'detached' });
      interactive.push((await page.evaluate(() => performance.now())) - t0);
      card.push(
        await navigate(page, `/catalog/default/component/${appName(2)}`, () =>
          page
            .getByTestId(
              `deployed-to-${clusterNames(shape)[shape.clusters - 1]}`,
            )
            .waitFor(),
        ),
      );
    }
    const line = (label: string, xs: number[], target: number) =>
      `${label}: median ${median(xs).toFixed(0)} ms (runs: ${xs
        .map(x => x.toFixed(0))
        .join(', ')}); target < ${target} ms`;
    console.log(
      `fleet ${shape.clusters} clusters x ${shape.apps} apps, ${runs} runs`,
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
