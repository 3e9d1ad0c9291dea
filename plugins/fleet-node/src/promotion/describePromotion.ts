/*
 * The words of a promotion: the unified diff of its files, and a pull-request
 * title and body that state the blast radius (per cluster the objects added,
 * changed and removed; the dependencies carried; the strategy and why).
 * Objects are named by kind, namespace and name only: no Secret value ever
 * reaches a pull request.
 */
import { createTwoFilesPatch } from 'diff';
import { mayHoldSecretData } from '@flux-fleet/backstage-plugin-fleet-common';
import type {
  PromotionClusterChange,
  PromotionFileChange,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { describeObject } from './objectChanges';

// a file that may carry Secret values is named in the diff, its content is not
// (the same test as the preview route's, so every reader of a plan agrees)
const holdsSecrets = (f: PromotionFileChange) =>
  mayHoldSecretData(`${f.before ?? ''}\n${f.after ?? ''}`);

/**
 * The unified diff of `files`, git style (`a/…`, `b/…`, `/dev/null` for
 * created and deleted files). A file that holds Secret data (a Secret, a
 * `secretGenerator`, `stringData`) is named, its content withheld: the
 * overlay strategy copies an overlay's Secret files, and the diff is shown
 * in the scaffolder's task output and printed by `fleet promote --dry-run`.
 *
 * @public
 */
export function unifiedDiff(files: PromotionFileChange[]): string {
  return files
    .map(f =>
      holdsSecrets(f)
        ? `# ${f.action} ${f.path}: content withheld (it holds Secret data)\n`
        : createTwoFilesPatch(
            f.action === 'create' ? '/dev/null' : `a/${f.path}`,
            f.action === 'delete' ? '/dev/null' : `b/${f.path}`,
            f.before ?? '',
            f.after ?? '',
            undefined,
            undefined,
            { context: 3 },
          ).replace(/^=+\n/, ''),
    )
    .join('');
}

/**
 * Markdown lines of the per-cluster changes (shared with `fleet diff --format markdown`).
 *
 * @public
 */
export function clusterChangesMarkdown(
  clusters: PromotionClusterChange[],
): string[] {
  const lines: string[] = [];
  for (const c of clusters) {
    const count = c.added.length + c.changed.length + c.removed.length;
    lines.push(`### ${c.cluster}${count === 0 ? ' — no change' : ''}`);
    for (const [label, items] of [
      ['Added', c.added],
      ['Changed', c.changed],
      ['Removed', c.removed],
    ] as const) {
      if (items.length === 0) continue;
      lines.push('', `${label} (${items.length}):`);
      for (const o of items.slice(0, 50))
        lines.push(`- \`${describeObject(o)}\``);
      if (items.length > 50) lines.push(`- … and ${items.length - 50} more`);
    }
    lines.push('');
  }
  return lines;
}

/**
 * Inputs of {@link describePromotion}.
 *
 * @public
 */
export interface DescribeInput {
  /** The app (or policy) promoted. */
  app: string;
  /** True for a removal. */
  remove: boolean;
  /** The target clusters. */
  targets: string[];
  /** The source cluster, when the promotion copies from one. */
  from: string | null;
  /** The strategy used. */
  strategy: string;
  /** Why that strategy. */
  strategyReason: string;
  /** The file changes. */
  files: PromotionFileChange[];
  /** Per cluster, the objects added, changed and removed. */
  clusters: PromotionClusterChange[];
  /** Dependencies carried along. */
  carried: string[];
  /** The planner's warnings. */
  warnings: string[];
  /** Catalog ref of the component, named in the body. */
  entityRef?: string;
  /** Link back to the component. */
  componentUrl?: string;
}

/**
 * The pull request's title and body.
 *
 * @public
 */
export function describePromotion(input: DescribeInput): {
  title: string;
  body: string;
} {
  const targets = input.targets.join(', ');
  const title = input.remove
    ? `Remove ${input.app} from ${targets}`
    : `Promote ${input.app}${
        input.from ? ` from ${input.from}` : ''
      } to ${targets}`;
  const lines = [
    input.remove
      ? `${input.app} stops running on ${targets}.`
      : `${input.app} is moving${
          input.from ? ` from ${input.from}` : ''
        } to ${targets}.`,
    '',
    `**Strategy:** ${input.strategy}. ${input.strategyReason}`,
    '',
    '## Blast radius',
    '',
    ...clusterChangesMarkdown(input.clusters),
  ];
  if (input.carried.length > 0) {
    lines.push(
      '## Dependencies carried',
      '',
      ...input.carried.map(c => `- ${c}`),
      '',
    );
  }
  if (input.warnings.length > 0) {
    lines.push('## Warnings', '', ...input.warnings.map(w => `- ${w}`), '');
  }
  lines.push(
    '## Files',
    '',
    ...input.files.map(f => `- ${f.action} \`${f.path}\``),
    '',
  );
  const who = input.entityRef ?? input.app;
  lines.push(
    input.componentUrl
      ? `Component: [${who}](${input.componentUrl})`
      : `Component: ${who}`,
    '',
  );
  lines.push(
    '_Planned and verified by Fleet: every target cluster was re-resolved with this change._',
  );
  return { title, body: `${lines.join('\n')}\n` };
}
