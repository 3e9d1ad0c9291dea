/*
 * Entry point of the `fleet` command.
 */
import { main } from './main';

main(process.argv.slice(2), {
  stdout: s => process.stdout.write(s),
  stderr: s => process.stderr.write(s),
  cwd: process.env.INIT_CWD || process.cwd(),
}).then(
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
