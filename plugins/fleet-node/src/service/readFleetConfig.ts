import { Config } from '@backstage/config';
import { resolve as resolvePath } from 'node:path';

/** Where the fleet repository is read from. */
export type FleetSourceConfig = {
  type: 'local';
  /** Absolute path of a directory or a local git work tree. */
  path: string;
};

/** The fleet configuration, validated. */
export interface FleetConfig {
  source: FleetSourceConfig;
}

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
  if (url) {
    throw new Error(
      `fleet.source.url (${url}) is not supported yet; use fleet.source.path with a local directory or git repository.`,
    );
  }
  if (!path) {
    throw new Error(
      'fleet.source.path is missing; set it to the fleet repository directory, e.g. "../../examples/fleet".',
    );
  }
  // Relative paths are taken from the backend's working directory, as
  // Backstage does for `catalog.locations` of type file.
  return { source: { type: 'local', path: resolvePath(path) } };
}
