/*
 * `fleet diff --repo <dir> --base <rev> [--head <rev>] [--format text|json|markdown]`:
 * what every cluster gains, changes and loses between two revisions — the
 * blast radius of a pull request, for a fleet repository's own CI to post.
 * Both revisions are resolved with one build cache, so the second resolve
 * rebuilds only the clusters that read a changed file.
 */
import type {
  ExplicitCluster,
  Problem,
  Snapshot,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import {
  BuildCache,
  gitWorkTreePrefix,
  loadGitSnapshot,
  resolveFleet,
} from '@flux-fleet/backstage-plugin-fleet-node/engine';
import {
  clusterChangesMarkdown,
  objectChanges,
} from '@flux-fleet/backstage-plugin-fleet-node/promotion';
import { InputError, UsageError } from '../errors';
import type { Io } from '../io';
import { existingDir, formatProblem, loadRepo } from '../loadRepo';
import { formatClusterChanges } from './promoteCommand';

const FORMATS = ['text', 'json', 'markdown'];

/** Arguments of {@link diffCommand}. */
export interface DiffArgs {
  repo: string;
  base: string;
  /** Default: the working tree (uncommitted edits included). */
  head?: string;
  format?: string;
  /** Clusters named on the command line (`--cluster-path`), for both revisions. */
  clusters?: ExplicitCluster[];
}

/**
 * The repository directory `dir` (the top of a git work tree or a directory
 * inside one) at the commit `rev`, read from git's object store as the
 * service reads a local repository.
 */
async function gitSnapshot(dir: string, rev: string): Promise<Snapshot> {
  try {
    return await loadGitSnapshot(dir, rev, {
      prefix: await gitWorkTreePrefix(dir),
    });
  } catch (e) {
    // not a git work tree, or a revision that names no commit: the user's input
    throw new InputError((e as Error).message);
  }
}

// a problem is the same across revisions by rule, cluster, file and wording without numbers
const keyOf = (p: Problem) =>
  `${p.rule}|${p.cluster}|${p.file}|${p.message.replace(/\d+/g, '#')}`;

/** Prints the per-cluster changes; exit 1 when the head revision adds error problems. */
export async function diffCommand(io: Io, args: DiffArgs): Promise<number> {
  const format = args.format ?? 'text';
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const dir = await existingDir(io.cwd, args.repo, 'repository');
  // the two reads wait on git and the disk: read both at once
  const [base, head] = await Promise.all([
    gitSnapshot(dir, args.base),
    args.head ? gitSnapshot(dir, args.head) : loadRepo(io.cwd, args.repo),
  ]);
  const cache = new BuildCache();
  const before = resolveFleet(base, { cache, clusters: args.clusters });
  const after = resolveFleet(head, { cache, clusters: args.clusters });
  if (after.clusters.length === 0)
    throw new InputError(
      `no cluster found in ${args.repo} at ${args.head ?? 'the working tree'}`,
    );
  const clusters = objectChanges(
    before,
    after,
    after.clusters.map(c => c.name),
  );
  const known = new Set(before.problems.map(keyOf));
  const introduced = after.problems.filter(p => !known.has(keyOf(p)));
  const headName = args.head ?? 'working tree';
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        {
          base: base.revision,
          head: head.revision,
          clusters,
          problemsIntroduced: introduced,
        },
        null,
        2,
      )}\n`,
    );
  } else if (format === 'markdown') {
    const rows = clusters.map(
      c =>
        `| ${c.cluster} | ${c.added.length} | ${c.changed.length} | ${c.removed.length} |`,
    );
    const lines = [
      `## Fleet blast radius: \`${args.base}\` → \`${headName}\``,
      '',
      '| Cluster | Added | Changed | Removed |',
      '| --- | ---: | ---: | ---: |',
      ...rows,
      '',
      ...clusterChangesMarkdown(
        clusters.filter(
          c => c.added.length + c.changed.length + c.removed.length > 0,
        ),
      ),
    ];
    if (introduced.length > 0) {
      lines.push(
        '### Problems introduced',
        '',
        ...introduced.map(p => `- ${formatProblem(p)}`),
        '',
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
  } else {
    io.stdout(`${args.base} → ${headName}\n${formatClusterChanges(clusters)}`);
    for (const p of introduced) io.stdout(`new ${formatProblem(p)}\n`);
  }
  return introduced.some(p => p.severity === 'error') ? 1 : 0;
}
