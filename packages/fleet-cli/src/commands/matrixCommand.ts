/*
 * `fleet matrix --repo <dir> [--json]`: what runs where.
 */
import {
  resolveFleet,
  toMatrix,
  type ExplicitCluster,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import type { Io } from '../io';
import { loadRepo } from '../loadRepo';
import { formatMatrixTable } from '../formatMatrixTable';

/**
 * Prints the FleetMatrix as JSON (the contract of DESIGN.md), or a table
 * with clusters as columns. A matrix is a report: problems are part of it,
 * so the exit status is 0 whenever the repository could be read.
 */
export async function matrixCommand(
  io: Io,
  args: { repo: string; json: boolean; clusters?: ExplicitCluster[] },
): Promise<number> {
  const snapshot = await loadRepo(io.cwd, args.repo);
  const matrix = toMatrix(resolveFleet(snapshot, { clusters: args.clusters }));
  io.stdout(
    args.json
      ? `${JSON.stringify(matrix, null, 2)}\n`
      : formatMatrixTable(matrix),
  );
  return 0;
}
