/** A promise's outcome once it has settled (see {@link settledAnswer}). */
export type SettledAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; error: unknown };

// Outcomes of the promises that RecentAnswers handed out, so that a component
// given an already settled promise can render its value in its first commit
// instead of a loading frame followed by a second commit (a promise's state
// cannot be read synchronously in JavaScript).
const outcomes = new WeakMap<Promise<unknown>, SettledAnswer<unknown>>();

/**
 * The outcome of `promise` if it came from {@link RecentAnswers} and has
 * already settled; `undefined` while it is pending or for any other promise.
 */
export function settledAnswer<T>(
  promise: Promise<T>,
): SettledAnswer<T> | undefined {
  return outcomes.get(promise) as SettledAnswer<T> | undefined;
}

/**
 * In-flight and very recent answers of idempotent requests, keyed by URL, so
 * that callers asking for the same thing within `ttlMs` share one request:
 * the entity page's prefetch (FleetPrefetch, at route match) and the card's
 * own call when it mounts. Bounded (the oldest entry goes first), and a
 * failure is dropped as soon as it settles so the next call asks again. Why
 * not an LRU library: the frontend plugin has none among its dependencies,
 * and this needs only insertion order, which `Map` keeps.
 */
export class RecentAnswers {
  readonly #entries = new Map<
    string,
    { at: number; settled: boolean; promise: Promise<any> }
  >();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(
    options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 16;
    this.#now = options.now ?? Date.now;
  }

  /** The live entry under `key`: in flight, or answered less than `ttlMs` ago. */
  peek<T>(key: string): Promise<T> | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // an answer still in flight is always shared; the TTL counts from its arrival
    if (entry.settled && this.#now() - entry.at > this.#ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.promise;
  }

  /** The live entry under `key`, or a new one made by `load`. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const live = this.peek<T>(key);
    if (live) return live;
    const promise = load();
    const entry = { at: this.#now(), settled: false, promise };
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    promise.then(
      value => {
        outcomes.set(promise, { ok: true, value });
        entry.settled = true;
        entry.at = this.#now();
      },
      error => {
        outcomes.set(promise, { ok: false, error });
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return promise;
  }

  /** Forgets every entry (after a refresh, whose answers may differ). */
  clear(): void {
    this.#entries.clear();
  }
}
