/*
 * `fleet <command>`: argument parsing and dispatch. Exit status 0 success,
 * 1 a failed build or check, 2 a usage error; bad input never prints a
 * stack trace.
 */
import { parseArgs } from 'node:util';
import type { ExplicitCluster } from '@flux-fleet/backstage-plugin-fleet-node/engine';
import { buildCommand } from './commands/buildCommand';
import { checkCommand } from './commands/checkCommand';
import { diffCommand } from './commands/diffCommand';
import { kustomizeCommand } from './commands/kustomizeCommand';
import { matrixCommand } from './commands/matrixCommand';
import { promoteCommand } from './commands/promoteCommand';
import { UsageError } from './errors';
import { USAGE } from './usage';
import type { Io } from './io';

export { USAGE } from './usage';

const OPTIONS = {
  repo: { type: 'string' },
  cluster: { type: 'string' },
  json: { type: 'boolean' },
  app: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  strategy: { type: 'string' },
  remove: { type: 'boolean' },
  enforce: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  base: { type: 'string' },
  head: { type: 'string' },
  format: { type: 'string' },
  'cluster-path': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs the command line `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: OPTIONS,
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { values, positionals } = parsed;
    const [command, ...rest] = positionals;
    if (values.help || command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const allowed: Record<string, (keyof typeof OPTIONS)[]> = {
      kustomize: ['repo'],
      build: ['repo', 'cluster', 'cluster-path'],
      matrix: ['repo', 'json', 'format', 'cluster-path'],
      check: ['repo', 'json', 'format', 'cluster-path'],
      promote: [
        'repo',
        'app',
        'to',
        'from',
        'strategy',
        'remove',
        'enforce',
        'dry-run',
        'cluster-path',
      ],
      diff: ['repo', 'base', 'head', 'format', 'cluster-path'],
    };
    if (!command) throw new UsageError('no command given');
    if (!allowed[command]) throw new UsageError(`unknown command '${command}'`);
    for (const key of Object.keys(values) as (keyof typeof OPTIONS)[]) {
      if (key !== 'help' && !allowed[command].includes(key))
        throw new UsageError(`${command} does not take --${key}`);
    }
    if (command !== 'kustomize' && rest.length > 0)
      throw new UsageError(
        `${command} takes no positional argument ('${rest[0]}')`,
      );
    const clusters = clusterPaths(values['cluster-path'] ?? []);
    const json = values.json === true || jsonFormat(command, values.format);
    switch (command) {
      case 'kustomize':
        if (rest.length !== 1)
          throw new UsageError('kustomize takes exactly one directory');
        return await kustomizeCommand(io, { dir: rest[0], repo: values.repo });
      case 'build':
        return await buildCommand(io, {
          repo: required(values.repo, 'build', 'repo'),
          cluster: required(values.cluster, 'build', 'cluster'),
          clusters,
        });
      case 'matrix':
        return await matrixCommand(io, {
          repo: required(values.repo, 'matrix', 'repo'),
          json,
          clusters,
        });
      case 'promote':
        return await promoteCommand(io, {
          repo: required(values.repo, 'promote', 'repo'),
          app: required(values.app, 'promote', 'app'),
          to: required(values.to, 'promote', 'to'),
          from: values.from,
          strategy: values.strategy,
          remove: values.remove === true,
          enforce: values.enforce === true,
          dryRun: values['dry-run'] === true,
          clusters,
        });
      case 'diff':
        return await diffCommand(io, {
          repo: required(values.repo, 'diff', 'repo'),
          base: required(values.base, 'diff', 'base'),
          head: values.head,
          format: values.format,
          clusters,
        });
      default:
        return await checkCommand(io, {
          repo: required(values.repo, 'check', 'repo'),
          json,
          clusters,
        });
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`fleet: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`fleet: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

function required(
  value: string | undefined,
  command: string,
  option: string,
): string {
  if (!value)
    throw new UsageError(
      `${command} needs --${option} <${option === 'repo' ? 'dir' : 'name'}>`,
    );
  return value;
}

/** `--cluster-path NAME=PATH` values as explicit clusters. */
function clusterPaths(values: string[]): ExplicitCluster[] {
  return values.map(v => {
    const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)=(.+)$/.exec(v);
    if (!m)
      throw new UsageError(
        `--cluster-path takes NAME=PATH with a lowercase DNS label as NAME ('${v}')`,
      );
    return { name: m[1], path: m[3] };
  });
}

/** Whether `--format` asks for JSON; the human format is the default. */
function jsonFormat(command: string, format: string | undefined): boolean {
  if (format === undefined || command === 'diff') return false;
  const human = command === 'matrix' ? 'table' : 'text';
  if (format !== 'json' && format !== human)
    throw new UsageError(`${command} --format takes ${human} or json`);
  return format === 'json';
}
