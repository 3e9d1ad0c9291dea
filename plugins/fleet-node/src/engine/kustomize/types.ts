/*
 * The parsed kustomization file, with kustomize's own field names
 * (sigs.k8s.io/kustomize/api/types.Kustomization), and the context every
 * generator and transformer receives; the build's inputs (patches, images,
 * Flux overrides) and outputs (resources, results).
 *
 * File paths of patches, generator sources and replacement files are already
 * resolved against the kustomization directory to repository paths by
 * kustFile.ts; entries that escaped the repository were reported and dropped.
 * `resources` and `components` stay as written, since they may be remote.
 */
import type { SecretPath } from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  KObject,
  Problem,
  RepoPath,
  ResId,
  Snapshot,
  SourceRef,
} from '../core/types';

/** kustomize's FieldSpec: where in which kinds a transformer writes. */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

/** kustomize `labels:` entry (types.Label). */
export interface LabelEntry {
  pairs: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpec[];
}

/** One file source of a generator: `[key=]path`, key defaulting to the file's base name. */
export interface GeneratorFileSource {
  key: string;
  path: RepoPath;
}

/** kustomize GeneratorOptions (top-level `generatorOptions` and per-entry `options`). */
export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** One `configMapGenerator` / `secretGenerator` entry (types.GeneratorArgs + SecretArgs). */
export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  /** `files:` with paths resolved. */
  files?: GeneratorFileSource[];
  /** `envs:` plus the deprecated `env:` (appended, as kustomize FixKustomization), resolved. */
  envs?: RepoPath[];
  options?: GeneratorOptions;
  /** Secret type (secretGenerator only); kustomize defaults to `Opaque`. */
  type?: string;
}

/** kustomize replicas entry. */
export interface ReplicaEntry {
  name: string;
  count: number;
}

/** kustomize Selector (patch target / replacement select). */
export type Selector = PatchTarget;

/** kustomize replacement FieldOptions. */
export interface ReplacementFieldOptions {
  delimiter?: string;
  index?: number;
  encoding?: string;
  create?: boolean;
}

/** kustomize replacement source (SourceSelector). */
export interface ReplacementSource {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  fieldPath?: string;
  options?: ReplacementFieldOptions;
}

/** kustomize replacement target (TargetSelector). */
export interface ReplacementTarget {
  select?: Selector;
  reject?: Selector[];
  fieldPaths?: string[];
  options?: ReplacementFieldOptions;
}

/**
 * kustomize `replacements:` entry: either a file (`path`, resolved, holding
 * one or more replacements) or an inline replacement.
 */
export interface ReplacementEntry {
  path?: RepoPath;
  source?: ReplacementSource;
  targets?: ReplacementTarget[];
}

/** kustomize's nameReference entry (builtinconfig NameBackReferences): a referable kind and the fields that hold its name. */
export interface NameBackReference {
  group?: string;
  version?: string;
  kind: string;
  referrers: FieldSpec[];
}

/**
 * The field specs a kustomization's `configurations:` files add to
 * kustomize's builtin ones (builtinconfig.TransformerConfig), merged over the
 * whole accumulation as TransformerConfig.Merge: builtins first, then these.
 */
export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
  varReference: FieldSpec[];
  nameReference: NameBackReference[];
}

/** One `vars:` entry (types.Var) with kustomize's default field path `metadata.name`. */
export interface VarDecl {
  name: string;
  objref: {
    group: string;
    version: string;
    kind: string;
    name: string;
    namespace?: string;
  };
  fieldPath: string;
}

/** `patchesStrategicMerge:` entry: a file path (resolved) or an inline patch. */
export interface StrategicMergeEntry {
  path?: RepoPath;
  inline?: string;
}

/** `patchesJson6902:` entry. */
export interface Json6902Entry {
  target: PatchTarget & { name: string };
  path?: RepoPath;
  patch?: string;
}

/**
 * A parsed kustomization (or Component) file with kustomize's field names.
 * Deprecated fields are folded in as kustomize's FixKustomization does:
 * `bases` appended to `resources`, `imageTags` to `images`, generator `env`
 * to `envs`. `patchesStrategicMerge`, `patchesJson6902` and `commonLabels`
 * stay separate because kustomize applies them with their own transformers.
 */
