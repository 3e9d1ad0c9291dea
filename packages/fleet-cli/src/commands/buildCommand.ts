/*
 * `fleet build --repo <dir> --cluster <name>`: everything Flux would apply
 * to one cluster, in resolution order (root Kustomization first, then each
 * followed Flux Kustomization in the order the tree declares them).
 */
import {
  renderYamlStream,
  resolveFleet,
  type ExplicitCluster,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import type { Io } from '../io';
import { formatProblem, loadRepo } from '../loadRepo';

/** Prints the cluster's objects as YAML; its problems go to stderr. Exit 1 on any error, 2 for an unknown cluster. */
export async function buildCommand(
  io: Io,
  args: { repo: string; cluster: string; clusters?: ExplicitCluster[] },
): Promise<number> {
  const snapshot = await loadRepo(io.cwd, args.repo);
  const model = resolveFleet(snapshot, { clusters: args.clusters });
  const names = model.clusters.map(c => c.name);
  if (!names.includes(args.cluster)) {
    io.stderr(
      `fleet: cluster '${args.cluster}' not found in ${args.repo} (clusters: ${
        names.join(', ') || 'none'
      })\n`,
    );
    return 2;
  }
  const objects = model.objects
    .filter(o => o.cluster === args.cluster)
    .map(o => o.object);
  const problems = model.problems.filter(
    p => p.cluster === args.cluster || p.cluster === null,
  );
  io.stdout(renderYamlStream(objects));
  for (const p of problems) io.stderr(`${formatProblem(p)}\n`);
  return problems.some(
    p => p.severity === 'error' && p.cluster === args.cluster,
  )
    ? 1
    : 0;
}
