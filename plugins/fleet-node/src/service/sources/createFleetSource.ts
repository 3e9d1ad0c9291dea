import { realpath } from 'node:fs/promises';
import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { git } from '../../engine/loader/gitCommands';
import type { FleetConfig } from '../readFleetConfig';
import { DirectoryFleetSource, GitFleetSource } from './localSources';
import { prepareEmbeddedRepository } from './prepareEmbeddedRepository';
import type { FleetSource } from './types';
import { UrlFleetSource } from './UrlFleetSource';

/**
 * The source `config` describes:
 * - `fleet.source.url`: read through the backend's UrlReaderService;
 * - `fleet.source.path` at the top of a git repository: its `branch` (default
 *   the checked-out one), committed revisions only;
 * - any other directory with `embedded: true`: copied once into a git
 *   repository under `fleet.dataDir`, read like the above;
 * - any other directory: read as it is on disk.
 */
export async function createFleetSource(options: {
  config: FleetConfig;
  logger: LoggerService;
  urlReader: () => UrlReaderService;
}): Promise<FleetSource> {
  const { config, logger } = options;
  const { source } = config;
  // fleet.resolve.max*Bytes: the same bounds for every kind of source
  const { maxFileBytes, maxDirectoryBytes, maxRepositoryBytes } =
    config.resolve;
  const limits = { maxFileBytes, maxDirectoryBytes, maxRepositoryBytes };
  if (source.type === 'url') {
    return new UrlFleetSource(source.url, options.urlReader, limits, {
      timeoutMs: source.timeoutMs,
    });
  }
  if (await isRepositoryRoot(source.path)) {
    const branch = source.branch ?? (await currentBranch(source.path));
    return new GitFleetSource(source.path, branch, limits);
  }
  if (source.branch) {
    throw new Error(
      `fleet.source.branch is set but fleet.source.path ${source.path} is not the top of a git repository.`,
    );
  }
  if (source.embedded) {
    const repo = await prepareEmbeddedRepository({
      sourceDir: source.path,
      dataDir: config.dataDir,
      logger,
    });
    return new GitFleetSource(repo.path, repo.branch, limits);
  }
  return new DirectoryFleetSource(source.path, limits);
}

// a directory inside another repository (examples/fleet in this project) is not one
async function isRepositoryRoot(dir: string): Promise<boolean> {
  try {
    const real = await realpath(dir);
    if (
      (await git(real, ['rev-parse', '--is-bare-repository']))
        .toString()
        .trim() === 'true'
    ) {
      return true;
    }
    const top = (await git(real, ['rev-parse', '--show-toplevel']))
      .toString()
      .trim();
    return (await realpath(top)) === real;
  } catch {
    return false;
  }
}

async function currentBranch(dir: string): Promise<string> {
  const name = (
    await git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() =>
      Buffer.from(''),
    )
  )
    .toString()
    .trim();
  // a detached HEAD is read as HEAD: whatever commit is checked out
  return name || 'HEAD';
}
