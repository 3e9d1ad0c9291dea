/*
 * The emulated GitHub's clock and request log, and the counts the publish
 * tests take of it: GitHub's secondary limits are counted on
 * content-generating requests per rolling minute and hour.
 */
import type { PacerClock } from '../GithubWritePacer';

/** A virtual clock: sleeping advances it at once. */
export function virtualClock(): PacerClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** One request the emulation received. */
export interface LoggedRequest {
  method: string;
  path: string;
  t: number;
  inFlight: number;
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The content-generating requests of `log` (GraphQL queries are reads). */
export function writesOf(log: LoggedRequest[]): LoggedRequest[] {
  return log.filter(r => WRITES.has(r.method) && r.path !== '/graphql');
}

/** The most writes of `log` that fall in any window of `ms`. */
export function maxWritesIn(log: LoggedRequest[], ms: number): number {
  const times = writesOf(log).map(r => r.t);
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= ms) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}
