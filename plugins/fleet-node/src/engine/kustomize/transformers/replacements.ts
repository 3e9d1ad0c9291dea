/*
 * kustomize's ReplacementTransformer (plugin/builtin/replacementtransformer,
 * api/filters/replacement): copy one field of a source resource into fields
 * of target resources.
 */
import { parseBounded } from '../../yaml';
import type { Resource } from '../types';
import type {
  Kustomization,
  ReplacementEntry,
  ReplacementFieldOptions,
  ReplacementTarget,
  TransformContext,
} from '../types';
import {
  matchPath,
  splitReplacementPath,
  type PathCreate,
} from './replacementPath';
import { holderValue, setHolderValue, type FieldHolder } from './walkFieldSpec';
import {
  selectorMatchesIds,
  selectorMatchesMeta,
  sourceSelects,
} from './selectors';
import { reportAt } from './resIds';
import { isRecord } from '../../core/records';
import {
  holderPath,
  isSecretSource,
  markPlainCopy,
  markSecretCopy,
} from './secretCopies';

class ReplacementError extends Error {}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/** How a plain YAML scalar resolves (YAML 1.2 core schema plus go-yaml v3's extras). */
export function resolvePlainScalar(s: string): unknown {
  // as go-yaml v3: 1.1-style octals (0755) still decode, as do 0o and 0x forms
  const m = /^([-+]?)0([0-7]+|o[0-7]+|x[0-9a-fA-F]+)$/.exec(s);
  if (m) {
    const body = m[2];
    const n =
      body[0] === 'x'
        ? parseInt(body.slice(1), 16)
        : parseInt(body.replace(/^o/, ''), 8);
    return m[1] === '-' ? -n : n;
  }
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s))
    return Number(s);
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (/^(null|Null|NULL|~)?$/.test(s)) return null;
  return s;
}

const scalarText = (v: unknown) =>
  v === null || v === undefined ? '' : String(v);

/** Expands `path:` entries (a file holding one replacement or a list) in place, as kustomize's Config. */
function expand(
  k: Kustomization,
  ctx: TransformContext,
): { entry: ReplacementEntry; field: string }[] {
  const out: { entry: ReplacementEntry; field: string }[] = [];
  (k.replacements ?? []).forEach((entry, i) => {
    const field = `replacements.${i}`;
    if (!entry.path) {
      out.push({ entry, field });
      return;
    }
    if (entry.source || entry.targets) {
      reportAt(
        ctx,
        field,
        `${field}: cannot specify both path and inline replacement`,
      );
      return;
    }
    const text = ctx.readFile(entry.path);
    if (text === undefined) {
      reportAt(
        ctx,
        field,
        `${field}: replacement file '${entry.path}' does not exist`,
        'missing-path',
      );
      return;
    }
    let doc: unknown;
    try {
      doc = parseBounded(text);
    } catch (e) {
      reportAt(
        ctx,
        field,
        `${field}: cannot parse '${entry.path}': ${(e as Error).message}`,
        'yaml-parse',
      );
      return;
    }
    let list: unknown[] | undefined;
    if (Array.isArray(doc)) list = doc;
    else if (isRecord(doc)) list = [doc];
    if (!list)
      reportAt(
        ctx,
        field,
        `${field}: unsupported replacement type within '${entry.path}'`,
      );
    else
      for (const r of list) out.push({ entry: r as ReplacementEntry, field });
  });
  return out;
}

/** The source's value, and whether it is Secret data (then every field it is copied to is marked). */
function sourceValue(
  entry: ReplacementEntry,
  resources: Resource[],
): { value: unknown; secret: boolean } {
  const src = entry.source!;
  const matches = resources.filter(r => sourceSelects(src, r));
  if (matches.length > 1)
    throw new ReplacementError(
      `multiple matches for source selector ${JSON.stringify(src)}`,
    );
  if (matches.length === 0)
    throw new ReplacementError(
      `nothing selected by source selector ${JSON.stringify(src)}`,
    );
  const fieldPath = src.fieldPath || 'metadata.name';
  const found = matchPath(
    matches[0].object,
    splitReplacementPath(fieldPath),
    'none',
  )[0];
  const v = found ? holderValue(found) : undefined;
  const secret = isSecretSource(
    matches[0],
    found && holderPath(matches[0].object, found),
    v,
  );
  if (
    v === undefined ||
    v === null ||
    v === '' ||
    (isRecord(v) && !Object.keys(v).length)
  ) {
    throw new ReplacementError(
      `fieldPath \`${fieldPath}\` is missing for replacement source ${JSON.stringify(
        src,
      )}`,
    );
  }
  const o = src.options;
  if (!o?.delimiter) return { value: v, secret };
  if (!isScalar(v))
    throw new ReplacementError(
      'delimiter option can only be used with scalar nodes',
    );
  const parts = scalarText(v).split(o.delimiter);
  const index = o.index ?? 0;
  if (index >= parts.length || index < 0) {
    throw new ReplacementError(
      // a Secret's value is named, not quoted: problems are shown to every reader
      `options.index ${index} is out of bounds for value ${
        secret ? 'read from Secret data' : scalarText(v)
      }`,
    );
  }
  // a part of a Secret value is Secret data too: the whole target is marked
  return { value: parts[index], secret };
}

