import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { writerIgnoringClosedPipe } from './closedPipe';

const BIN = path.resolve(__dirname, '../bin/fleet');
const REPO = path.resolve(__dirname, '../../../examples/fleet');

/**
 * Runs the real `fleet` command with its stdout piped into a reader that
 * closes before the command writes; resolves with the
 * exit status and everything written to stderr.
 */
function fleetIntoClosingReader(
  args: string[],
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.INIT_CWD;
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
    });
    // as `fleet … | head -0` (or a `head` done before the output comes):
    // the reader closes the pipe before the command writes
    child.stdout.destroy();
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('fleet piped into a reader that closes early', () => {
  it.each([
    ['--help', ['--help']],
    ['build', ['build', '--repo', REPO, '--cluster', 'prod']],
    ['matrix', ['matrix', '--repo', REPO, '--format', 'json']],
    ['kustomize', ['kustomize', path.join(REPO, 'clusters/prod')]],
  ])(
    'fleet %s exits 0 without an EPIPE error or a stack trace',
    async (_name, args) => {
      const r = await fleetIntoClosingReader(args);
      expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
      expect({ code: r.code, signal: r.signal }).toEqual({
        code: 0,
        signal: null,
      });
    },
    60_000,
  );
});

describe('writerIgnoringClosedPipe', () => {
  function fakeStream() {
    const listeners: Array<(e: Error) => void> = [];
    const written: string[] = [];
    return {
      written,
      fail: (e: Error) => listeners.forEach(l => l(e)),
      write: (t: string) => written.push(t) > 0,
      on: (_event: 'error', l: (e: Error) => void) => listeners.push(l),
    };
  }

  it('stops writing after EPIPE', () => {
    const s = fakeStream();
    const write = writerIgnoringClosedPipe(s);
    write('a');
    s.fail(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    write('b');
    expect(s.written).toEqual(['a']);
  });

  it('rethrows any other write error', () => {
    const s = fakeStream();
    writerIgnoringClosedPipe(s);
    expect(() =>
      s.fail(Object.assign(new Error('write EIO'), { code: 'EIO' })),
    ).toThrow('write EIO');
  });
});
