import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ResolveBudgetError, WorkerResolver } from './WorkerResolver';

const exampleFleet = path.resolve(__dirname, '../../../../../examples/fleet');

describe('WorkerResolver', () => {
  const resolvers: WorkerResolver[] = [];
  afterEach(async () => {
    await Promise.all(resolvers.splice(0).map(r => r.close()));
  });
  const create = (...args: ConstructorParameters<typeof WorkerResolver>) => {
    const resolver = new WorkerResolver(...args);
    resolvers.push(resolver);
    return resolver;
  };

  it('resolves a directory on a worker thread and finds it unchanged the second time', async () => {
    const resolver = create({ timeoutMs: 120_000, maxMemoryMb: 1024 });
    const job = {
      kind: 'directory',
      path: exampleFleet,
      maxFileBytes: 5_000_000,
    } as const;
    const first = await resolver.run(job);
    expect(first.kind).toBe('resolved');
    if (first.kind !== 'resolved') return;
    expect(first.model.clusters.map(c => c.name)).toEqual([
      'dev',
      'prod',
      'test',
    ]);
    expect(first.matrix.objects.length).toBe(first.model.objects.length);
    // units and problems arrive in messages of their own, all of them
    expect(first.model.units.map(u => u.id)).toEqual(
      expect.arrayContaining(['apps/podinfo', 'apps/foo-app']),
    );
    expect(first.matrix.units).toBe(first.model.units);
    expect(first.matrix.problems.length).toBe(first.model.problems.length);
    // the facts the read queries need are read from the bodies on the worker
    expect(first.matrix.objects).toContainEqual(
      expect.objectContaining({
        cluster: 'test',
        kind: 'Deployment',
        name: 'foo-app',
        kubernetesId: 'foo-app',
      }),
    );
    expect(first.model.objects.some(o => o.object.kind === 'Deployment')).toBe(
      true,
    );
    expect(
      first.model.clusters[0].filesRead.has('clusters/dev/kustomization.yaml'),
    ).toBe(true);
    expect(await resolver.run(job)).toEqual({
      kind: 'unchanged',
      revision: null,
    });
  }, 120_000);

  it('stops a worker that takes longer than the timeout', async () => {
    let worker: Worker | undefined;
    const resolver = create(
      { timeoutMs: 300, maxMemoryMb: 256 },
      {
        spawn: () =>
          (worker = new Worker('setInterval(() => {}, 1000)', { eval: true })),
      },
    );
    const exited = new Promise(resolve => setTimeout(resolve, 0)).then(
      () => new Promise(resolve => worker!.once('exit', resolve)),
    );
    await expect(
      resolver.run({ kind: 'files', revision: 'r1', files: [] }),
    ).rejects.toThrow(
      new ResolveBudgetError(
        'Resolving the fleet took longer than 300 ms; the resolve worker was stopped.',
      ),
    );
    await exited;
  });

  it('stops a worker that goes over its heap limit', async () => {
    const resolver = create(
      { timeoutMs: 60_000, maxMemoryMb: 32 },
      {
        spawn: limits =>
          new Worker(
            "const keep = []; require('node:worker_threads').parentPort.on('message', () => { for (;;) keep.push(new Array(1e5).fill(Math.random())); });",
            {
              eval: true,
              resourceLimits: {
                maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb,
              },
            },
          ),
      },
    );
    const run = resolver.run({ kind: 'files', revision: 'r1', files: [] });
    await expect(run).rejects.toBeInstanceOf(ResolveBudgetError);
    await expect(run).rejects.toThrow('needed more than 32 MB of heap');
  }, 60_000);

  it('reports a failure inside the worker without stopping it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-resolver-'));
    const resolver = create({ timeoutMs: 120_000, maxMemoryMb: 1024 });
    await expect(
      resolver.run({ kind: 'git', dir, rev: 'main', maxFileBytes: 1000 }),
    ).rejects.toThrow(/main names no commit/);
    await fs.rm(dir, { recursive: true, force: true });
  }, 120_000);
});
