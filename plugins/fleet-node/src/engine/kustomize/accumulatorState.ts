/*
 * What kustomize's ResAccumulator carries besides resources
 * (api/internal/accumulator/resaccumulator.go): the transformer
 * configuration, merged from every `configurations:` file of the
 * accumulation (MergeConfig), and the var set (MergeVars, MergeAccumulator).
 */
import type { AccumulatorState, TransformContext } from './types';
import type { BuildEnv } from './buildEnv';
import type { Level } from './level';
import type { FieldSpec, TransformerConfig } from './types';
import {
  emptyConfig,
  mergeConfig,
  mergeFieldSpecs,
  readConfigurationFile,
} from './transformers/transformerConfig';
import {
  COMMON_ANNOTATION_SPECS,
  COMMON_LABEL_SPECS,
  IMAGE_SPECS,
  NAME_SPECS,
  NAMESPACE_SPECS,
  REPLICA_SPECS,
  TEMPLATE_LABEL_SPECS,
} from './transformers/fieldSpecs';
import { NAME_REFERENCE_SPECS } from './transformers/nameReferenceSpecs';
import { VAR_REFERENCE_SPECS } from './vars/varReferenceSpecs';
import { mergeVarSets } from './vars/mergeVars';

/** kustomize's default TransformerConfig, per key, to find conflicts against. */
const BUILTIN: Record<
  Exclude<keyof TransformerConfig, 'nameReference'>,
  FieldSpec[]
> = {
  namePrefix: NAME_SPECS,
  nameSuffix: NAME_SPECS,
  namespace: [
    { path: 'metadata/namespace', create: true },
    ...NAMESPACE_SPECS,
    { path: 'subjects', kind: 'RoleBinding' },
    { path: 'subjects', kind: 'ClusterRoleBinding' },
  ],
  commonLabels: COMMON_LABEL_SPECS,
  templateLabels: TEMPLATE_LABEL_SPECS,
  commonAnnotations: COMMON_ANNOTATION_SPECS,
  images: IMAGE_SPECS,
  replicas: REPLICA_SPECS,
  varReference: VAR_REFERENCE_SPECS,
};

/**
 * The specs of `incoming` that conflict with the defaults plus `current`
 * (same path, selected gvk, different `create`): kustomize's MergeConfig
 * fails with "conflicting fieldspecs" on them.
 */
function conflicts(
  current: TransformerConfig,
  incoming: TransformerConfig,
): string[] {
  const found: string[] = [];
  for (const key of Object.keys(BUILTIN) as (keyof typeof BUILTIN)[]) {
    mergeFieldSpecs([...BUILTIN[key], ...current[key]], incoming[key], f =>
      found.push(`${key} ${f.kind ?? ''} ${f.path}`),
    );
  }
  for (const ref of incoming.nameReference) {
    const same = [...NAME_REFERENCE_SPECS, ...current.nameReference].filter(
      b =>
        (b.group ?? '') === (ref.group ?? '') &&
        (b.version ?? '') === (ref.version ?? '') &&
        b.kind === ref.kind,
    );
    for (const b of same)
      mergeFieldSpecs(b.referrers, ref.referrers, f =>
        found.push(`nameReference ${ref.kind} ${f.kind ?? ''} ${f.path}`),
      );
  }
  return found;
}

/** Merges `incoming` into the current accumulator's config, reporting kustomize's conflicts at `at`. */
function mergeInto(
  env: BuildEnv,
  incoming: TransformerConfig,
  at: { file: string; line: number },
): void {
  const bad = conflicts(env.acc.config, incoming);
  if (bad.length > 0)
    env.sink.report({
      severity: 'error',
      rule: 'kustomize-transform',
      ...at,
      message: `${at.file}: merging config: conflicting fieldspecs (${bad.join(
        ', ',
      )}): the same field with and without create (as kustomize, which fails).`,
    });
  env.acc.config = mergeConfig(env.acc.config, incoming);
}

/** kustomize's MakeEmptyAccumulator. */
export function emptyAccumulator(): AccumulatorState {
  return { config: emptyConfig(), vars: [] };
}

/**
 * kustomize's MergeAccumulator without the resources: a sub-accumulation's
 * configuration and vars join the current one (a var name seen twice is
 * reported against `ctx`).
 */
export function mergeAccumulator(
  env: BuildEnv,
  sub: AccumulatorState,
  ctx: TransformContext,
): void {
  mergeInto(env, sub.config, {
    file: ctx.kustFile,
    line: ctx.lineOf('resources'),
  });
  if (sub.vars.length) mergeVarSets(env.acc.vars, sub.vars, ctx, 'resources');
}

/**
 * Reads the level's `configurations:` files (kustomize's
 * MakeTransformerConfig) and merges them into the current accumulator.
 * A missing or unreadable file is reported, as kustomize fails on it.
 */
export function mergeConfigurations(
  env: BuildEnv,
  level: Level,
  ctx: TransformContext,
): void {
  (level.k.configurations ?? []).forEach((path, i) => {
    const at = {
      file: level.kustFile,
      line: level.lineOf(`configurations.${i}`),
    };
    const text = ctx.readFile(path);
    if (text === undefined) {
      env.sink.report({
        severity: 'error',
        rule: 'missing-path',
        ...at,
        message: `${at.file}: configurations.${i} ${path} does not exist.`,
      });
      return;
    }
    const config = readConfigurationFile(text);
    if ('error' in config) {
      env.sink.report({
        severity: 'error',
        rule: 'yaml-parse',
        ...at,
        message: `${at.file}: cannot read the transformer configuration ${path}: ${config.error}`,
      });
      return;
    }
    mergeInto(env, config, at);
  });
}
