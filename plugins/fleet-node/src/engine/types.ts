/*
 * Core types of the fleet engine. Every stage (loader → kustFile → generate →
 * accumulate → transformers → flux → model) speaks these types, so the
 * catalog, the REST API, promotion and the CLI read one model.
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
}

/** A kustomize patch entry (`patches:`), also used for Flux `spec.patches`. */
export interface PatchSpec {
  /** Inline patch text (strategic merge YAML or JSON 6902 list). */
  patch?: string;
  /** Repo-relative path of a patch file (already resolved against the kustomization dir). */
  path?: string;
  target?: PatchTarget;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

/** kustomize's patch target selector. name/namespace/kind etc. are regexes anchored at both ends. */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** kustomize `images:` entry. */
export interface ImageSpec {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/**
 * Fields a Flux Kustomization adds to the kustomization it builds, the way
 * kustomize-controller's generator edits kustomization.yaml before building.
 */
export interface FluxOverrides {
  /** spec.targetNamespace → kustomization `namespace` (overrides the file's). */
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** spec.patches, appended to the file's `patches`. */
  patches?: PatchSpec[];
  /** spec.images, appended to the file's `images`. */
  images?: ImageSpec[];
  /** spec.components, repo-relative directories, appended to the file's `components`. */
  components?: RepoPath[];
  /** spec.commonMetadata */
  commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Where these overrides are declared (the Flux Kustomization object), for problems. */
  declaredAt?: SourceRef;
}

/** One object produced by building a kustomization directory. */
export interface BuiltResource {
  object: KObject;
  /** File and line of the YAML document that defined it (or the generator entry that made it). */
  source: SourceRef;
  /**
   * The chain of kustomization entries that brought it in, outermost first:
   * e.g. `[clusters/test/apps/kustomization.yaml:6, apps/foo-app/base/kustomization.yaml:4]`.
   */
  via: SourceRef[];
}

/** Result of building one directory. Never throws for bad input. */
export interface BuildResult {
  resources: BuiltResource[];
  problems: Problem[];
  /** Every repo path whose content the build read (for caching and change tracking). */
  filesRead: RepoPath[];
}
