/*
 * The input and output of the fleet actions, written out instead of inferred
 * from their zod schemas. API Extractor prints a named type the same way in
 * every checkout, whereas the inferred ones came out with union members and
 * object keys in a different order in a fresh clone than in a working tree,
 * which made the API report check flaky. Each action's return type ties its
 * schema to these types, so the compiler keeps the two in step. They are
 * type aliases, not interfaces: TemplateAction requires JsonObject, and only
 * an object type alias satisfies its index signature.
 */

/**
 * A rendered object named by kind, namespace and name (never its body).
 *
 * @public
 */
export type FleetObjectId = {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
};

/**
 * What one cluster gains, changes and loses with a promotion.
 *
 * @public
 */
export type FleetClusterChangeOutput = {
  cluster: string;
  added: FleetObjectId[];
  changed: FleetObjectId[];
  removed: FleetObjectId[];
};

/**
 * Input of `fleet:app:clusters`.
 *
 * @public
 */
export type FleetAppClustersInput = {
  /** The fleet app name, e.g. `foo-app`. */
  app: string;
};

/**
 * Output of `fleet:app:clusters`.
 *
 * @public
 */
export type FleetAppClustersOutput = {
  /** Clusters that receive the app, sorted. */
  deployedTo: string[];
  /** Clusters that do not, sorted. */
  notDeployedTo: string[];
  /** The fleet revision the answer was read from. */
  revision: string | null;
};

/**
 * Input of `fleet:promote` (defaults applied by its schema).
 *
 * @public
 */
export type FleetPromoteInput = {
  /** The fleet app (`foo-app`, the unit `apps/foo-app`), a unit id, or a Kyverno policy name. */
  app: string;
  /** Target cluster names. */
  to: string[];
  /** `auto` lets the planner choose and explain. Default `auto`. */
  strategy: 'auto' | 'reference' | 'overlay' | 'common';
  /** Source cluster; default a cluster that runs the app (test first). */
  from?: string;
  /** Remove the app from the target clusters instead. Default false. */
  remove: boolean;
  /** For a Kyverno policy: also switch Audit to Enforce. */
  enforce?: boolean;
  /** Workspace directory the changed files are written to. Default `fleet`. */
  targetPath: string;
  /** The component promoted, linked from the pull-request body. */
  entityRef?: string;
};

/**
 * Output of `fleet:promote`.
 *
 * @public
 */
export type FleetPromoteOutput = {
  /** Repository paths created or updated (written under targetPath). */
  files: string[];
  /** Repository paths the promotion deletes (for `publish:github:pull-request`). */
  filesToDelete: string[];
  /** Unified diff of every file change. */
  diff: string;
  /** Per cluster, the objects added, changed and removed. */
  clusters: FleetClusterChangeOutput[];
  /** The strategy used. */
  strategy: string;
  /** Why that strategy. */
  strategyReason: string;
  /** Dependencies carried along (namespaces). */
  carried: string[];
  /** Warnings of the planner. */
  warnings: string[];
  /** Pull-request title. */
  title: string;
  /** Pull-request body (Markdown) stating the blast radius. */
  body: string;
  /** Where the files were written, relative to the workspace. */
  targetPath: string;
  /** The fleet revision the promotion was planned on (null when unknown). */
  revision: string | null;
};

/**
 * Input of `fleet:publish:local` (defaults applied by its schema).
 *
 * @public
 */
export type FleetPublishLocalInput = {
  /** Workspace directory holding the changed files. Default `fleet`. */
  sourcePath: string;
  /** Repository paths to delete. Default none. */
  filesToDelete: string[];
  /** The new branch, e.g. `promote/foo-app-prod`. */
  branchName: string;
  /** Commit subject. */
  title: string;
  /** Commit body. Default empty. */
  body: string;
  /**
   * The revision the promotion was planned on (`fleet:promote`'s
   * `revision`): refused when a file it writes or deletes changed on the
   * branch since. Left out, not checked.
   */
  revision?: string | null;
};

/**
 * Output of `fleet:publish:local`.
 *
 * @public
 */
export type FleetPublishLocalOutput = {
  /** The branch created. */
  branch: string;
  /** The commit SHA on it. */
  commit: string;
  /** Unified diff of the branch against the branch the fleet is read from. */
  diff: string;
  /** The command that merges the branch. */
  mergeCommand: string;
  /** Path of the local repository. */
  repository: string;
};

/**
 * Input of `fleet:publish:github` (defaults applied by its schema).
 *
 * @public
 */
export type FleetPublishGithubInput = {
  /** `github.com?owner=<owner>&repo=<repo>`. */
  repoUrl: string;
  /** The head branch. */
  branchName: string;
  /** Pull-request title. */
  title: string;
  /** Pull-request body. Default empty. */
  description: string;
  /** Workspace directory holding the changed files. Default `fleet`. */
  sourcePath: string;
  /** Repository paths to delete. Default none. */
  filesToDelete: string[];
  /** The revision the promotion was planned on (`fleet:promote` output). */
  revision?: string | null;
  /** The base branch; default the repository's default branch. */
  targetBranchName?: string;
  /** A user token instead of the integration credentials. */
  token?: string;
};

/**
 * Output of `fleet:publish:github`.
 *
 * @public
 */
export type FleetPublishGithubOutput = {
  /** The pull request's URL. */
  remoteUrl: string;
  /** The pull request's number. */
  pullRequestNumber: number;
  /** The base branch. */
  targetBranchName: string;
};
