import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Fleet plugins. */
  fleet?: {
    /** The fleet repository: exactly one of `path` or `url`. */
    source: {
      /**
       * (Optional) A local git repository (read at the committed tip of
       * `branch`, never its working tree) or a plain directory, relative to
       * the backend's working directory. Default: none.
       */
      path?: string;
      /**
       * (Optional) The branch read when `path` is a git repository.
       * Default: the branch checked out there (its `HEAD`).
       */
      branch?: string;
      /**
       * (Optional) When `path` is a directory that is not the top of a git
       * repository: copy it on first start into a git repository under
       * `dataDir` (`<dataDir>/fleet.git`, branch `main`) and read that, so that
       * promotion can branch there. Default: false.
       */
      embedded?: boolean;
      /**
       * (Optional) A URL any configured Backstage integration reads with
       * `readTree`, e.g. `https://github.com/org/fleet/tree/main`; read with
       * the ETag of the last read, so an unchanged repository costs one
       * request. Default: none.
       */
      url?: string;
      /**
       * (Optional) How long one read of `url` may take, as an ISO 8601
       * duration (`PT5M`) or `{ minutes: 5 }`: a host that stops sending, or
       * never answers, is given up on and the last good model stays. Only
       * with `url`. Default: 5 minutes.
       */
      timeout?:
        | string
        | {
            hours?: number;
            minutes?: number;
            seconds?: number;
            milliseconds?: number;
          };
    };
    /**
     * (Optional) Clusters named explicitly, found before the ones the engine
     * discovers (`clusters/<name>` with its flux-system sync, FluxInstances,
     * hub directories), as the CLI's `--cluster-path NAME=PATH`. A name the
     * engine would discover at the same path is known by the name given here.
     * Default: none.
     */
    clusters?: Array<{
      /** The cluster's name (lower-case letters, digits and dashes); its catalog entity's name. */
      name: string;
      /** The directory Flux syncs for it, relative to the repository root. */
      path: string;
      /**
       * (Optional) Post-build variables of its root Kustomization
       * (`spec.postBuild.substitute`), e.g. `{ cluster_env: prod }`.
       * Default: none.
       */
      variables?: { [name: string]: string };
    }>;
    /**
     * (Optional) The folder holding the embedded repository, relative to the
     * backend's working directory. Default: `.fleet-data`.
     */
    dataDir?: string;
    /**
     * (Optional) When the fleet service asks the source for its revision
     * (a Backstage task schedule: frequency, timeout, initialDelay, scope).
     * Default: `{ frequency: { minutes: 1 }, timeout: { minutes: 5 }, scope: global }`.
     */
    refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * (Optional) Deprecated: use `refresh.frequency`. The refresh interval in
     * minutes. Default: none (`refresh` applies).
     */
    refreshIntervalMinutes?: number;
    /** (Optional) The budget of one resolve, on the resolve worker thread. */
    resolve?: {
      /**
       * (Optional) Wall-clock limit of loading and resolving one revision, as
       * an ISO 8601 duration (`PT2M`) or `{ minutes: 2 }`; over it the worker
       * is stopped and the last good model stays. Default: 2 minutes.
       */
      timeout?:
        | string
        | {
            hours?: number;
            minutes?: number;
            seconds?: number;
            milliseconds?: number;
          };
      /**
       * (Optional) Heap limit of the resolve worker in MB
       * (`resourceLimits.maxOldGenerationSizeMb`); over it the worker is
       * stopped and the last good model stays. Default: 2048.
       */
      maxMemoryMb?: number;
      /**
       * (Optional) Files larger than this many bytes are reported
       * (`file-too-large`) and not read. Default: 5242880 (5 MB).
       */
      maxFileBytes?: number;
      /**
       * (Optional) Once the files directly in one directory total this many
       * bytes, its further files are reported (`file-too-large`) and not
       * read. Default: 67108864 (64 MB).
       */
      maxDirectoryBytes?: number;
      /**
       * (Optional) The most bytes read from the whole repository. The local
       * loaders report the files past it (`file-too-large`); a `url` source
       * stops reading the archive there and keeps the last good model, with
       * the reason in `/status`. At least `maxDirectoryBytes` and
       * `maxFileBytes`. Default: 268435456 (256 MB).
       */
      maxRepositoryBytes?: number;
      /**
       * (Optional) Kustomization files (`kustomization.yaml`,
       * `kustomization.yml`, `Kustomization`) larger than this many bytes
       * are reported (`file-too-large`, at the file) and not parsed; the
       * directory does not build, as for invalid YAML. At most
       * `maxFileBytes`. Default: 1048576 (1 MB), or `maxFileBytes` when
       * that is smaller.
       */
      maxKustomizationBytes?: number;
    };
  };
}
