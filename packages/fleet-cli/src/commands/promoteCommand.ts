/*
 * `fleet promote --repo <dir> --app <name> --to <c>[,<c>] [--strategy s] [--enforce] [--dry-run]`:
 * plans a promotion with the same planner as the scaffolder action and the
 * preview route, then edits the repository's files in place (it does not
 * commit). A refused promotion writes nothing and exits 1 with the reason.
 * `--app` may name a Kyverno policy: it moves to the smallest set reaching
 * the targets and, with `--enforce`, from Audit to Enforce, as the planner
 * does for `fleet:promote`'s `enforce`. Clusters named by `--cluster-path`
 * are resolved, and the planned change verified, the same way.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type {
  PromotionClusterChange,
  PromotionStrategy,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  BuildCache,
  resolveFleet,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import {
  describeObject,
  isPromotionInputError,
  planPromotion,
} from '@flux-fleet/backstage-plugin-fleet-node/promotion';
import type { ExplicitCluster } from '@flux-fleet/backstage-plugin-fleet-node/engine';
import { InputError, UsageError } from '../errors';
import type { Io } from '../io';
import { existingDir, loadRepo } from '../loadRepo';

const STRATEGIES = ['reference', 'overlay', 'common'];
const DONE = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
} as const;

/** Arguments of {@link promoteCommand}. */
export interface PromoteArgs {
  repo: string;
  app: string;
  /** Comma-separated target clusters. */
  to: string;
  from?: string;
  strategy?: string;
  remove: boolean;
  /** A Kyverno policy also switches from Audit to Enforce (`--enforce`). */
  enforce?: boolean;
  dryRun: boolean;
  /** Clusters named on the command line (`--cluster-path`). */
  clusters?: ExplicitCluster[];
}

/** Per-cluster changes as indented text lines. */
export function formatClusterChanges(
  clusters: PromotionClusterChange[],
): string {
  const lines: string[] = [];
  for (const c of clusters) {
    lines.push(
      `${c.cluster}: ${c.added.length} added, ${c.changed.length} changed, ${c.removed.length} removed`,
    );
    for (const o of c.added) lines.push(`  + ${describeObject(o)}`);
    for (const o of c.changed) lines.push(`  ~ ${describeObject(o)}`);
    for (const o of c.removed) lines.push(`  - ${describeObject(o)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Plans and (unless `dryRun`) applies the promotion; resolves to the exit status. */
export async function promoteCommand(
  io: Io,
  args: PromoteArgs,
): Promise<number> {
  if (args.strategy && !STRATEGIES.includes(args.strategy)) {
    throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}`);
  }
  const to = args.to
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (to.length === 0)
    throw new UsageError('promote needs --to <cluster>[,<cluster>]');
  const root = await existingDir(io.cwd, args.repo, 'repository');
  const snapshot = await loadRepo(io.cwd, args.repo);
  const cache = new BuildCache();
  const scope = { clusters: args.clusters };
  const model = resolveFleet(snapshot, { ...scope, cache });
  let plan;
  try {
    plan = planPromotion(
      snapshot,
      {
        app: args.app,
        to,
        from: args.from,
        remove: args.remove,
        enforce: args.enforce,
        strategy: args.strategy as PromotionStrategy | undefined,
      },
      { model, cache, scope },
    );
  } catch (e) {
    if (isPromotionInputError(e)) throw new InputError(e.message);
    throw e;
  }
  if (plan.refused) {
    io.stderr(
      `fleet: promotion refused, nothing was changed: ${plan.refused}\n`,
    );
    return 1;
  }
  for (const w of plan.warnings) io.stderr(`warning: ${w}\n`);
  if (plan.files.length === 0) {
    io.stdout(
      `Nothing to change: ${plan.title.toLowerCase()} is already done.\n`,
    );
    return 0;
  }
  io.stdout(
    `${plan.title} (strategy ${plan.strategy}: ${plan.strategyReason})\n`,
  );
  for (const c of plan.carried) io.stdout(`carried: ${c}\n`);
  if (args.dryRun) {
    io.stdout(`\n${plan.diff}\n${formatClusterChanges(plan.clusters)}`);
    io.stdout('Dry run: nothing was written.\n');
    return 0;
  }
  for (const f of plan.files) {
    const abs = path.resolve(root, f.path);
    if (!abs.startsWith(root + path.sep))
      throw new InputError(
        `refusing to write outside the repository: ${f.path}`,
      );
    if (f.action === 'delete') {
      await fs.rm(abs, { force: true });
      // as git: a directory left empty is gone
      await fs.rmdir(path.dirname(abs)).catch(() => undefined);
    } else {
      await fs.mkdir(path.dirname(abs), { recursive: true });
      await fs.writeFile(abs, f.after!);
    }
    io.stdout(`${DONE[f.action]} ${f.path}\n`);
  }
  io.stdout(`\n${formatClusterChanges(plan.clusters)}`);
  return 0;
}
