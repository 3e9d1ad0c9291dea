/*
 * The load generator of `yarn bench:api`, run in a child process of its
 * own so that the 50 clients' parsing does not share the event loop (and
 * the CPU figure) of the backend they measure. Started by benchApi.ts with
 * fork(); reads its job from argv, sends the latencies back over IPC.
 * Each client is a keep-alive loop: a request, its whole answer, the next.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** What benchApi.ts asks of this process. */
export interface LoadJob {
  port: number;
  route: string;
  headers: Record<string, string>;
  expectStatus: number;
  clients: number;
  seconds: number;
}

/** What this process answers. */
export interface LoadResult {
  latencies: number[];
  /** Count of each unexpected status (0: a socket error). */
  errors: Record<string, number>;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
  const once = () =>
    new Promise<number>(resolve => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port: job.port,
          path: job.route,
          agent,
          headers: job.headers,
        },
        res => {
          res.on('data', () => undefined);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('error', () => resolve(0));
    });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const until = performance.now() + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: job.clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const status = await once();
        latencies.push(performance.now() - t0);
        if (status !== job.expectStatus)
          errors[status] = (errors[status] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  return { latencies, errors };
}

const job = JSON.parse(process.argv[2]) as LoadJob;
run(job).then(result => {
  process.send!(result, () => process.exit(0));
});
