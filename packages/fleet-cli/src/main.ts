/*
 * `fleet <command>`: argument parsing and dispatch. Exit status 0 success,
 * 1 a failed build or check, 2 a usage error; bad input never prints a
 * stack trace. Commands are loaded when they run, so `fleet --help` does
 * not pay for the engine.
 */
import { parseArgs } from 'node:util';
import type { ExplicitCluster } from '@flux-fleet/backstage-plugin-fleet-node/engine';
import { UsageError } from './errors';
import type { Io } from './io';

/** The usage text printed by `fleet --help` and on usage errors. */
export const USAGE = `Usage: fleet <command> [options]

Commands:
  kustomize <dir> [--repo <dir>]          kustomize build of one directory (Flux load rules); YAML on stdout
  build --repo <dir> --cluster <name>     everything Flux would apply to that cluster; YAML on stdout
  matrix --repo <dir> [--format table|json]
                                          what runs where (--json: --format json)
  check --repo <dir> [--format text|json] rule violations; exit 1 if any has severity error
  promote --repo <dir> --app <name> --to <cluster>[,<cluster>] [--strategy reference|overlay|common]
          [--from <cluster>] [--remove] [--dry-run]
                                          edit the repository in place; exit 1 when refused
  diff --repo <dir> --base <rev> [--head <rev>] [--format text|json|markdown]
                                          what every cluster gains, changes, loses between revisions

build, matrix and check take --cluster-path NAME=PATH (repeatable) for clusters
no discovery rule finds: NAME is built from the repository directory PATH.

Exit status: 0 success, 1 a failed build or check, 2 a usage error.
`;

const OPTIONS = {
  repo: { type: 'string' },
  cluster: { type: 'string' },
  json: { type: 'boolean' },
  app: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  strategy: { type: 'string' },
  remove: { type: 'boolean' },
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
      promote: ['repo', 'app', 'to', 'from', 'strategy', 'remove', 'dry-run'],
      diff: ['repo', 'base', 'head', 'format'],
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
        return await (
          await load(import('./commands/kustomizeCommand'))
        ).kustomizeCommand(io, { dir: rest[0], repo: values.repo });
      case 'build':
        return await (
          await load(import('./commands/buildCommand'))
        ).buildCommand(io, {
          repo: required(values.repo, 'build', 'repo'),
          cluster: required(values.cluster, 'build', 'cluster'),
          clusters,
        });
      case 'matrix':
        return await (
          await load(import('./commands/matrixCommand'))
        ).matrixCommand(io, {
          repo: required(values.repo, 'matrix', 'repo'),
          json,
          clusters,
        });
      case 'promote':
        return await (
          await load(import('./commands/promoteCommand'))
        ).promoteCommand(io, {
          repo: required(values.repo, 'promote', 'repo'),
          app: required(values.app, 'promote', 'app'),
          to: required(values.to, 'promote', 'to'),
          from: values.from,
          strategy: values.strategy,
          remove: values.remove === true,
          dryRun: values['dry-run'] === true,
        });
      case 'diff':
        return await (
          await load(import('./commands/diffCommand'))
        ).diffCommand(io, {
          repo: required(values.repo, 'diff', 'repo'),
          base: required(values.base, 'diff', 'base'),
          head: values.head,
          format: values.format,
        });
      default:
        return await (
          await load(import('./commands/checkCommand'))
        ).checkCommand(io, {
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

/**
 * A command module. Bundled, `import()` yields the module itself; under the
 * development transform (TypeScript compiled to CommonJS on the fly) Node's
 * `import()` wraps the CommonJS exports as `default`.
 */
async function load<T extends object>(module: Promise<T>): Promise<T> {
  const loaded = (await module) as T & { default?: T };
  return loaded.default ?? loaded;
}
