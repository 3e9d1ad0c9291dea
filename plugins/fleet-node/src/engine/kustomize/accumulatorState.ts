/*
 * What kustomize's ResAccumulator carries besides resources
 * (api/internal/accumulator/resaccumulator.go): the transformer
 * configuration, merged from every `configurations:` file of the
 * accumulation (MergeConfig), and the var set (MergeVars, MergeAccumulator).
 */
import type { AccumulatorState, TransformContext } from './types';
import type { BuildEnv } from './buildEnv';
import type { Level } from './level';
import {
  emptyConfig,
  mergeConfig,
  readConfigurationFile,
} from './transformers/transformerConfig';
import { mergeVarSets } from './vars/mergeVars';

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
  env.acc.config = mergeConfig(env.acc.config, sub.config);
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
    env.acc.config = mergeConfig(env.acc.config, config);
  });
}
