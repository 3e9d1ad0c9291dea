/*
 * Work over tens of thousands of objects or entities, written once as a
 * generator that yields between slices, and run either at once (tests,
 * small fleets) or one slice per event-loop turn (the provider in a
 * backend), so that a large fleet never holds up the backend's other
 * requests in one synchronous task.
 */

/** Items handled between two yields of a sliced pass. */
export const SLICE = 500;

/** Runs `steps` to its end without yielding; returns its result. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Runs `steps`, one step per event-loop turn (setImmediate: I/O and timers
 * queued meanwhile run before the next step); resolves to its result.
 */
export async function runInSlices<T>(steps: Generator<void, T>): Promise<T> {
  let step = steps.next();
  while (!step.done) {
    await new Promise<void>(resolve => setImmediate(resolve));
    step = steps.next();
  }
  return step.value;
}

/**
 * The same order as `a.localeCompare(b)` (both use the default locale's
 * collation) at a fraction of the cost: localeCompare sets up the
 * collation on every call.
 */
export const compareNames = new Intl.Collator().compare;
