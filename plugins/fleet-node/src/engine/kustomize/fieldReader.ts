/*
 * Typed readers for the fields of a kustomization mapping: each checks the
 * value's shape (reporting `invalid-field` and dropping it when wrong, as
 * kustomize's strict unmarshalling would fail) and resolves file paths
 * against the kustomization directory (`path-escape`, `remote-base`).
 */
import type { PatchTarget } from './types';
import type { RepoPath } from '../core/types';
import { basenameOf, isRemoteRef, resolveRef } from '../core/paths';
import type { GeneratorArgs, GeneratorOptions } from './types';
import type { ProblemSink } from './types';
import { isRecord } from '../core/records';

/** Where the fields come from. */
export interface FieldContext {
  file: RepoPath;
  dir: RepoPath;
  sink: ProblemSink;
  lineOf(field: string): number;
}

/** A kustomization mapping or one of its nested mappings. */
export type Obj = Record<string, unknown>;

/** The readers of {@link makeFieldReader}. */
export type FieldReader = ReturnType<typeof makeFieldReader>;

/** Readers bound to one kustomization file; problems go to `ctx.sink` with the field's line. */
export function makeFieldReader(ctx: FieldContext) {
  const report = (
    rule: string,
    field: string,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) =>
    ctx.sink.report({
      severity,
      rule,
      file: ctx.file,
      line: ctx.lineOf(field),
      message: `${ctx.file}: ${message}`,
    });
  const invalid = (field: string, expected: string) => {
    report(
      'invalid-field',
      field,
      `${field} must be ${expected}; it was ignored.`,
    );
    return undefined;
  };
  const str = (v: unknown, field: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : invalid(field, 'a string');
  };
  const bool = (v: unknown, field: string): boolean | undefined => {
    if (v === undefined || v === null) return undefined;
    return typeof v === 'boolean' ? v : invalid(field, 'true or false');
  };
  const strList = (v: unknown, field: string): string[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some(x => typeof x !== 'string'))
      return invalid(field, 'a list of strings');
    return v as string[];
  };
  const strMap = (
    v: unknown,
    field: string,
  ): Record<string, string> | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v) || Object.values(v).some(x => typeof x !== 'string'))
      return invalid(field, 'a map of strings (quote numbers and booleans)');
    return v as Record<string, string>;
  };
  const list = (v: unknown, field: string): Obj[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some(x => !isRecord(x)))
      return invalid(field, 'a list of mappings') ?? [];
    return v as Obj[];
  };
  const file = (ref: unknown, field: string): RepoPath | undefined => {
    if (typeof ref !== 'string' || ref === '')
      return invalid(field, 'a file path');
    if (isRemoteRef(ref)) {
      report(
        'remote-base',
        field,
        `${field} refers to the remote file ${ref}, which the engine does not fetch.`,
      );
      return undefined;
    }
    const r = resolveRef(ctx.dir, ref);
    if ('escape' in r) {
      report(
        'path-escape',
        field,
        `${field} ${ref} is ${
          r.reason === 'absolute'
            ? 'an absolute path'
            : 'outside the repository'
        }; it was skipped.`,
      );
      return undefined;
    }
    return r.path;
  };
  const target = (v: unknown, field: string): PatchTarget | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v)) return invalid(field, 'a mapping');
    const t: PatchTarget = {};
    for (const k of [
      'group',
      'version',
      'kind',
      'name',
      'namespace',
      'labelSelector',
      'annotationSelector',
    ] as const) {
      const s = str(v[k], `${field}.${k}`);
      if (s !== undefined) t[k] = s;
    }
    return t;
  };
  const genOptions = (
    v: unknown,
    field: string,
  ): GeneratorOptions | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v)) return invalid(field, 'a mapping');
    return clean({
      labels: strMap(v.labels, `${field}.labels`),
      annotations: strMap(v.annotations, `${field}.annotations`),
      disableNameSuffixHash: bool(
        v.disableNameSuffixHash,
        `${field}.disableNameSuffixHash`,
      ),
      immutable: bool(v.immutable, `${field}.immutable`),
    });
  };
  const generator = (g: Obj, field: string, secret: boolean): GeneratorArgs => {
    const behavior = str(g.behavior, `${field}.behavior`);
    if (behavior && !['create', 'merge', 'replace'].includes(behavior))
      invalid(`${field}.behavior`, 'create, merge or replace');
    const files = (strList(g.files, `${field}.files`) ?? []).flatMap(
      (src, i) => {
        // as kustomize ParseFileSource: `[key=]path`, key defaults to the base name
        const parts = src.split('=');
        if (parts.length > 2 || parts.some(p => p === ''))
          return (
            invalid(
              `${field}.files.${i}`,
              '[key=]path with no "=" in the key or path',
            ) ?? []
          );
        const path = file(parts[parts.length - 1], `${field}.files.${i}`);
        return path === undefined
          ? []
          : [{ key: parts.length === 2 ? parts[0] : basenameOf(path), path }];
      },
    );
    const envRefs = [...(strList(g.envs, `${field}.envs`) ?? [])];
    const env = str(g.env, `${field}.env`);
    if (env) envRefs.push(env);
    const envs = envRefs.flatMap((e, i) => file(e, `${field}.envs.${i}`) ?? []);
    return clean({
      name: str(g.name, `${field}.name`),
      namespace: str(g.namespace, `${field}.namespace`),
      behavior: behavior as GeneratorArgs['behavior'],
      literals: strList(g.literals, `${field}.literals`),
      files: files.length > 0 ? files : undefined,
      envs: envs.length > 0 ? envs : undefined,
      options: genOptions(g.options, `${field}.options`),
      type: secret ? str(g.type, `${field}.type`) : undefined,
    });
  };

  return {
    report,
    invalid,
    str,
    bool,
    strList,
    strMap,
    list,
    file,
    target,
    genOptions,
    generator,
  };
}

/**
 * Drops undefined fields and empty lists so whole-object assertions stay
 * readable; copies rather than deletes, which would put objects in V8's slow mode.
 */
export function clean<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o)) {
    const value = (o as Record<string, unknown>)[key];
    if (
      value === undefined ||
      (Array.isArray(value) &&
        value.length === 0 &&
        key !== 'resources' &&
        key !== 'components')
    )
      continue;
    out[key] = value;
  }
  return out as T;
}
