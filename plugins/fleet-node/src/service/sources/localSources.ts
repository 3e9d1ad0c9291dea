/*
 * Local sources: a git repository read at a committed revision of a branch
 * (never its working tree, as Flux reads a commit), or a plain directory.
 */
import { stat } from 'node:fs/promises';
import { NotFoundError } from '@backstage/errors';
import { loadLocalSnapshot, type Snapshot } from '../../engine';
import { gitResolveCommit } from '../../engine/loader/gitCommands';
import { readRefFromFiles } from '../../engine/loader/readRef';
import { loadGitSnapshot } from '../../engine/loader/loadGitSnapshot';
import type { FleetSource, SourcePoll } from './types';

/** Options shared by the local sources. */
export interface LocalSourceOptions {
  /** Files over this many bytes are reported and not read. */
  maxFileBytes: number;
  /** Files of one directory past this many bytes are reported and not read. Default: 64 MB. */
  maxDirectoryBytes?: number;
  /** Files past this many bytes in all are reported and not read. Default: 256 MB. */
  maxRepositoryBytes?: number;
}

/** A local git repository at the tip of `branch`. */
export class GitFleetSource implements FleetSource {
  readonly description: string;
  readonly localRepository: { path: string; branch: string };
  readonly #options: LocalSourceOptions;

  constructor(path: string, branch: string, options: LocalSourceOptions) {
    this.localRepository = { path, branch };
    this.description = `git:${path}@${branch}`;
    this.#options = options;
  }

  async poll(current: string | null): Promise<SourcePoll> {
    const { path, branch } = this.localRepository;
    // the ref files (else one `git rev-parse`): an unchanged branch costs nothing more
    const revision =
      (await readRefFromFiles(path, branch)) ??
      (await gitResolveCommit(path, branch));
    if (!revision) {
      throw new NotFoundError(
        `The fleet repository ${path} has no commit at ${branch}`,
      );
    }
    if (revision === current) return { changed: false, revision };
    return {
      changed: true,
      revision,
      job: {
        kind: 'git',
        dir: path,
        rev: revision,
        ...sizeLimits(this.#options),
      },
    };
  }

  snapshot(revision: string | null): Promise<Snapshot> {
    return loadGitSnapshot(
      this.localRepository.path,
      revision ?? this.localRepository.branch,
      sizeLimits(this.#options),
    );
  }
}

/**
 * A plain directory. It has no revision, so every poll is a job; the worker
 * compares the content with the last read and resolves only when it changed.
 */
export class DirectoryFleetSource implements FleetSource {
  readonly description: string;
  readonly #path: string;
  readonly #options: LocalSourceOptions;

  constructor(path: string, options: LocalSourceOptions) {
    this.#path = path;
    this.description = `dir:${path}`;
    this.#options = options;
  }

  async poll(): Promise<SourcePoll> {
    const info = await stat(this.#path).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new NotFoundError(
        `The fleet repository ${
          this.#path
        } does not exist or is not a directory`,
      );
    }
    return {
      changed: true,
      revision: null,
      job: {
        kind: 'directory',
        path: this.#path,
        ...sizeLimits(this.#options),
      },
    };
  }

  snapshot() {
    return loadLocalSnapshot(this.#path, {
      ...sizeLimits(this.#options),
      readRevision: false,
    });
  }
}

/** The size bounds of `options`, as the loaders and the worker's jobs take them. */
function sizeLimits(options: LocalSourceOptions) {
  const { maxFileBytes, maxDirectoryBytes, maxRepositoryBytes } = options;
  return { maxFileBytes, maxDirectoryBytes, maxRepositoryBytes };
}
