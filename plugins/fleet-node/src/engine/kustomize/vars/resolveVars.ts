/*
 * kustomize's ResAccumulator.ResolveVars (api/internal/accumulator): at the
 * top level, after name hashes and name references, each var takes the value
 * of its field in the resource it was bound to (findVarValueFromResources),
 * and the RefVarTransformer (api/filters/refvar) substitutes `$(VAR)` in the
 * varReference fields of every resource: scalars, list items (which must be
 * strings) and map values.
 */
import type { FieldSpec, Resource, TransformContext, VarDecl } from '../types';
import { isRecord } from '../../core/records';
import { resIdOf } from '../../core/resId';
import { idString } from '../transformers/resIds';
import { mergeFieldSpecs } from '../transformers/transformerConfig';
import {
  fieldSpecSelects,
  holderValue,
  setHolderValue,
  visitFieldSpec,
  type FieldHolder,
} from '../transformers/walkFieldSpec';
import {
  holderPath,
  isSecretSource,
  markSecretCopy,
} from '../transformers/secretCopies';
import { expandVars, type VarValue } from './expandVars';
import { varString } from './mergeVars';
import { VAR_REFERENCE_SPECS } from './varReferenceSpecs';

type Found = { value: VarValue } | { error: string; unsupported?: boolean };

/** kyaml's RNode.GetFieldValue for a dotted path of plain field names. */
function fieldValue(object: unknown, path: string): Found {
  if (path.includes('[')) {
    return {
      error: `the var field path ${path} indexes a list, which the engine does not support`,
      unsupported: true,
    };
  }
  let node = object;
  for (const field of path.split('.')) {
    if (Array.isArray(node))
      return {
        error: `the var field path ${path} runs through a list, which the engine does not support`,
        unsupported: true,
      };
    if (!isRecord(node) || !(field in node)) return { error: 'missing' };
    node = node[field];
  }
  if (node === null || node === undefined)
    return {
      error: `the var field ${path} is null, whose text the engine does not keep`,
      unsupported: true,
    };
  return { value: node as VarValue };
}

/**
 * Resolves `vars` (the whole build's set) against `resources` and
 * substitutes them in the builtin varReference fields plus `extra`.
 * kustomize fails the build on a var bound to no resource or whose field is
 * missing: reported as `kustomize-transform`, and nothing is substituted.
 * Resources are changed in place.
 */
export function resolveVars(
  resources: Resource[],
  vars: VarDecl[],
  extra: FieldSpec[],
  ctx: TransformContext,
): void {
  if (vars.length === 0) return;
  const report = (message: string, rule = 'kustomize-transform') =>
    ctx.sink.report({
      severity: 'error',
      rule,
      file: ctx.kustFile,
      line: ctx.lineOf('vars'),
      message: `${ctx.kustFile}: ${message}`,
    });
  const values = new Map<string, VarValue>();
  // vars whose value is Secret data: a field that uses one is marked
  const secret = new Set<string>();
  // as kustomize's VarSet.AsSlice: by name
  for (const v of [...vars].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = resources.find(x => x.refVarNames?.includes(v.name));
    if (!r) {
      report(
        `var '${varString(
          v,
        )}' cannot be mapped to a field in the set of known resources`,
      );
      return;
    }
    const found = fieldValue(r.object, v.fieldPath);
    if ('error' in found) {
      if (found.unsupported)
        report(
          `the field "vars" is not fully supported by the engine: ${found.error}; no var was substituted.`,
          'unsupported-field',
        );
      else
        report(
          `field specified in var '${varString(
            v,
          )}' not found in corresponding resource`,
        );
      return;
    }
    values.set(v.name, found.value);
    if (isSecretSource(r, v.fieldPath.split('.'), found.value))
      secret.add(v.name);
  }
  const specs = mergeFieldSpecs(VAR_REFERENCE_SPECS, extra);
  const expandIn = (r: Resource) => (h: FieldHolder) => {
    const s = holderValue(h);
    if (typeof s !== 'string') return;
    const used = new Set<string>();
    setHolderValue(h, expandVars(s, values, used));
    const copied = [...used].filter(name => secret.has(name));
    if (copied.length === 0) return;
    const path = holderPath(r.object, h);
    if (path)
      markSecretCopy(
        r,
        path,
        copied.map(name => values.get(name)),
      );
  };
  for (const r of resources) {
    const expand = expandIn(r);
    for (const fs of specs) {
      if (!fieldSpecSelects(fs, r.object)) continue;
      let bad: string | undefined;
      const err = visitFieldSpec(r.object, fs, h => {
        const v = holderValue(h);
        if (Array.isArray(v)) {
          v.forEach((item, i) => {
            if (typeof item !== 'string')
              bad = 'invalid value type expect a string';
            else expand({ parent: v, key: i });
          });
        } else if (isRecord(v)) {
          for (const key of Object.keys(v)) expand({ parent: v, key });
        } else expand(h);
      });
      if (err || bad)
        report(
          `updating var reference in '${fs.path}' of ${idString(resIdOf(r))}: ${
            err ?? bad
          }`,
        );
    }
  }
}