/**
 * Fields created by this transformer run: like kyaml's untagged new nodes
 * they re-resolve whatever text they are given, even after holding a number.
 */
type Untyped = WeakMap<object, Set<string | number>>;

/** kustomize's setFieldValue: scalars keep the target's type, anything else is replaced by a copy. */
function setTarget(
  h: FieldHolder,
  value: unknown,
  o: ReplacementFieldOptions | undefined,
  untyped: Untyped,
  secret: boolean,
): void {
  const created = holderValue(h) === undefined;
  if (created)
    untyped.set(h.parent, (untyped.get(h.parent) ?? new Set()).add(h.key));
  const typed = !untyped.get(h.parent)?.has(h.key);
  const cur = holderValue(h);
  let v = value;
  if (o?.delimiter) {
    if (!isScalar(cur))
      throw new ReplacementError(
        'delimiter option can only be used with scalar nodes',
      );
    const parts = scalarText(cur).split(o.delimiter);
    const index = o.index ?? 0;
    if (index < 0) parts.unshift(scalarText(v));
    else if (index >= parts.length) parts.push(scalarText(v));
    else parts[index] = scalarText(v);
    v = parts.join(o.delimiter);
  }
  if (!isScalar(v) || (!created && !isScalar(cur) && cur !== undefined)) {
    setHolderValue(h, structuredClone(v));
  } else if (typeof cur === 'string') {
    setHolderValue(h, scalarText(v));
  } else {
    // as kyaml: only the text is copied, and an untyped or non-string node re-resolves it
    const next = resolvePlainScalar(scalarText(v));
    // as kustomize: an int or bool node given other text fails to decode
    if (
      typed &&
      (typeof cur === 'number' || typeof cur === 'boolean') &&
      typeof next !== typeof cur
    ) {
      throw new ReplacementError(
        `cannot decode ${
          secret ? 'a value read from Secret data' : `\`${scalarText(v)}\``
        } as the ${typeof cur} of the target field`,
      );
    }
    setHolderValue(h, next);
  }
}

function applyTarget(
  r: Resource,
  t: ReplacementTarget,
  { value, secret }: { value: unknown; secret: boolean },
  untyped: Untyped,
): void {
  const create = !!t.options?.create;
  let kind: PathCreate = 'none';
  if (create) kind = Array.isArray(value) ? 'list' : 'scalar';
  if (create && isRecord(value)) kind = 'map';
  for (const fp of t.fieldPaths?.length ? t.fieldPaths : ['metadata.name']) {
    const holders = matchPath(r.object, splitReplacementPath(fp), kind);
    if (holders.length === 0) {
      throw new ReplacementError(
        `unable to find${
          create ? ' or create' : ''
        } field "${fp}" in replacement target`,
      );
    }
    for (const h of holders) {
      setTarget(h, value, t.options, untyped, secret);
      // the whole field, also when a delimiter wrote only a part of it;
      // plain data replaces a Secret's value only when it replaces all of it
      const path =
        secret || r.object.kind === 'Secret'
          ? holderPath(r.object, h)
          : undefined;
      if (path && secret) markSecretCopy(r, path, value);
      else if (path && !t.options?.delimiter) markPlainCopy(r, path);
    }
    // as kustomize: annotations are always strings in the output
    const ann = r.object.metadata?.annotations;
    if (ann)
      for (const key of Object.keys(ann))
        if (typeof ann[key] !== 'string') ann[key] = scalarText(ann[key]);
  }
}

/**
 * Applies `replacements:` (inline and `path:` files) in order. A replacement
 * that kustomize would reject (no source, ambiguous source, missing field,
 * unparsable selector, `encoding` option) is reported and skipped. Resources
 * are changed in place.
 */
export function applyReplacements(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  const untyped: Untyped = new WeakMap();
  for (const { entry, field } of expand(k, ctx)) {
    try {
      if (!entry.source || !entry.targets)
        throw new ReplacementError(
          'replacements must specify a source and at least one target',
        );
      if (
        entry.source.options?.encoding ||
        entry.targets.some(t => t.options?.encoding)
      ) {
        reportAt(
          ctx,
          field,
          `${field}: the replacement option 'encoding' is not supported by the engine`,
          'unsupported-field',
        );
        continue;
      }
      const value = sourceValue(entry, resources);
      for (const t of entry.targets) {
        if (!t.select)
          throw new ReplacementError('target must specify resources to select');
        for (const r of resources) {
          const meta = selectorMatchesMeta(t.select, r);
          if (meta === undefined)
            throw new ReplacementError(
              `cannot parse the selector ${JSON.stringify(t.select)}`,
            );
          if (!meta || !selectorMatchesIds(t.select, r)) continue;
          if (
            (t.reject ?? []).some(
              rej =>
                selectorMatchesIds(rej, r) &&
                selectorMatchesMeta(rej, r) !== false,
            )
          )
            continue;
          applyTarget(r, t, value, untyped);
        }
      }
    } catch (e) {
      if (!(e instanceof ReplacementError)) throw e;
      reportAt(ctx, field, `${field}: ${e.message}`);
    }
  }
  return resources;
}
