#!/usr/bin/env node
/*
 * Checks a running Backstage with the Fleet plugins the way a user meets
 * them: the fleet API, the catalog entities and relations the catalog module
 * produces, and the Fleet page in Chromium (Debian's /usr/bin/chromium driven
 * by playwright-core; Playwright's own browser download is not reachable here).
 * Shared by the install test (a fresh create-app app) and the production-build
 * check (the backend bundle serving the built app on one port).
 *
 * usage: node checkFleetInstall.js <backendUrl> <appUrl> <screenshot.png>
 * Prints one line per check; exits 1 on the first failure.
 */
const { chromium } = require('playwright-core');

const [backendUrl, appUrl, screenshot] = process.argv.slice(2);
if (!screenshot) {
  throw new Error(
    'usage: checkFleetInstall.js <backendUrl> <appUrl> <screenshot.png>',
  );
}
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Retries `fn` until it returns a truthy value or `timeoutMs` passes. */
async function eventually(what, fn, timeoutMs = 180_000) {
  let last;
  for (
    const end = Date.now() + timeoutMs;
    Date.now() < end;
    await sleep(2000)
  ) {
    try {
      const value = await fn();
      if (value) {
        console.log(`ok   ${what} (${seconds()} s)`);
        return value;
      }
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`FAIL ${what}${last ? `: ${last.message}` : ''}`);
}

async function getJson(url, token) {
  const res = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function main() {
  await eventually(
    'backend answers /api/fleet/health',
    async () =>
      (await getJson(`${backendUrl}/api/fleet/health`)).status === 'ok',
    600_000,
  );

  // the guest provider's session, as the sign-in page gets it
  const token = await eventually('guest sign-in token', async () => {
    const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    return res.ok && (await res.json()).backstageIdentity.token;
  });

  await eventually(
    'GET /api/fleet/status: a revision of the fleet was read',
    async () => {
      const status = await getJson(`${backendUrl}/api/fleet/status`, token);
      return status.refreshedAt && !status.lastError;
    },
  );
  await eventually('GET /api/fleet/clusters: dev, prod, test', async () => {
    const { items } = await getJson(`${backendUrl}/api/fleet/clusters`, token);
    return items.map(c => c.name).join(',') === 'dev,prod,test';
  });

  const entity = ref => {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    return getJson(
      `${backendUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      token,
    );
  };
  await eventually(
    'catalog: resource:default/prod is a kubernetes-cluster',
    async () =>
      (await entity('resource:default/prod')).spec.type ===
      'kubernetes-cluster',
  );
  // SKIP_DEPLOYED_TO=1 checks a build that predates the deployedTo relations
  // (catalog processor); the skip is printed, never silent.
  if (process.env.SKIP_DEPLOYED_TO) {
    console.log(
      'SKIP catalog: component:default/podinfo deployedTo (SKIP_DEPLOYED_TO)',
    );
  } else
    await eventually(
      'catalog: component:default/podinfo deployedTo resource:default/dev, prod, test',
      async () => {
        const podinfo = await entity('component:default/podinfo');
        const targets = podinfo.relations
          .filter(r => r.type === 'deployedTo')
          .map(r => r.targetRef)
          .sort();
        return (
          targets.join(',') ===
          'resource:default/dev,resource:default/prod,resource:default/test'
        );
      },
    );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(appUrl, { timeout: 600_000 });
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 120_000 });
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Fleet', exact: true })
      .click({ timeout: 60_000 });
    // the matrix as the e2e tests read it (packages/app/e2e-tests): podinfo's
    // row, and a cell that is not "absent" on each of its three clusters
    const podinfo = page
      .getByRole('table', { name: 'What runs where' })
      .getByTestId('overview-row-apps/podinfo');
    await podinfo.waitFor({ timeout: 60_000 });
    for (const cluster of ['dev', 'test', 'prod']) {
      const label = await podinfo
        .getByRole('cell', { name: new RegExp(`^${cluster}: `) })
        .getAttribute('aria-label', { timeout: 10_000 });
      if (label === `${cluster}: absent`)
        throw new Error(
          `FAIL Fleet page: apps/podinfo is absent on ${cluster}`,
        );
    }
    console.log(
      `ok   Fleet page (sidebar link) shows apps/podinfo on dev, test and prod (${seconds()} s)`,
    );
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`ok   screenshot ${screenshot}`);
  } finally {
    await browser.close();
  }
}

main().catch(e => {
  console.error(e.message);
  process.exit(1);
});
