/*
 * The engine's public types, re-exported from the folder that owns each:
 * `core/` (paths, problems, objects, the snapshot) and `kustomize/` (patches,
 * images, Flux overrides, build results). Engine code imports the owning
 * folder's types.ts; this file is for code outside the engine.
 */
export type {
  KObject,
  Problem,
  ProblemSeverity,
  RepoPath,
  ResId,
  SourceRef,
  Snapshot,
} from './core/types';
export type {
  BuildResult,
  BuiltResource,
  FluxOverrides,
  ImageSpec,
  PatchSpec,
  PatchTarget,
} from './kustomize/types';
