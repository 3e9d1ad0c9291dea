/*
 * A fleet repository on any host the backend's integrations read (GitHub,
 * GitLab, Bitbucket, Azure DevOps, Gerrit…), through UrlReaderService.readTree.
 * The ETag of the last read is sent with the next one, so an unchanged
 * repository costs one request and no download (NotModifiedError), as the
 * catalog's own location readers do.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { snapshotFromFiles, type Snapshot } from '../../engine';
import type { FleetSource, SourcePoll } from './types';

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
    this.description = `url:${url}`;
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
      throw e;
    }
    const files: Array<[string, string]> = [];
    for (const file of await response.files()) {
      const content = await file.content();
      // the size bound of the local loaders; a URL tree has no symlinks to follow
      if (content.length <= this.#maxFileBytes)
        files.push([file.path, content.toString('utf8')]);
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
