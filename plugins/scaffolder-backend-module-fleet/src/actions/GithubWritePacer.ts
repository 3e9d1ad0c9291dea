/*
 * Keeps a backend's GitHub traffic inside GitHub's documented limits
 * (docs.github.com "Rate limits for the REST API" and "Best practices for
 * using the REST API"): requests for one client are made serially, never
 * concurrently; content-generating requests (POST, PATCH, PUT, DELETE) are
 * spaced at least one second apart and stay under 80 a minute and 500 an
 * hour; a 403 or 429 with `retry-after` (or `x-ratelimit-remaining: 0` and
 * `x-ratelimit-reset`) is waited out when the wait is short, and fails with
 * the time to retry when it is not. Octokit's own throttling plugin is
 * disabled by Backstage's publish action, so this is the one place that
 * does it.
 */
import { ServiceUnavailableError } from '@backstage/errors';

/**
 * Clock of the pacer: real time by default, a virtual one in tests.
 *
 * @public
 */
export interface PacerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

/**
 * Limits of {@link GithubWritePacer}; the defaults are GitHub's.
 *
 * @public
 */
export interface PacerLimits {
  /** Least time between two content-generating requests. Default 1000 ms. */
  minIntervalMs: number;
  /** Content-generating requests per rolling minute. Default 80. */
  perMinute: number;
  /** Content-generating requests per rolling hour. Default 500. */
  perHour: number;
  /** Longest rate-limit wait accepted before failing. Default 120 000 ms. */
  maxWaitMs: number;
  /** Retries of one request after a rate-limit answer. Default 3. */
  maxRetries: number;
}

const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: ms => new Promise(r => setTimeout(r, ms)),
};

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** True for a request GitHub counts as content-generating (GraphQL queries are reads). */
export function isContentWrite(method: string, url: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase()) && !url.endsWith('/graphql');
}

/** The error shape Octokit throws for an HTTP answer. */
interface HttpishError {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined> };
}

/**
 * Serializes and paces one backend's requests to a GitHub host.
 *
 * @public
 */
export class GithubWritePacer {
  readonly #clock: PacerClock;
  readonly #limits: PacerLimits;
  #tail: Promise<unknown> = Promise.resolve();
  #writes: number[] = [];

  constructor(options?: { clock?: PacerClock; limits?: Partial<PacerLimits> }) {
    this.#clock = options?.clock ?? realClock;
    this.#limits = {
      minIntervalMs: 1000,
      perMinute: 80,
      perHour: 500,
      maxWaitMs: 120_000,
      maxRetries: 3,
      ...options?.limits,
    };
  }

  /**
   * Fails, before anything is sent, when the hour's budget cannot take the
   * `writes` a publish needs, so a run never stops half-way for lack of it.
   */
  reserve(writes: number): void {
    const recent = this.#recent(3_600_000);
    if (recent.length + writes > this.#limits.perHour) {
      const freeAt = recent[recent.length + writes - this.#limits.perHour - 1];
      const wait = Math.ceil((freeAt + 3_600_000 - this.#clock.now()) / 1000);
      throw new ServiceUnavailableError(
        `GitHub allows ${
          this.#limits.perHour
        } content-generating requests an hour and this backend made ${
          recent.length
        } in the last hour; nothing was written, retry in ${wait} s.`,
      );
    }
  }

  /** Runs `send` after every request queued before it, paced if it writes. */
  run<T>(method: string, url: string, send: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(() => this.#send(method, url, send));
    this.#tail = next.catch(() => undefined);
    return next;
  }

  async #send<T>(method: string, url: string, send: () => Promise<T>) {
    const write = isContentWrite(method, url);
    for (let attempt = 0; ; attempt++) {
      if (write) await this.#pace();
      try {
        return await send();
      } catch (e) {
        const wait = this.#rateLimitWait(e as HttpishError);
        if (wait === undefined) throw e;
        if (wait > this.#limits.maxWaitMs || attempt >= this.#limits.maxRetries)
          throw new ServiceUnavailableError(
            `GitHub rate limit on ${method} ${url}: retry in ${Math.ceil(
              wait / 1000,
            )} s`,
            e,
          );
        await this.#clock.sleep(wait);
      }
    }
  }

  #recent(windowMs: number): number[] {
    const since = this.#clock.now() - windowMs;
    return this.#writes.filter(t => t > since);
  }

  async #pace(): Promise<void> {
    const { minIntervalMs, perMinute } = this.#limits;
    this.#writes = this.#recent(3_600_000);
    const last = this.#writes[this.#writes.length - 1];
    let wait =
      last === undefined ? 0 : last + minIntervalMs - this.#clock.now();
    const minute = this.#recent(60_000);
    if (minute.length >= perMinute) {
      wait = Math.max(
        wait,
        minute[minute.length - perMinute] + 60_000 - this.#clock.now() + 1,
      );
    }
    if (wait > 0) await this.#clock.sleep(wait);
    this.#writes.push(this.#clock.now());
  }

  /** How long GitHub asks to wait, or undefined when `e` is no rate limit. */
  #rateLimitWait(e: HttpishError): number | undefined {
    if (e?.status !== 403 && e?.status !== 429) return undefined;
    const headers = e.response?.headers ?? {};
    const retryAfter = Number(headers['retry-after']);
    if (Number.isFinite(retryAfter) && retryAfter >= 0)
      return retryAfter * 1000;
    if (String(headers['x-ratelimit-remaining']) === '0') {
      const reset = Number(headers['x-ratelimit-reset']) * 1000;
      return Number.isFinite(reset)
        ? Math.max(0, reset - this.#clock.now())
        : 60_000;
    }
    // a 403 without rate-limit headers is a refusal (no permission), not a limit
    return e.status === 429 ? 60_000 : undefined;
  }
}
