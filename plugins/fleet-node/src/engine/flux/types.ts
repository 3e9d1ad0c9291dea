/*
 * Types of the Flux stage: what a cluster resolves to (its objects and its
 * Flux Kustomizations) and the build function it calls.
 */
import type { KObject, Problem, RepoPath, SourceRef } from '../core/types';
import type { buildKustomization } from '../kustomize/buildKustomization';
import type { BuiltResource } from '../kustomize/types';

/** A rendered object of a cluster and the Flux Kustomization that applies it. */
export interface ResolvedObject extends BuiltResource {
  /** `<namespace>/<name>` of the Flux Kustomization that applies it. */
  fluxKustomization: string;
}

/** A Flux Kustomization of a cluster, followed or recorded. */
export interface FluxKustomizationNode {
  id: string;
  /** The Flux Kustomization whose build declares it (null for the root). */
  parent: string | null;
  declaredAt: SourceRef | null;
  /** `<Kind>/<namespace>/<name>` of spec.sourceRef. */
  sourceRef: string;
  /** `repository`: built from this repository; `artifact`: from an ExternalArtifact assembled from it; `external`: recorded only. */
  source: 'repository' | 'artifact' | 'external';
  /** The repository directory built (for artifacts: the artifact path mapped back when it is one directory). */
  path: RepoPath | null;
  dependsOn: string[];
  /** False when Flux would not apply it (external source, failed substitution, bad path). */
  applied: boolean;
}

/** Everything Flux would apply to one cluster. */
export interface ClusterResolution {
  name: string;
  path: RepoPath;
  entrypoint: RepoPath;
  objects: ResolvedObject[];
  kustomizations: FluxKustomizationNode[];
  problems: Problem[];
  /** Every repository file a build of this cluster read. */
  filesRead: Set<RepoPath>;
  /**
   * The paths whose presence the resolution depended on (directories probed
   * or listed, files found absent); null when any added or removed path may
   * change it (an artifact assembled by globs, a build that does not say).
   */
  probes: { probed: Set<RepoPath>; listed: Set<RepoPath> } | null;
}

/** The build function (kustomize/buildKustomization's signature); injectable for tests. */
export type BuildFn = typeof buildKustomization;

/** A cluster and the root Flux Kustomization that syncs it. */
export interface ClusterEntry {
  name: string;
  /** The cluster's directory, e.g. `clusters/dev`. */
  path: RepoPath;
  /** The directory Flux builds first: the sync path, else the cluster directory. */
  entrypoint: RepoPath;
  /** `<namespace>/<name>` of the root Flux Kustomization (`flux-system/flux-system`). */
  rootKustomization: string;
  /** Where the root Kustomization (or FluxInstance) is declared, when a file declares it. */
  rootDeclaredAt: SourceRef | null;
  /** The root source (`<namespace>/<name>`, its kind and URL when declared): this repository. */
  rootSource: { kind: string; id: string; url?: string };
  /** The root Flux Kustomization object as declared in gotk-sync, when there is one. */
  rootObject: KObject | null;
  /**
   * The root GitRepository's `spec.ignore` (gitignore lines), when the
   * repository declares it: source-controller leaves what it matches out of
   * the artifact every Kustomization of this source reads.
   */
  sourceIgnore?: string;
  problems: Problem[];
}
