/*
 * The Octokit client fleet:publish:github hands to Backstage's own
 * publish:github:pull-request handler (its `clientFactory` option). Two
 * changes to the client Backstage builds by default:
 *
 * - every request goes through the shared GithubWritePacer (serial, spaced,
 *   rate limits waited out), with Octokit's retry plugin off so a write is
 *   never retried behind the pacer's back;
 * - text files go into the tree inline. Backstage sends every file as
 *   base64, and octokit-plugin-create-pull-request creates one blob (a
 *   content-generating POST) per base64 file before the tree: a 300-file
 *   promotion was 300 writes, past GitHub's 80 a minute. Inline UTF-8
 *   content makes it one tree and one commit (value-to-tree-object.js:
 *   "UTF-8 files can be treated as text files"). Binary files keep their blob.
 */
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { getOctokitOptions } from '@backstage/plugin-scaffolder-backend-module-github';
import { Octokit } from 'octokit';
import { createPullRequest } from 'octokit-plugin-create-pull-request';
import type { GithubWritePacer } from './GithubWritePacer';

/** The client: Octokit with the plugin's `createPullRequest`. */
export type FleetGithubClient = Octokit & {
  createPullRequest(options: {
    changes: { files?: Record<string, unknown> }[];
  }): Promise<unknown>;
};

const OctokitWithPullRequest: new (
  options: ConstructorParameters<typeof Octokit>[0],
) => FleetGithubClient = Octokit.plugin(createPullRequest) as any;

/** A file of `changes.files` as Backstage's action passes it. */
type FileChange = { mode?: string; encoding?: string; content?: string };

/** `value` with base64 text turned into inline UTF-8; binary left as a blob. */
export function inlineText(value: unknown): unknown {
  const file = value as FileChange;
  if (!file || typeof file !== 'object' || file.encoding !== 'base64')
    return value;
  const bytes = Buffer.from(file.content ?? '', 'base64');
  const text = bytes.toString('utf8');
  // round-trips only when the bytes are valid UTF-8: anything else stays a blob
  if (!Buffer.from(text, 'utf8').equals(bytes)) return value;
  return { ...file, encoding: 'utf-8', content: text };
}

/**
 * Builds the paced client for one repository. `onRequest` sees every request
 * that succeeded (method, URL template, parameters), so the caller knows
 * what the run wrote.
 */
export async function createFleetGithubClient(options: {
  integrations: ScmIntegrationRegistry;
  host: string;
  owner: string;
  repo: string;
  token?: string;
  pacer: GithubWritePacer;
  /**
   * Sees every request before it is queued (method, URL template, mutable
   * parameters), and may refuse it by throwing; outside the pacer's queue,
   * so it may make requests of its own.
   */
  beforeRequest?: (
    method: string,
    url: string,
    params: Record<string, unknown>,
  ) => Promise<void>;
  onRequest?: (method: string, url: string, params: object) => void;
}): Promise<FleetGithubClient> {
  const octokitOptions = await getOctokitOptions({
    integrations: options.integrations,
    host: options.host,
    owner: options.owner,
    repo: options.repo,
    token: options.token,
  });
  const client = new OctokitWithPullRequest({
    ...octokitOptions,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  client.hook.wrap('request', async (request, params) => {
    await options.beforeRequest?.(params.method, params.url, params);
    const response = await options.pacer.run(params.method, params.url, () =>
      Promise.resolve(request(params)),
    );
    options.onRequest?.(params.method, params.url, params);
    return response;
  });
  const create = client.createPullRequest.bind(client);
  client.createPullRequest = async pr =>
    create({
      ...pr,
      changes: pr.changes.map(change => ({
        ...change,
        files: change.files
          ? Object.fromEntries(
              Object.entries(change.files).map(([path, value]) => [
                path,
                inlineText(value),
              ]),
            )
          : undefined,
      })),
    });
  return client;
}
