/*
 * Core types of the fleet engine: paths, places, problems, objects and the
 * snapshot. Every stage (loader → kustFile → generate → accumulate →
 * transformers → flux → model) speaks these, so they sit in the bottom
 * folder that imports nothing else of the engine.
 */

/** A repository-relative POSIX path without leading `./` or `/`; `''` is the root. */
export type RepoPath = string;

/** A place in the repository: a file and a 1-based line. */
export interface SourceRef {
  file: RepoPath;
  line: number;
}

/** Severity of a {@link Problem}. */
export type ProblemSeverity = 'error' | 'warning';

/**
 * Anything that went wrong or looks wrong. The engine never throws on bad
 * input: it records a problem and goes on building everything else.
 */
export interface Problem {
  severity: ProblemSeverity;
  /** Stable rule id, kebab-case, e.g. `yaml-parse`, `path-escape`, `cycle`, `unsupported-field`. */
  rule: string;
  /** The cluster the problem was found for, or null when not cluster specific. */
  cluster: string | null;
  /** Repository-relative file, or null when no file applies. */
  file: RepoPath | null;
  /** 1-based line in `file`, or null. */
  line: number | null;
  /** One sentence a person can act on; names the file and the entry. */
  message: string;
}

/** A Kubernetes object as plain JSON. */
export type KObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
};

/**
 * One revision of the repository, read and safety-filtered once. The engine
 * never touches the file system itself: everything it may read is here, so
 * nothing outside the repository can ever be read.
 */
export interface Snapshot {
  /** Commit SHA when the source is a git repository, else null. */
  revision: string | null;
  /** Regular files (and in-repo symlinks resolved to their target's content) by repo path. */
  files: ReadonlyMap<RepoPath, string>;
  /** Problems found while reading (escaping symlinks, oversized files, unreadable files). */
  problems: Problem[];
  /** Bounds the builds of this snapshot apply; left out, the engine's defaults. */
  limits?: SnapshotLimits;
}

/** Bounds a build applies to what it parses (app-config `fleet.resolve`). */
export interface SnapshotLimits {
  /**
   * Largest kustomization file parsed, in bytes (`fleet.resolve.maxKustomizationBytes`);
   * a larger one is a `file-too-large` problem. Default 1 MB.
   */
  maxKustomizationBytes?: number;
}

/** kustomize's resource id: group/version/kind plus name and namespace ('' when unset). */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}
