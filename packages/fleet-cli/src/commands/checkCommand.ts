/*
 * `fleet check --repo <dir> [--json]`: the fleet's rule violations.
 */
import {
  resolveFleet,
  toMatrix,
  type ExplicitCluster,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import type { Io } from '../io';
import { formatProblem, loadRepo, summarize } from '../loadRepo';

/**
 * Prints every problem (one per line, or `{ revision, problems }` as JSON).
 * Exit 1 when any problem has severity error.
 */
export async function checkCommand(
  io: Io,
  args: { repo: string; json: boolean; clusters?: ExplicitCluster[] },
): Promise<number> {
  const snapshot = await loadRepo(io.cwd, args.repo);
  const matrix = toMatrix(resolveFleet(snapshot, { clusters: args.clusters }));
  if (args.json) {
    io.stdout(
      `${JSON.stringify(
        { revision: matrix.revision, problems: matrix.problems },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const p of matrix.problems) io.stdout(`${formatProblem(p)}\n`);
    io.stdout(`${summarize(matrix.problems)}\n`);
  }
  return matrix.problems.some(p => p.severity === 'error') ? 1 : 0;
}
