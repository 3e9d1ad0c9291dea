/*
 * GitHub's REST and GraphQL endpoints that a pull-request publish uses,
 * emulated with msw and stateful enough to re-run against: branches, open
 * pull requests, the base branch's head and the files changed on it since
 * a planned revision. Every request is logged with the virtual time it
 * arrived and the number of requests in flight, so tests can count writes
 * per minute and per hour and catch concurrency.
 */
import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { SetupServer } from 'msw/node';
import type { PacerClock } from '../GithubWritePacer';
import type { LoggedRequest } from './githubLog';
import { BaseHistory } from './githubHistory';

export {
  type LoggedRequest,
  maxWritesIn,
  virtualClock,
  writesOf,
} from './githubLog';

/** The emulated repository. */
export const API = 'https://api.github.com';
const REPO = `${API}/repos/example-org/fleet`;

/** How the emulated GitHub behaves. */
export interface GithubScenario {
  /** The token may push (default true). */
  push?: boolean;
  /** Files changed on main since each known revision (default: none). */
  changedSince?: Record<string, string[]>;
  /** Revisions main lost to a force-push, with the files each changed on top of main-head. */
  aheadOf?: Record<string, string[]>;
  /** Branches that exist, with an open pull request or not. */
  branches?: Record<string, { openPull?: number }>;
  /** Answer the first `times` requests matching `match` with this status and headers. */
  limit?: {
    match: string;
    times: number;
    status: number;
    headers: Record<string, string>;
  };
  /** Status of GET /repos/{owner}/{repo} (e.g. 403: the token may not read it). */
  repoStatus?: number;
  /** Status of POST /pulls (e.g. 422). */
  pullStatus?: number;
  /** Status of POST /git/trees (e.g. 403: the token may read, not write). */
  treeStatus?: number;
}

