/*
 * One kustomization level as accumulation sees it (kustomize's KustTarget):
 * the parsed file, where each of its entries sits (for `via` and problems),
 * and the context its generators and transformers receive.
 */
import type { RepoPath, SourceRef } from '../core/types';
import type { BuildEnv } from './buildEnv';
import type { KustFile } from './kustFile';
import type { Kustomization, TransformContext } from './types';
import type { Resource } from './types';

/** The generator and transformer stages (A2's runGenerators / runTransformers), injected so accumulation can be tested alone. */
export interface Stages {
  runGenerators(
    resources: Resource[],
    k: Kustomization,
    ctx: TransformContext,
  ): Resource[];
  runTransformers(
    resources: Resource[],
    k: Kustomization,
    ctx: TransformContext,
  ): Resource[];
}

/** One kustomization being accumulated. */
export interface Level {
  dir: RepoPath;
  /** The kustomization file, or the directory for a generated kustomization. */
  kustFile: RepoPath;
  k: Kustomization;
  lineOf(field: string): number;
  /** Field path of each `resources` entry, for lines. */
  resourceFields: string[];
  /** The `via` entry of each resource / component entry; undefined when there is no file entry (generated). */
  resourceEntries: (SourceRef | undefined)[];
  componentEntries: (SourceRef | undefined)[];
}

/** A {@link Level} for a parsed kustomization file. */
export function levelOf(kf: KustFile): Level {
  const at = (field: string) => ({ file: kf.file, line: kf.lineOf(field) });
  return {
    dir: kf.dir,
    kustFile: kf.file,
    k: kf.kustomization,
    lineOf: kf.lineOf,
    resourceFields: kf.resourceFields,
    resourceEntries: kf.resourceFields.map(at),
    componentEntries: kf.kustomization.components.map((_, i) =>
      at(`components.${i}`),
    ),
  };
}

/** The context handed to generators and transformers of `level`. */
export function contextOf(env: BuildEnv, level: Level): TransformContext {
  return {
    dir: level.dir,
    kustFile: level.kustFile,
    snapshot: env.snapshot,
    sink: env.sink,
    lineOf: level.lineOf,
    readFile: env.read,
  };
}

/** Finds and parses the kustomization of `dir`, reporting kustomize's errors at `at`. */
export function loadLevel(
  env: BuildEnv,
  dir: RepoPath,
  at: SourceRef,
): Level | undefined {
  const files = env.kustomizationFiles(dir);
  const where = dir || '.';
  if (files.length === 0) {
    env.sink.report({
      severity: 'error',
      rule: 'missing-kustomization',
      file: at.file,
      line: at.line,
      message: `${where} has no kustomization.yaml, kustomization.yml or Kustomization (as kustomize: "unable to find one of ..."); it was skipped.`,
    });
    return undefined;
  }
  if (files.length > 1) {
    env.sink.report({
      severity: 'error',
      rule: 'multiple-kustomizations',
      file: files[1],
      line: null,
      message: `${where} has more than one kustomization file (${files.join(
        ', ',
      )}) (as kustomize: "Found multiple kustomization files"); it was skipped.`,
    });
    return undefined;
  }
  const kf = env.kustFile(files[0]);
  return kf && levelOf(kf);
}
