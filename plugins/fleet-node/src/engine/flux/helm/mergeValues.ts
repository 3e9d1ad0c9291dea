/*
 * Helm's values merge (chartutil.MergeTables / helm-controller's
 * ChartValues): maps merge key by key, recursively; anything else in the
 * newer layer replaces what was there. `targetPath` sets one value at a
 * dotted path (strvals: `a.b[0].c`), as `--set` does.
 */
import { parseBounded } from '../../yaml';
import { isRecord } from '../../core/records';

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] =
      isRecord(v) && isRecord(out[k])
        ? deepMerge(out[k] as Record<string, unknown>, v)
        : v;
  }
  return out;
}

/**
 * `base` with `layer` (YAML text or an object) merged on top; `transform`
 * rewrites the layer first (redaction). Undefined when the text is not a
 * YAML mapping.
 */
export function mergeValues(
  base: Record<string, unknown>,
  layer: string | Record<string, unknown>,
  transform?: (v: unknown) => unknown,
): Record<string, unknown> | undefined {
  let value: unknown = layer;
  if (typeof layer === 'string') {
    try {
      value = parseBounded(layer) ?? {};
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value)) return undefined;
  const over = transform ? transform(value) : value;
  return deepMerge(base, over as Record<string, unknown>);
}

/** `base` with `value` set at the dotted `path` (list indexes as `[n]`); undefined for a path it cannot read. */
export function setAtPath(
  base: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> | undefined {
  const keys = path.split('.').flatMap(p => {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(p);
    if (!m) return [null];
    return [m[1], ...[...m[2].matchAll(/\[(\d+)\]/g)].map(x => Number(x[1]))];
  });
  if (keys.some(k => k === null)) return undefined;
  const out = structuredClone(base);
  let cur: Record<string, unknown> | unknown[] = out;
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    const next = keys[i + 1];
    const container = cur as Record<string | number, unknown>;
    if (last) container[k as string] = value;
    else {
      if (
        typeof container[k as string] !== 'object' ||
        container[k as string] === null
      )
        container[k as string] = typeof next === 'number' ? [] : {};
      cur = container[k as string] as Record<string, unknown>;
    }
  });
  return out;
}
