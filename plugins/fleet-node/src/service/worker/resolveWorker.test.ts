import * as path from 'node:path';
import { withoutOptions } from './resolveWorker';
import { WorkerResolver } from './WorkerResolver';

const exampleFleet = path.resolve(__dirname, '../../../../../examples/fleet');

describe('the resolve worker under a backend started with process-wide node options', () => {
  const parentArgv = process.execArgv;
  afterEach(() => {
    process.execArgv = parentArgv;
  });

  it('resolves although Node refuses those options in a worker', async () => {
    // as `node --max-old-space-size=4096 --no-memory-reducer packages/backend`:
    // each of these alone makes `new Worker` throw ERR_WORKER_INVALID_EXEC_ARGV
    process.execArgv = [
      ...parentArgv,
      '--max-old-space-size=4096',
      '--no-memory-reducer',
      '--max-semi-space-size',
      '32',
      '--trace-gc',
    ];
    const resolver = new WorkerResolver({
      timeoutMs: 120_000,
      maxMemoryMb: 1024,
    });
    try {
      const result = await resolver.run({
        kind: 'directory',
        path: exampleFleet,
        maxFileBytes: 5_000_000,
      });
      expect(result.kind).toBe('resolved');
      if (result.kind !== 'resolved') return;
      expect(result.model.clusters.map(c => c.name)).toEqual([
        'dev',
        'prod',
        'test',
      ]);
    } finally {
      await resolver.close();
    }
  }, 120_000);

  it('drops a refused option in each of its spellings and keeps the others', () => {
    const refused = new Set(['--max-old-space-size', '--max-semi-space-size']);
    expect(
      withoutOptions(
        [
          '--require',
          'hook.cjs',
          '--max-old-space-size=4096',
          '--enable-source-maps',
          '--max-semi-space-size',
          '32',
          '--conditions=development',
        ],
        refused,
      ),
    ).toEqual([
      '--require',
      'hook.cjs',
      '--enable-source-maps',
      '--conditions=development',
    ]);
  });
});
