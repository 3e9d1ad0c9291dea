/*
 * `fleet build … | head`: the reader closes the pipe early and Node reports
 * the next write as an `EPIPE` error event on process.stdout, which nothing
 * handles, so the process died with a stack trace and status 1. Unix tools
 * stop writing quietly there (`git log | head` is ended by SIGPIPE, which
 * Node ignores). Here the closed stream swallows what is still written and
 * the command finishes with its own status: a `promote` never stops half-way
 * through its edits because its reader went away.
 */

/** A stream the CLI writes to: process.stdout or process.stderr. */
export interface PipeStream {
  write(text: string): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * A writer to `stream` that becomes a no-op once the reader has closed the
 * pipe (`EPIPE`). Any other write error is rethrown, as Node would.
 */
export function writerIgnoringClosedPipe(
  stream: PipeStream,
): (text: string) => void {
  let closed = false;
  stream.on('error', error => {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    closed = true;
  });
  return text => {
    if (closed) return;
    try {
      stream.write(text);
    } catch (error) {
      // a synchronous EPIPE (a pipe already known closed) is the same case
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      closed = true;
    }
  };
}
