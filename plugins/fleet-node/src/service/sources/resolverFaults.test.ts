/*
 * An exception inside the resolve worker (a job whose file content is not
 * text, which makes the engine throw a TypeError on the worker thread)
 * keeps the last good model, reports the error, and leaves the worker able
 * to resolve the next revision.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { WorkerFleetService } from '../WorkerFleetService';
import type { ResolveJob } from '../worker/protocol';
import type { FleetSource, SourcePoll } from './types';

const exampleFleet = path.resolve(__dirname, '../../../../../examples/fleet');

async function filesOf(dir: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const entry of await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push([path.relative(dir, full), await fs.readFile(full, 'utf8')]);
  }
  return out;
}

/** Serves the jobs it is given, one revision each, in order. */
class ScriptedSource implements FleetSource {
  readonly description = 'scripted';
  jobs: ResolveJob[] = [];
  async poll(current: string | null): Promise<SourcePoll> {
    const job = this.jobs[0];
    const revision = job.kind === 'files' ? job.revision : null;
    if (revision === current) return { changed: false, revision };
    return { changed: true, revision, job };
  }
  async snapshot(): Promise<never> {
    throw new Error('not used by the worker service');
  }
}

describe('an exception inside the resolve worker', () => {
  jest.setTimeout(120_000);

  it('keeps the last good model, reports the error, and resolves the next revision', async () => {
    const files = await filesOf(exampleFleet);
    const source = new ScriptedSource();
    const service = new WorkerFleetService({
      source,
      logger: mockServices.logger.mock(),
      budget: { timeoutMs: 60_000, maxMemoryMb: 1024 },
    });
    try {
      source.jobs = [{ kind: 'files', revision: 'r1', files }];
      const good = await service.getState();
      expect(good.matrix.clusters).toHaveLength(3);

      const poisoned = files.map(([file, content]): [string, string] =>
        file === 'clusters/dev/kustomization.yaml'
          ? [file, { not: 'text' } as unknown as string]
          : [file, content],
      );
      source.jobs = [{ kind: 'files', revision: 'r2', files: poisoned }];
      const failed = await service.refresh();
      expect(failed.model === good.model).toBe(true);
      expect(failed.revision).toBe('r1');
      expect(failed.lastError?.message).toMatch(/\S/);

      source.jobs = [{ kind: 'files', revision: 'r3', files }];
      const next = await service.refresh();
      expect([next.revision, next.lastError]).toEqual(['r3', undefined]);
      expect(next.matrix.clusters).toHaveLength(3);
    } finally {
      await service.close();
    }
  });
});
