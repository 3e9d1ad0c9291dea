/*
 * Where the CLI writes, and the directory relative paths are read from;
 * injected so tests can run commands in-process.
 */

/** Output streams and working directory of one CLI run. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory relative arguments are resolved against (yarn's INIT_CWD when run through `yarn fleet`). */
  cwd: string;
}
