/*
 * A fleet repository on any host the backend's integrations read (GitHub,
 * GitLab, Bitbucket, Azure DevOps, Gerrit…), through UrlReaderService.readTree.
 * The ETag of the last read is sent with the next one, so an unchanged
 * repository costs one request and no download (NotModifiedError), as the
 * catalog's own location readers do.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError, NotAllowedError } from '@backstage/errors';
import { snapshotFromFiles, type Snapshot } from '../../engine';
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

/** A fleet repository read by URL (`https://github.com/o/r/tree/main`). */
export class UrlFleetSource implements FleetSource {
  readonly description: string;
  readonly #url: string;
  readonly #reader: () => UrlReaderService;
  readonly #maxFileBytes: number;
  #files?: { revision: string; files: Array<[string, string]> };

  /**
   * @param reader - returns the backend's UrlReaderService; a function so
   *   that the reader of whichever plugin first uses the service can be set later
   */
  constructor(
    url: string,
    reader: () => UrlReaderService,
    options: { maxFileBytes: number },
  ) {
    this.#url = url;
    this.#reader = reader;
    this.#maxFileBytes = options.maxFileBytes;
    this.description = `url:${withoutCredentials(url)}`;
  }

  async poll(current: string | null): Promise<SourcePoll> {
    let response;
    try {
      response = await this.#reader().readTree(
        this.#url,
        current ? { etag: current } : {},
      );
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
      throw e;
    }
    const files: Array<[string, string]> = [];
    for (const file of await response.files()) {
      const content = await file.content();
      // the size bound of the local loaders; a URL tree has no symlinks to follow
      if (content.length <= this.#maxFileBytes)
        files.push([file.path, content.toString('utf8')]);
    }
    // a repository has files: an empty tree is a body that was no archive
    // (a proxy's or host's error page answered 200), not a fleet with nothing
    if (files.length === 0) {
      throw new Error(
        `fleet.source.url ${withoutCredentials(this.#url)}: the tree read at ${
          response.etag
        } holds no files; keeping the last good model`,
      );
    }
    this.#files = { revision: response.etag, files };
    return {
      changed: true,
      revision: response.etag,
      job: { kind: 'files', revision: response.etag, files },
    };
  }

  async snapshot(revision: string | null): Promise<Snapshot> {
    if (!this.#files || this.#files.revision !== revision) {
      await this.poll(null);
    }
    return snapshotFromFiles(
      Object.fromEntries(this.#files!.files),
      this.#files!.revision,
    );
  }
}