export interface Kustomization {
  apiVersion: string;
  kind: 'Kustomization' | 'Component';
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, string>;
  labels?: LabelEntry[];
  commonAnnotations?: Record<string, string>;
  /** As written (relative paths, directories or remote URLs). */
  resources: string[];
  /** As written (relative directory paths or remote URLs). */
  components: string[];
  patches?: PatchSpec[];
  patchesStrategicMerge?: StrategicMergeEntry[];
  patchesJson6902?: Json6902Entry[];
  images?: ImageSpec[];
  replicas?: ReplicaEntry[];
  replacements?: ReplacementEntry[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
  buildMetadata?: string[];
  /** `configurations:` files (transformer configurations), resolved. */
  configurations?: RepoPath[];
  /** `vars:` (deprecated in kustomize, still honoured). */
  vars?: VarDecl[];
  /** Honoured only at the top level, as kustomize; kubectl kustomize defaults to legacy order. */
  sortOptions?: SortOptions;
}

/** kustomize sortOptions. */
export interface SortOptions {
  order: 'legacy' | 'fifo';
  legacySortOptions?: { orderFirst: string[]; orderLast: string[] };
}

/**
 * What generators and transformers get for one kustomization level.
 * `readFile` reads from the snapshot and records the read for caching;
 * it returns undefined for a missing file (the caller reports the problem).
 */
export interface TransformContext {
  /** Directory of the kustomization being built. */
  dir: RepoPath;
  /** The kustomization file (for generated kustomizations: the directory itself). */
  kustFile: RepoPath;
  snapshot: Snapshot;
  sink: ProblemSink;
  /**
   * 1-based line of a field or list item in the kustomization file, by dotted
   * path (`patches`, `patches.2`, `configMapGenerator.0.files.1`); falls back to
   * the closest known ancestor, then to 1.
   */
  lineOf(field: string): number;
  readFile(path: RepoPath): string | undefined;
  /**
   * The accumulation's custom field specs (own `configurations:` and those
   * of every base and component accumulated so far); absent means none.
   */
  config?: TransformerConfig;
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
  commonMetadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
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
  /**
   * The fields of a non-Secret object that kustomize `replacements` or
   * `vars` wrote from Secret data (a Secret's `data`/`stringData`, SOPS
   * ciphertext, or a field itself copied from those). Bookkeeping beside
   * the body, never in it, so the rendered YAML stays kubectl's: whatever
   * shows a body redacts these paths as it redacts a Secret's data.
   */
  secretPaths?: SecretPath[];
  /**
   * Of a Secret: the fields of its `data`/`stringData` that `replacements`
   * wrote from non-Secret data (a ConfigMap's value). Still redacted in the
   * Secret, but shown where they came from: nothing searches the fleet for
   * them as Secret values.
   */
  plainPaths?: SecretPath[];
}

/** Result of building one directory. Never throws for bad input. */
export interface BuildResult {
  resources: BuiltResource[];
  problems: Problem[];
  /** Every repo path whose content the build read (for caching and change tracking). */
  filesRead: RepoPath[];
  /**
   * The paths whose presence the build depended on, to tell which added or
   * removed paths can change it; absent when unknown (then any can).
   */
  probes?: PathProbes;
}

/** Paths whose presence a build depended on. */
export interface PathProbes {
  /** Directories probed (whether they exist) and files probed and found absent. */
  probed: RepoPath[];
  /** Directories listed (Flux's generated kustomization walks them). */
  listed: RepoPath[];
}

/**
 * A resource while a kustomization is being built. Mirrors kustomize's
 * resource.Resource: the object plus bookkeeping that never reaches output.
 */
export interface Resource extends BuiltResource {
  /**
   * Ids the resource had before name/namespace transformations, oldest first
   * (kustomize's `internal.config.kubernetes.io/previousNames|Kinds|Namespaces`),
   * used by the name reference transformer to fix back references.
   */
  prevIds: ResId[];
  /** Set on resources made by configMapGenerator / secretGenerator. */
  /** Names of the vars whose objref matched this resource (kustomize's refVarNames). */
  refVarNames?: string[];
  generator?: {
    behavior: 'create' | 'merge' | 'replace';
    /** false when generatorOptions.disableNameSuffixHash (or the per-entry option) is true. */
    needsHash: boolean;
  };
}

/** Where a stage reports problems; `cluster` is filled in by the caller that knows it. */
export interface ProblemSink {
  report(problem: Omit<Problem, 'cluster'>): void;
}

/** Everything a build step looked at, to decide later whether its result still holds. */
export interface ReadSet {
  /** Path → content read, or null when the path was probed and absent. */
  files: Map<RepoPath, string | null>;
  /** Directory → whether it existed. */
  dirs: Map<RepoPath, boolean>;
  /** Directory → fingerprint of its listing (generated kustomizations walk directories). */
  listings: Map<RepoPath, string>;
}

/** A cached accumulation: the resources before top-level finalization, and what producing them read and reported. */
export interface CacheEntry {
  /** Empty for top-level entries, which keep only their finalized output (`built`). */
  resources: Resource[];
  problems: Omit<Problem, 'cluster'>[];
  reads: ReadSet;
  /** Directories accumulated, to re-check kustomize's loader cycle rule against a new caller chain. */
  visited: RepoPath[];
  /** For top-level entries: what finalization needs from the top kustomization. */
  top?: { kustFile: RepoPath; sortOptions?: SortOptions };
  /** The accumulation's custom field specs and vars, which the caller merges into its own. */
  acc?: AccumulatorState;
  /** For top-level entries: the finalized output and the problems finalization reported, once computed. */
  built?: { resources: BuiltResource[]; problems: Omit<Problem, 'cluster'>[] };
}

/** What kustomize's ResAccumulator carries besides resources: the merged configuration and the var set. */
export interface AccumulatorState {
  config: TransformerConfig;
  vars: VarDecl[];
}
