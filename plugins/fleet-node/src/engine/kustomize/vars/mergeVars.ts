/*
 * kustomize's ResAccumulator.MergeVars and VarSet merging
 * (api/internal/accumulator/resaccumulator.go): at the end of each level's
 * accumulation, every var of the level is bound to the one resource its
 * objref names (by current or any previous id); more than one match is an
 * error, none is an error only later, when the var is resolved at the top.
 * Vars of bases and components join the parent's set; a name seen twice is
 * an error ("var 'X' already encountered").
 */
import type { Resource, TransformContext, VarDecl } from '../types';
import { resIdOf } from '../../core/resId';
import type { ResId } from '../../core/types';
import { idEquals, idIsClusterScoped } from '../transformers/resIds';

/** kustomize's Var String(): `{NAME Kind.version.group {fieldpath}}` with its `[noVer]`/`[noGrp]` markers. */
export function varString(v: VarDecl): string {
  const { kind, version, group } = v.objref;
  return `{${v.name} ${kind}.${version || '[noVer]'}.${group || '[noGrp]'} {${
    v.fieldPath
  }}}`;
}

function targetId(v: VarDecl): ResId {
  return {
    group: v.objref.group,
    version: v.objref.version,
    kind: v.objref.kind,
    name: v.objref.name,
    namespace: v.objref.namespace ?? '',
  };
}

/** The resources a var's objref names, by any id, as GetMatchingResourcesByAnyId with kustomize's matcher. */
export function varMatches(resources: Resource[], v: VarDecl): Resource[] {
  const t = targetId(v);
  // as kustomize: an empty objref namespace is a wildcard, unless the kind is cluster-scoped
  const exact = t.namespace !== '' || idIsClusterScoped(t);
  const matches = (id: ResId) =>
    exact
      ? idEquals(id, t)
      : id.group === t.group &&
        id.version === t.version &&
        id.kind === t.kind &&
        id.name === t.name;
  return resources.filter(r => [...r.prevIds, resIdOf(r)].some(matches));
}

/**
 * Binds the level's vars to their resources (refVarNames) and adds them to
 * `set`, reporting kustomize's errors against the kustomization's `vars.N`.
 */
export function mergeLevelVars(
  resources: Resource[],
  vars: VarDecl[],
  set: VarDecl[],
  ctx: TransformContext,
): void {
  vars.forEach((v, i) => {
    const matched = varMatches(resources, v);
    if (matched.length > 1) {
      report(
        ctx,
        `vars.${i}`,
        `merging vars: found ${
          matched.length
        } resId matches for var ${varString(v)} (unable to disambiguate)`,
      );
    } else if (matched.length === 1) {
      const r = matched[0];
      r.refVarNames = [...(r.refVarNames ?? []), v.name];
    }
  });
  mergeVarSets(set, vars, ctx, 'vars');
}

/** kustomize's VarSet.MergeSlice: adds `incoming` to `set`; a name already there is an error. */
export function mergeVarSets(
  set: VarDecl[],
  incoming: VarDecl[],
  ctx: TransformContext,
  field: string,
): void {
  for (const v of incoming) {
    if (set.some(s => s.name === v.name)) {
      report(ctx, field, `var '${v.name}' already encountered`);
      continue;
    }
    set.push(v);
  }
}

function report(ctx: TransformContext, field: string, message: string): void {
  ctx.sink.report({
    severity: 'error',
    rule: 'kustomize-transform',
    file: ctx.kustFile,
    line: ctx.lineOf(field),
    message: `${ctx.kustFile}: ${message}`,
  });
}
