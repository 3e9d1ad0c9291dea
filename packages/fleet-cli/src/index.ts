/*
 * Entry point of the `fleet` command. `--help` alone prints the usage
 * without loading the engine; anything else loads the commands.
 */
import { writerIgnoringClosedPipe } from './closedPipe';
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
// `fleet … | head` closes the pipe early: stop writing, quietly (closedPipe.ts)
const stdout = writerIgnoringClosedPipe(process.stdout);
const stderr = writerIgnoringClosedPipe(process.stderr);

(help
  ? Promise.resolve(stdout(USAGE)).then(() => 0)
  : load(import('./main')).then(({ main }) =>
      main(argv, {
        stdout,
        stderr,
        cwd: process.env.INIT_CWD || process.cwd(),
      }),
    )
).then(
  code => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // never a stack trace: one line, exit 1
    stderr(`fleet: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
