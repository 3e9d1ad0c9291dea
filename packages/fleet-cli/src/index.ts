/*
 * Entry point of the `fleet` command. `--help` alone prints the usage
 * without loading the engine; anything else loads the commands.
 */
import { USAGE } from './usage';

/**
 * A module loaded on first use. Bundled, `import()` yields the module
 * itself; under the development transform (TypeScript compiled to CommonJS
 * on the fly) Node's `import()` wraps the CommonJS exports as `default`.
 */
async function load<T extends object>(module: Promise<T>): Promise<T> {
  const loaded = (await module) as T & { default?: T };
  return loaded.default ?? loaded;
}

const argv = process.argv.slice(2);
const help = argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h');

(help
  ? Promise.resolve(process.stdout.write(USAGE)).then(() => 0)
  : load(import('./main')).then(({ main }) =>
      main(argv, {
        stdout: s => process.stdout.write(s),
        stderr: s => process.stderr.write(s),
        cwd: process.env.INIT_CWD || process.cwd(),
      }),
    )
).then(
  code => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // never a stack trace: one line, exit 1
    process.stderr.write(
      `fleet: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
