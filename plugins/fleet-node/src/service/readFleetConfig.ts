import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { posix, resolve as resolvePath } from 'node:path';
import type { ExplicitCluster } from '../engine';

/** Where the fleet repository is read from. */
export type FleetSourceConfig =
  | {
      type: 'local';
      /** Absolute path of a local git repository or a directory. */
      path: string;
      /** The branch read when `path` is a git repository. Default: its `HEAD`. */
      branch?: string;
      /** Copy a plain directory into a git repository under `dataDir` and read that. */
      embedded: boolean;
    }
  | {
      type: 'url';
      /** A URL a Backstage integration reads, e.g. `https://github.com/o/r/tree/main`. */
      url: string;
      /** How long one read of the tree may take (`fleet.source.timeout`); default 5 minutes. */
      timeoutMs?: number;
    };

/** The fleet configuration, validated. */
export interface FleetConfig {
  source: FleetSourceConfig;
  /** Where the embedded repository lives (absolute). */
  dataDir: string;
  /** The refresh schedule (`fleet.refresh`). */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Budget of one resolve. */
  resolve: {
    timeoutMs: number;
    maxMemoryMb: number;
    maxFileBytes: number;
    /** Most bytes read from the files directly in one directory (`fleet.resolve.maxDirectoryBytes`). */
    maxDirectoryBytes: number;
    /** Most bytes read from the whole repository (`fleet.resolve.maxRepositoryBytes`). */
    maxRepositoryBytes: number;
    /** Largest kustomization file parsed (`fleet.resolve.maxKustomizationBytes`). */
    maxKustomizationBytes: number;
  };
  /** `fleet.clusters`: clusters named in configuration, found before any the engine discovers. */
  clusters: ExplicitCluster[];
}

/** The refresh schedule when `fleet.refresh` is not set: every minute, one replica at a time. */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    scope: 'global',
  };

const DEFAULT_TIMEOUT_MS = 2 * 60 * 1000;
const DEFAULT_MAX_MEMORY_MB = 2048;
const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_REPOSITORY_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/**
 * Reads `fleet.*` from the app config. Rejects bad combinations at startup
 * with a full sentence rather than failing on first use.
 */
export function readFleetConfig(config: Config): FleetConfig {
  const fleet = config.getOptionalConfig('fleet');
  const source = fleet?.getOptionalConfig('source');
  const path = source?.getOptionalString('path');
  const url = source?.getOptionalString('url');
  if (path && url) {
    throw new Error(
      'fleet.source has both "path" and "url"; configure exactly one source for the fleet repository.',
    );
  }
  if (!path && !url) {
    throw new Error(
      'fleet.source.path is missing; set it to the fleet repository directory, e.g. "../../examples/fleet", or set fleet.source.url.',
    );
  }
  const branch = source?.getOptionalString('branch');
  const embedded = source?.getOptionalBoolean('embedded') ?? false;
  if (url && (branch || embedded)) {
    throw new Error(
      'fleet.source.branch and fleet.source.embedded apply to fleet.source.path only; put the branch in fleet.source.url (…/tree/<branch>).',
    );
  }
  // a local read has no host to wait for: the resolve's timeout bounds it
  if (!url && source?.has('timeout')) {
    throw new Error(
      'fleet.source.timeout applies to fleet.source.url only; a local source is bounded by fleet.resolve.timeout.',
    );
  }
  const timeoutMs =
    url && source?.has('timeout') ? durationOf(source, 'timeout') : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new Error(`fleet.source.timeout must be positive, not ${timeoutMs}.`);
  }
  // Relative paths are taken from the backend's working directory, as
  // Backstage does for `catalog.locations` of type file.
  const sourceConfig: FleetSourceConfig = url
    ? { type: 'url', url, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }
    : {
        type: 'local',
        path: resolvePath(path!),
        embedded,
        ...(branch ? { branch } : {}),
      };
  return {
    source: sourceConfig,
    dataDir: resolvePath(fleet?.getOptionalString('dataDir') ?? '.fleet-data'),
    schedule: readSchedule(fleet),
    resolve: readResolveBudget(fleet?.getOptionalConfig('resolve')),
    clusters: readClusters(fleet?.getOptionalConfigArray('clusters') ?? []),
  };
}

// a cluster's name is its catalog entity's name and a URL segment of the API
const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * `fleet.clusters`: as the CLI's `--cluster-path NAME=PATH`, each names a
 * cluster and the repository directory Flux syncs for it, optionally with
 * the post-build variables of its root Kustomization.
 */
