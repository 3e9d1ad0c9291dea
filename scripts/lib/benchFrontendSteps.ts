/*
 * The measured steps of the frontend benchmark (scripts/bench/benchFrontend.ts),
 * on a page with the marks of scripts/lib/benchBrowser.ts installed: `card`
 * (the card lists every cluster), `cardFrame` (its frame is on screen) and
 * `overviewRows` (the overview's first row).
 */
import type { CDPSession, Page } from 'playwright-core';
import { busyMs, markOf, pushTo, resetMarks } from './benchBrowser';

/** When the card's frame appeared (NaN for a build whose card has no frame mark). */
export function frameMark(page: Page): Promise<number> {
  return page.evaluate(() => window.__fleetMarks.seen.cardFrame ?? NaN);
}

/** From the catalog, a click on `name`'s link; until the card lists every cluster. */
export async function clickToCard(page: Page, cdp: CDPSession, name: string) {
  await pushTo(page, '/');
  const href = `/catalog/default/component/${name}`;
  await page.locator(`a[href="${href}"]`).first().waitFor();
  await resetMarks(page);
  const busy0 = await busyMs(cdp);
  const t0 = await page.evaluate(h => {
    performance.clearResourceTimings();
    (document.querySelector(`a[href="${h}"]`) as HTMLElement).click();
    return performance.now();
  }, href);
  const card = await markOf(page, 'card');
  const painted = await markOf(page, 'cardPainted');
  const frame = await frameMark(page);
  const busy = (await busyMs(cdp)) - busy0;
  const phases = await page.evaluate(
    ({ start, entity }) => {
      const find = (part: string) =>
        performance
          .getEntriesByType('resource')
          .find(e => e.name.includes(part)) as
          | PerformanceResourceTiming
          | undefined;
      const e = find(entity);
      const d = find('/api/fleet/deployments');
      return [
        (e?.startTime ?? NaN) - start,
        (e?.responseEnd ?? NaN) - start,
        (d?.startTime ?? NaN) - start,
        (d?.responseEnd ?? NaN) - start,
      ];
    },
    { start: t0, entity: `/entities/by-name/component/default/${name}` },
  );
  return {
    card: { wall: card - t0, busy },
    painted: painted - t0,
    frame: frame - t0,
    t0,
    phases,
  };
}

/** A full load of `name`'s page in `page`; times from the navigation's start. */
export async function loadCard(page: Page, cdp: CDPSession, name: string) {
  const busy0 = await busyMs(cdp);
  await page.goto(`/catalog/default/component/${name}`, {
    waitUntil: 'commit',
  });
  const card = await markOf(page, 'card');
  const frame = await frameMark(page);
  // the renderer's counters start again with the new document
  const after = await busyMs(cdp);
  return {
    card: { wall: card, busy: after < busy0 ? after : after - busy0 },
    frame,
  };
}

/**
 * From the catalog, client-side navigation to /fleet: until the row of
 * `first` shows, and until a search for `last` has filtered the matrix.
 */
export async function overview(
  page: Page,
  cdp: CDPSession,
  first: string,
  last: string,
) {
  await pushTo(page, '/');
  await page.getByRole('link', { name: first, exact: true }).waitFor();
  await resetMarks(page);
  const busy0 = await busyMs(cdp);
  const t0 = await pushTo(page, '/fleet');
  const rows = await markOf(page, 'overviewRows');
  const matrix = page.getByRole('table', { name: 'What runs where' });
  await page.getByLabel('Search units').fill(last);
  await matrix.getByTestId(`overview-row-apps/${last}`).waitFor();
  await page
    .locator(`[data-testid="overview-row-apps/${first}"]`)
    .waitFor({ state: 'detached' });
  const done = await page.evaluate(() => performance.now());
  const busy = (await busyMs(cdp)) - busy0;
  return {
    rows: { wall: rows - t0, busy },
    interactive: { wall: done - t0, busy },
  };
}
