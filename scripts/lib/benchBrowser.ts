/*
 * Browser-side timing for the frontend benchmark (scripts/bench/benchFrontend.ts).
 *
 * Times are taken inside the page, not by polling from Node: an init script
 * installs a MutationObserver that notes `performance.now()` the first time
 * each watched CSS selector matches after `__fleetMarks.reset()`. Playwright's
 * own polling would add its round trips (tens of ms on a loaded machine) to
 * every figure. After a full page load `performance.now()` counts from the
 * navigation's start (`performance.timeOrigin`), so the same marks time both
 * kinds of navigation. Each mark `x` has a `xPainted` twin: the next frame
 * after it.
 */
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';

/** Wall and main-thread busy milliseconds of one measured interval. */
export interface Timing {
  wall: number;
  busy: number;
}

declare global {
  interface Window {
    __fleetMarks: { reset(): void; seen: Record<string, number> };
  }
}

/**
 * Installs `window.__fleetMarks` in every document the page loads, watching
 * `selectors` (a name → CSS selector map).
 */
export async function installMarks(
  page: Page,
  selectors: Record<string, string>,
): Promise<void> {
  await page.addInitScript(watched => {
    const marks = {
      seen: {} as Record<string, number>,
      reset() {
        marks.seen = {};
      },
    };
    window.__fleetMarks = marks;
    new MutationObserver(() => {
      const now = performance.now();
      for (const [name, selector] of Object.entries(watched)) {
        if (!(name in marks.seen) && document.querySelector(selector)) {
          marks.seen[name] = now;
          // `<name>Painted`: the frame that shows it (the task after the
          // next animation frame callback, as web-vitals approximates a
          // paint), so a DOM change that long tasks keep off screen is not
          // counted as seen
          requestAnimationFrame(() =>
            setTimeout(() => {
              marks.seen[`${name}Painted`] = performance.now();
            }, 0),
          );
        }
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  }, selectors);
}

/** Clears the marks seen so far. */
export async function resetMarks(page: Page): Promise<void> {
  await page.evaluate(() => window.__fleetMarks.reset());
}

/** Waits until the mark `name` is set and returns its `performance.now()` value. */
export async function markOf(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction(
    n => window.__fleetMarks.seen[n],
    name,
    { polling: 50 },
  );
  return (await handle.jsonValue()) as number;
}

/** The renderer's main-thread busy time so far, in ms (CDP `Performance.getMetrics` `TaskDuration`). */
export async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find(m => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Median and maximum of `xs`. */
export function stats(xs: number[]): { median: number; max: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)],
    max: sorted[sorted.length - 1],
  };
}

/** One line of the report: median, max and every run of `xs` against `target`. */
export function reportLine(label: string, xs: Timing[], target: number) {
  const wall = stats(xs.map(x => x.wall));
  const busy = stats(xs.map(x => x.busy));
  return (
    `${label}: median ${wall.median.toFixed(0)} ms, max ${wall.max.toFixed(
      0,
    )} ms (runs: ${xs.map(x => x.wall.toFixed(0)).join(', ')}); ` +
    `main thread busy median ${busy.median.toFixed(
      0,
    )} ms; target < ${target} ms` +
    ` (${wall.median < target ? 'met' : 'NOT met'} at the median)`
  );
}

/** The requests made since `t0` (ms of the page's clock): the waterfall. */
export async function waterfall(page: Page, t0: number): Promise<string[]> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map(e => ({
      name: e.name,
      start: e.startTime,
      duration: e.duration,
      size: (e as PerformanceResourceTiming).encodedBodySize,
    })),
  );
  return entries.map(
    e =>
      `  +${(e.start - t0).toFixed(0).padStart(5)} ms ${e.duration
        .toFixed(0)
        .padStart(5)} ms ${String(e.size).padStart(8)} B  ${new URL(
        e.name,
      ).pathname.replace(/^\/static\//, '')}${new URL(e.name).search}`,
  );
}

/** Client-side navigation (pushState + popstate, as react-router's history does) to `to`. */
export async function pushTo(page: Page, to: string): Promise<number> {
  return page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
    return performance.now();
  }, to);
}

/**
 * Bytes of each answer, as JSON and gzip-compressed (level 6, as the
 * backend's compression), asked with the signed-in page's Backstage token.
 */
export async function answerSizes(
  page: Page,
  baseUrl: string,
  routes: Record<string, string>,
): Promise<string[]> {
  const token = await page.evaluate(async () => {
    const res = await fetch('/api/auth/guest/refresh', {
      credentials: 'include',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    return (await res.json()).backstageIdentity.token as string;
  });
  const lines: string[] = [];
  for (const [label, route] of Object.entries(routes)) {
    const res = await fetch(`${baseUrl}/api/fleet${route}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${route}: ${res.status} ${body}`);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    lines.push(
      `  ${label.padEnd(48)} ${kb(body.length).padStart(11)} JSON, ${kb(
        gzipSync(body).length,
      ).padStart(10)} gzip  GET ${route}`,
    );
  }
  return lines;
}
