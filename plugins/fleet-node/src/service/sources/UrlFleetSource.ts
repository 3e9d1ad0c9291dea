/*
 * A fleet repository on any host the backend's integrations read (GitHub,
 * GitLab, Bitbucket, Azure DevOps, Gerrit…), through UrlReaderService.readTree.
 * The ETag of the last read is sent with the next one, so an unchanged
 * repository costs one request and no download (NotModifiedError), as the
 * catalog's own location readers do.
 *
 * Every read carries an AbortSignal (readTree's `signal`, "passed down to
 * the underlying request": the readers of backend-defaults hand it to
 * fetch), aborted when the archive crosses the repository bound, so the
 * download stops there instead of running to the archive's end with every
 * entry refused, and after a time limit, so a host that stops sending
 * cannot hold the refresh.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError, NotAllowedError } from '@backstage/errors';
import { snapshotFromFiles, type Problem, type Snapshot } from '../../engine';
import { SizeBudget, type SizeLimits } from '../../engine/loader/sizeBudget';
import type { FleetSource, SourcePoll } from './types';

/** `url` without its user info: a token in the URL goes to no log, status or error. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '<invalid URL>';
  }
}

// Backstage's readers refuse a host without an integration (NotAllowedError,
// suggesting backend.reading.allow), and the fetch reader that
// backend.reading.allow enables cannot read trees
const NO_TREE_READER = /is not allowed|does not implement readTree/;

/** How long one read of the tree may take by default: the refresh task's default timeout. */
export const DEFAULT_URL_READ_TIMEOUT_MS = 5 * 60_000;

/** Options of {@link UrlFleetSource} beyond the size bounds. */
export interface UrlFleetSourceOptions {
  /** Longest time one read (the request and the whole archive) may take. Default {@link DEFAULT_URL_READ_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/** A fleet repository read by URL (`https://github.com/o/r/tree/main`). */
export class UrlFleetSource implements FleetSource {
  readonly description: string;
  readonly #url: string;
  readonly #reader: () => UrlReaderService;
  readonly #limits: Partial<SizeLimits>;
  readonly #timeoutMs: number;
  #files?: {
    revision: string;
    files: Array<[string, string]>;
    problems: Problem[];
  };

  /**
   * @param reader - returns the backend's UrlReaderService; a function so
   *   that the reader of whichever plugin first uses the service can be set later
   * @param limits - the size bounds of the local loaders (`fleet.resolve.max*Bytes`);
   *   left out, their defaults
   */
  constructor(
    url: string,
    reader: () => UrlReaderService,
    limits: Partial<SizeLimits> = {},
    options: UrlFleetSourceOptions = {},
  ) {
    this.#url = url;
    this.#reader = reader;
    this.#limits = limits;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_URL_READ_TIMEOUT_MS;
    this.description = `url:${withoutCredentials(url)}`;
  }

  async poll(current: string | null): Promise<SourcePoll> {
    // the bounds are charged from each archive entry's header, before its
    // content is buffered (readTree's `filter`), as the local loaders charge
    // a file's size before reading it
    const budget = new SizeBudget(this.#limits);
    const problems: Problem[] = [];
    const charged = new Set<string>();
    const overBound = new AbortController();
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let overRepository: string | undefined;
    const admit = (path: string, size: number): boolean => {
      if (overRepository) return false;
      const refused = budget.refuse(path, size);
      if (refused?.bound === 'repository') {
        overRepository = refused.message;
        overBound.abort();
      } else if (refused) problems.push(tooLarge(path, refused.message));
      return refused === undefined;
    };
    const files: Array<[string, string]> = [];
    let etag = '';
    const read = async () => {
      const response = await this.#reader().readTree(this.#url, {
        ...(current ? { etag: current } : {}),
        signal: AbortSignal.any([overBound.signal, timeout]),
        filter: (path, info) => {
          if (info?.size === undefined) return !overRepository;
          charged.add(repoPath(path));
          return admit(repoPath(path), info.size);
        },
      });
      etag = response.etag;
      for (const file of await response.files()) {
        const path = repoPath(file.path);
        const content = await file.content();
        // a reader that gave no size to the filter is charged once read
        if (charged.has(path) || admit(path, content.length))
          files.push([path, content.toString('utf8')]);
      }
    };
    try {
      // raced as well: a reader's own requests before the download (GitHub's
      // commit status, a repository's default branch) are sent without the signal
      await Promise.race([read(), rejectOnAbort(timeout)]);
    } catch (e) {
      if (isError(e) && e.name === 'NotModifiedError') {
        return { changed: false, revision: current };
      }
      if (isError(e) && NO_TREE_READER.test(e.message)) {
        throw new NotAllowedError(
          `fleet.source.url ${withoutCredentials(
            this.#url,
          )} is on a host no integration reads repositories from: configure one for its host under integrations (github, gitlab, bitbucketCloud, azure, gerrit, …); backend.reading.allow is not enough, it allows single files only`,
        );
      }
      if (timeout.aborted) {
        throw new Error(
          `fleet.source.url ${withoutCredentials(
            this.#url,
          )}: no complete tree within ${
            this.#timeoutMs < 1000
              ? `${this.#timeoutMs} ms`
              : `${Math.round(this.#timeoutMs / 1000)} s`
          } (fleet.source.timeout), the read was stopped; keeping the last good model`,
        );
      }
      // the abort of the bound surfaces as the download's AbortError
      if (!overRepository) throw e;
    }
    // past the repository bound the tree is not a fleet the service may
    // apply in part: as a failed read, the last good model stays
    if (overRepository) {
      throw new Error(
        `fleet.source.url ${withoutCredentials(
          this.#url,
        )}: the tree read at ${etag} is larger than fleet.resolve.maxRepositoryBytes allows, so it was not read further (${overRepository}); keeping the last good model`,
      );
    }
    // a repository has files: an empty tree is a body that was no archive
    // (a proxy's or host's error page answered 200), not a fleet with nothing
    if (files.length === 0) {
      throw new Error(
        `fleet.source.url ${withoutCredentials(
          this.#url,
        )}: the tree read at ${etag} holds no files; keeping the last good model`,
      );
    }
    this.#files = { revision: etag, files, problems };
    return {
      changed: true,
      revision: etag,
      job: { kind: 'files', revision: etag, files, problems },
    };
  }

  async snapshot(revision: string | null): Promise<Snapshot> {
    if (!this.#files || this.#files.revision !== revision) {
      await this.poll(null);
    }
    const snapshot = snapshotFromFiles(
      Object.fromEntries(this.#files!.files),
      this.#files!.revision,
    );
    return { ...snapshot, problems: [...this.#files!.problems] };
  }
}

/** A promise that rejects when `signal` aborts, and never settles before. */
function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener('abort', () => reject(signal.reason), {
      once: true,
    }),
  );
}

/** A path of the tree as a repository path (no leading `./` or `/`), as snapshotFromFiles. */
function repoPath(path: string): string {
  return path.replace(/^(\.\/|\/)+/, '');
}

function tooLarge(file: string, message: string): Problem {
  return {
    severity: 'error',
    rule: 'file-too-large',
    cluster: null,
    file,
    line: null,
    message,
  };
}