function readClusters(list: Config[]): ExplicitCluster[] {
  const seen = new Set<string>();
  return list.map((c, i) => {
    const name = c.getString('name');
    const path = c.getString('path');
    if (!CLUSTER_NAME.test(name)) {
      throw new Error(
        `fleet.clusters[${i}].name "${name}" is not a cluster name: use lower-case letters, digits and dashes.`,
      );
    }
    if (seen.has(name)) {
      throw new Error(
        `fleet.clusters names the cluster "${name}" twice; each cluster has one entry path.`,
      );
    }
    seen.add(name);
    const normalized = posix.normalize(path.replace(/^\.\//, ''));
    if (posix.isAbsolute(path) || normalized.startsWith('..')) {
      throw new Error(
        `fleet.clusters[${i}].path "${path}" must be a directory inside the fleet repository, relative to its root.`,
      );
    }
    const vars = c.getOptionalConfig('variables');
    const variables = vars
      ? Object.fromEntries(vars.keys().map(k => [k, vars.getString(k)]))
      : undefined;
    return {
      name,
      path: normalized === '.' ? '' : normalized.replace(/\/$/, ''),
      ...(variables ? { variables } : {}),
    };
  });
}

function readSchedule(
  fleet: Config | undefined,
): SchedulerServiceTaskScheduleDefinition {
  if (fleet?.has('refresh')) {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      fleet.getConfig('refresh'),
    );
  }
  // deprecated alias of fleet.refresh.frequency, from before the service owned the schedule
  const minutes = fleet?.getOptionalNumber('refreshIntervalMinutes');
  if (minutes !== undefined) {
    if (!(minutes > 0)) {
      throw new Error(
        `fleet.refreshIntervalMinutes must be a positive number of minutes, not ${minutes}.`,
      );
    }
    return { ...DEFAULT_REFRESH_SCHEDULE, frequency: { minutes } };
  }
  return DEFAULT_REFRESH_SCHEDULE;
}

function readResolveBudget(
  resolve: Config | undefined,
): FleetConfig['resolve'] {
  const timeoutMs = resolve?.has('timeout')
    ? durationOf(resolve, 'timeout')
    : DEFAULT_TIMEOUT_MS;
  const maxMemoryMb =
    resolve?.getOptionalNumber('maxMemoryMb') ?? DEFAULT_MAX_MEMORY_MB;
  const maxFileBytes =
    resolve?.getOptionalNumber('maxFileBytes') ?? DEFAULT_MAX_FILE_BYTES;
  const maxDirectoryBytes =
    resolve?.getOptionalNumber('maxDirectoryBytes') ??
    DEFAULT_MAX_DIRECTORY_BYTES;
  const maxRepositoryBytes =
    resolve?.getOptionalNumber('maxRepositoryBytes') ??
    DEFAULT_MAX_REPOSITORY_BYTES;
  const givenKustomizationBytes = resolve?.getOptionalNumber(
    'maxKustomizationBytes',
  );
  // unset, it follows a per-file bound set under its default
  const maxKustomizationBytes =
    givenKustomizationBytes ??
    Math.min(DEFAULT_MAX_KUSTOMIZATION_BYTES, maxFileBytes);
  for (const [key, value] of Object.entries({
    timeout: timeoutMs,
    maxMemoryMb,
    maxFileBytes,
    maxDirectoryBytes,
    maxRepositoryBytes,
    maxKustomizationBytes,
  })) {
    if (!(value > 0)) {
      throw new Error(`fleet.resolve.${key} must be positive, not ${value}.`);
    }
  }
  for (const [key, value] of Object.entries({
    maxFileBytes,
    maxDirectoryBytes,
    maxRepositoryBytes,
    maxKustomizationBytes,
  })) {
    if (!Number.isSafeInteger(value))
      throw new Error(
        `fleet.resolve.${key} must be a whole number of bytes, not ${value}.`,
      );
  }
  // a bound under the one inside it would refuse what the inner one admits
  if (
    maxDirectoryBytes > maxRepositoryBytes ||
    maxFileBytes > maxRepositoryBytes
  )
    throw new Error(
      `fleet.resolve.maxRepositoryBytes (${maxRepositoryBytes}) must be at least fleet.resolve.maxDirectoryBytes (${maxDirectoryBytes}) and fleet.resolve.maxFileBytes (${maxFileBytes}).`,
    );
  // a kustomization file is read as any file first: a larger bound would never apply
  if (
    givenKustomizationBytes !== undefined &&
    maxKustomizationBytes > maxFileBytes
  )
    throw new Error(
      `fleet.resolve.maxKustomizationBytes (${maxKustomizationBytes}) must be at most fleet.resolve.maxFileBytes (${maxFileBytes}).`,
    );
  return {
    timeoutMs,
    maxMemoryMb,
    maxFileBytes,
    maxDirectoryBytes,
    maxRepositoryBytes,
    maxKustomizationBytes,
  };
}

function durationOf(config: Config, key: string): number {
  // an ISO 8601 duration string ("PT2M") or a HumanDuration object ({ minutes: 2 })
  const value = config.getOptional(key);
  if (typeof value === 'string') return isoToMs(value, key);
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function isoToMs(iso: string, key: string): number {
  const m =
    /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(
      iso,
    );
  if (!m)
    throw new Error(
      `fleet.resolve.${key} "${iso}" is not a duration such as PT2M or { minutes: 2 }.`,
    );
  return (
    ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) *
    1000
  );
}
