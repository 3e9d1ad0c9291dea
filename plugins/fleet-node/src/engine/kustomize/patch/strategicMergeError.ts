/**
 * A strategic merge patch kustomize would reject (type mismatch between the
 * patch and the target, unknown `$patch` directive). Caught by applyPatches
 * and turned into a Problem.
 */
export class StrategicMergeError extends Error {
  readonly name = 'StrategicMergeError';
}

/** Type guard for {@link StrategicMergeError}. */
export function isStrategicMergeError(e: unknown): e is StrategicMergeError {
  return e instanceof Error && e.name === 'StrategicMergeError';
}
