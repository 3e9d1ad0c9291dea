/*
 * Types of the fleet model: the resolved clusters, their objects and units,
 * and the problems found, as the service, the catalog and the CLI read them.
 */
import type { FleetUnitKind } from '@flux-fleet/backstage-plugin-fleet-common';
import type { Problem, RepoPath } from '../core/types';
import type { FluxKustomizationNode, ResolvedObject } from '../flux/types';

/** A rendered object of the fleet: the full object, its provenance, its cluster and unit. */
export interface ModelObject extends ResolvedObject {
  cluster: string;
  /** Unit id, or null when the object's file lies in no unit. */
  unit: string | null;
}

/** A resolved cluster. */
export interface ModelCluster {
  name: string;
  path: RepoPath;
  /** The directory Flux builds first (the sync path). */
  entrypoint: RepoPath;
  kustomizations: FluxKustomizationNode[];
  /** Every repository file the cluster's builds read. */
  filesRead: Set<RepoPath>;
}

/** A unit and, per cluster, the directory the cluster's tree enters it by. */
export interface ModelUnit {
  id: string;
  kind: FleetUnitKind;
  name: string;
  clusters: Record<string, { entry: RepoPath }>;
}

/** The resolved fleet (rich and internal: objects carry their full bodies, Secrets included). */
export interface FleetModel {
  revision: string | null;
  clusters: ModelCluster[];
  objects: ModelObject[];
  units: ModelUnit[];
  problems: Problem[];
}
