/*
 * The fleet model as it crosses process boundaries: the `yarn fleet matrix
 * --json` output and the REST API speak these shapes.
 */

import type { FleetStaleInfo } from './api';

/** A place in the fleet repository. */
export interface FleetSourceRef {
  /** Repository-relative POSIX path. */
  file: string;
  /** 1-based line. */
  line: number;
}

/** A problem found while resolving the fleet or checking its rules. */
export interface FleetProblem {
  severity: 'error' | 'warning';
  /** Stable rule id, e.g. `yaml-parse`, `path-escape`, `unreferenced-definition`. */
  rule: string;
  cluster: string | null;
  file: string | null;
  line: number | null;
  message: string;
}

/** A cluster driven by the fleet repository. */
export interface FleetCluster {
  /** Cluster name, the directory name under `clusters/`. */
  name: string;
  /** The cluster's directory, e.g. `clusters/dev`. */
  path: string;
}

/** One object a cluster receives, with where it came from. */
export interface FleetObject {
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** Unit id (e.g. `apps/podinfo`), or null when the object belongs to no unit. */
  unit: string | null;
  /** The Flux Kustomization that applies it, `<namespace>/<name>`. */
  fluxKustomization: string;
  /** Where the object is defined. */
  source: FleetSourceRef;
  /** The kustomization entries that brought it to the cluster, outermost first. */
  via: FleetSourceRef[];
  /** Container images, on workloads. */
  images?: string[];
  /** Replica count, on workloads that have one. */
  replicas?: number;
  /** Chart name, on HelmReleases. */
  chart?: string;
  /** Chart version, on HelmReleases. */
  version?: string;
  /**
   * True for a SOPS-encrypted Secret: its values are ciphertext that
   * kustomize-controller decrypts at apply time; they are never shown.
   */
  encrypted?: boolean;
  /**
   * Present when the object is kept from an earlier revision because its
   * Flux Kustomization fails to build now (Flux keeps what it last applied).
   */
  stale?: FleetStaleInfo;
}

/** Kinds of unit. */
export type FleetUnitKind =
  | 'app'
  | 'controller'
  | 'namespace-set'
  | 'policy-set'
  | 'other';

/** A shared definition (a directory pattern match) and the clusters that use it. */
export interface FleetUnit {
  /** e.g. `apps/podinfo` */
  id: string;
  kind: FleetUnitKind;
  name: string;
  /** Per cluster, the directory the cluster's tree enters the unit by. */
  clusters: Record<string, { entry: string }>;
}

/** The whole resolved fleet, as `yarn fleet matrix --json` prints it. */
export interface FleetMatrix {
  revision: string | null;
  clusters: FleetCluster[];
  objects: FleetObject[];
  units: FleetUnit[];
  problems: FleetProblem[];
}
