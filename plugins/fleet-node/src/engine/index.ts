/*
 * The fleet engine's public API: load a snapshot, resolve the fleet the way
 * Flux and kustomize would, and hand out the matrix, the rendered objects of
 * one cluster, or one directory's build.
 */
export type {
  BuildResult,
  BuiltResource,
  FluxOverrides,
  ImageSpec,
  PatchSpec,
  PatchTarget,
  PathProbes,
} from './kustomize/types';
export type {
  KObject,
  Problem,
  ProblemSeverity,
  RepoPath,
  Snapshot,
  SnapshotLimits,
  SourceRef,
} from './core/types';
export {
  loadLocalSnapshot,
  snapshotFromFiles,
  type LoadLocalSnapshotOptions,
} from './loader/loadLocalSnapshot';
export {
  loadGitSnapshot,
  type LoadGitSnapshotOptions,
} from './loader/loadGitSnapshot';
export { gitWorkTreePrefix } from './loader/gitCommands';
export { buildKustomization } from './kustomize/buildKustomization';
export { BuildCache } from './kustomize/BuildCache';
export {
  findClusters,
  type ClusterEntry,
  type ExplicitCluster,
  type FindClustersOptions,
} from './flux/findClusters';
export {
  resolveCluster,
  type ClusterResolution,
  type FluxKustomizationNode,
  type ResolvedObject,
  type ResolveClusterOptions,
} from './flux/resolveCluster';
export { envsubst } from './flux/envsubst';
export {
  resolveFleet,
  type FleetModel,
  type ModelCluster,
  type ModelObject,
  type ModelUnit,
  type ResolveFleetOptions,
} from './model/resolveFleet';
export {
  DEFAULT_UNIT_PATTERNS,
  UnitMatcher,
  type UnitMatch,
  type UnitPattern,
} from './model/units';
export {
  toMatrix,
  toFleetObject,
  imagesOf,
  replicasOf,
  shownBodyOf,
} from './model/toMatrix';
export { shownIdentity, type IdentitySource } from './model/secretIdentity';
export { renderYamlStream } from './model/renderYaml';
export { runChecks } from './model/checks';
export {
  helmReleaseDetail,
  lookupIn,
  REDACTED,
  type HelmReleaseDetail,
  type ValuesSource,
} from './flux/helm/helmReleaseDetail';
export {
  expandResourceSet,
  type ExpandedResourceSet,
} from './flux/resourceSet/expandResourceSet';