/** Installs the emulation on `server`; returns its live state. */
export function emulateGithub(
  server: SetupServer,
  clock: PacerClock,
  s: GithubScenario = {},
) {
  const hooks: { name: string; fn: () => void; left: number }[] = [];
  const state = {
    log: [] as LoggedRequest[],
    refs: new Map<string, string>(
      Object.keys(s.branches ?? {}).map(b => [b, 'old']),
    ),
    pulls: [] as { head: string; base: string; title: string; body: string }[],
    trees: [] as { path: string; content?: string; sha?: string | null }[][],
    /** The `base_tree` of each tree created. */
    baseTrees: [] as (string | undefined)[],
    /** The `parents` of each commit created. */
    parents: [] as string[][],
    /** The revision each read of the base asked for: commits list, file probes. */
    reads: [] as string[],
    blobs: 0,
    /** The text of each blob created, by SHA. */
    blobText: new Map<string, string>(),
    commits: 0,
    main: new BaseHistory(s.changedSince, s.aheadOf),
    /** Runs `fn` once, right after the `nth` request named `name` is answered. */
    after(name: string, fn: () => void, nth = 1) {
      hooks.push({ name, fn, left: nth });
    },
  };
  let inFlight = 0;
  let limited = s.limit?.times ?? 0;
  const track =
    (
      name: string,
      answer: (req: Request, params: Record<string, any>) => Promise<Response>,
    ) =>
    async ({ request, params }: { request: Request; params: any }) => {
      inFlight++;
      const path = new URL(request.url).pathname;
      state.log.push({
        method: request.method,
        path,
        t: clock.now(),
        inFlight,
      });
      try {
        // yield, so that a concurrent client would show up as inFlight > 1
        await new Promise(r => setImmediate(r));
        if (s.limit && name.includes(s.limit.match) && limited-- > 0) {
          return HttpResponse.json(
            { message: 'You have exceeded a secondary rate limit.' },
            { status: s.limit.status, headers: s.limit.headers },
          );
        }
        return await answer(request, params);
      } finally {
        inFlight--;
        for (const hook of hooks)
          if (hook.name === name && --hook.left === 0) hook.fn();
      }
    };
  const json = (body: JsonBodyType, status = 200) =>
    HttpResponse.json(body, { status });
  server.use(
    http.get(
      REPO,
      track('GET repo', async () =>
        s.repoStatus
          ? json(
              { message: 'Resource not accessible by integration' },
              s.repoStatus,
            )
          : json({
              default_branch: 'main',
              permissions: { push: s.push ?? true },
            }),
      ),
    ),
    http.get(
      `${REPO}/pulls`,
      track('GET pulls', async req => {
        const head = new URL(req.url).searchParams.get('head')!.split(':')[1];
        const open = s.branches?.[head]?.openPull;
        return json(
          open
            ? [
                {
                  html_url: `https://github.com/example-org/fleet/pull/${open}`,
                },
              ]
            : [],
        );
      }),
    ),
    http.get(
      `${REPO}/compare/:basehead`,
      track('GET compare', async (_, { basehead }) => {
        const compared = state.main.compare(decodeURIComponent(basehead));
        if (!compared) return json({ message: 'Not Found' }, 404);
        return json({
          status: compared.status,
          files: compared.files.map(f => ({ filename: f, status: 'modified' })),
        });
      }),
    ),
    http.get(
      `${REPO}/git/ref/*`,
      track('GET ref', async req => {
        const branch = decodeURIComponent(req.url).split('/git/ref/heads/')[1];
        const sha = state.main.resolve(branch)?.sha ?? state.refs.get(branch);
        if (!sha) return json({ message: 'Not Found' }, 404);
        return json({ object: { type: 'commit', sha } });
      }),
    ),
    http.get(
      `${REPO}/commits`,
      track('GET commits', async req => {
        const sha = new URL(req.url).searchParams.get('sha') ?? 'main';
        state.reads.push(sha);
        const commit = state.main.resolve(sha);
        if (!commit) return json({ message: 'No commit found' }, 404);
        return json([
          { sha: commit.sha, commit: { tree: { sha: commit.tree } } },
        ]);
      }),
    ),
    http.head(
      `${REPO}/contents/*`,
      track('HEAD contents', async req => {
        state.reads.push(new URL(req.url).searchParams.get('ref') ?? 'main');
        return new HttpResponse(null);
      }),
    ),
    http.post(
      `${REPO}/git/blobs`,
      track('POST blob', async req => {
        const { content, encoding } = (await req.json()) as any;
        const sha = `blob-${++state.blobs}`;
        state.blobText.set(sha, Buffer.from(content, encoding).toString());
        return json({ sha }, 201);
      }),
    ),
    http.post(
      `${REPO}/git/trees`,
      track('POST tree', async req => {
        if (s.treeStatus)
          return json({ message: 'Resource not accessible' }, s.treeStatus);
        const body = (await req.json()) as any;
        state.trees.push(body.tree);
        state.baseTrees.push(body.base_tree);
        return json({ sha: `tree-${state.trees.length}` }, 201);
      }),
    ),
    http.post(
      `${REPO}/git/commits`,
      track('POST commit', async req => {
        state.parents.push(((await req.json()) as any).parents);
        return json({ sha: `commit-${++state.commits}` }, 201);
      }),
    ),
    http.post(
      `${API}/graphql`,
      track('POST graphql', async req => {
        const { head } = ((await req.json()) as any).variables;
        const open = s.branches?.[head]?.openPull;
        const url = `https://github.com/example-org/fleet/pull/${open}`;
        const edges = open ? [{ node: { id: 'PR', number: open, url } }] : [];
        return json({
          data: {
            repository: {
              ref: state.refs.has(head)
                ? { associatedPullRequests: { edges } }
                : null,
            },
          },
        });
      }),
    ),
    http.post(
      `${REPO}/git/refs`,
      track('POST ref', async req => {
        const { ref, sha } = (await req.json()) as any;
        const branch = ref.replace('refs/heads/', '');
        if (state.refs.has(branch))
          return json({ message: 'Reference already exists' }, 422);
        state.refs.set(branch, sha);
        return json({ ref }, 201);
      }),
    ),
    http.patch(
      `${REPO}/git/refs/*`,
      track('PATCH ref', async req => {
        state.refs.set(branchOf(req), ((await req.json()) as any).sha);
        return json({});
      }),
    ),
    http.delete(
      `${REPO}/git/refs/*`,
      track('DELETE ref', async req => {
        state.refs.delete(branchOf(req));
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    http.post(
      `${REPO}/pulls`,
      track('POST pull', async req => {
        if (s.pullStatus)
          return json({ message: 'Validation Failed' }, s.pullStatus);
        const pr = (await req.json()) as any;
        state.pulls.push({
          head: pr.head.split(':')[1],
          base: pr.base,
          title: pr.title,
          body: pr.body,
        });
        return json(
          {
            number: state.pulls.length,
            html_url: `https://github.com/example-org/fleet/pull/${state.pulls.length}`,
            base: { ref: 'main' },
          },
          201,
        );
      }),
    ),
  );
  return state;
}

/** The branch of a `/git/refs/heads/<branch>` URL, however Octokit encoded it. */
function branchOf(req: Request): string {
  const path = decodeURIComponent(new URL(req.url).pathname);
  return path.split('/git/refs/heads/')[1];
}
