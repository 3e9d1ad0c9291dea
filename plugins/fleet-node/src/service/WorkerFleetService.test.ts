import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { GitFleetSource } from './sources/localSources';
import { WorkerFleetService } from './WorkerFleetService';
import { ResolveBudgetError, WorkerResolver } from './worker/WorkerResolver';

const exampleFleet = path.resolve(__dirname, '../../../../examples/fleet');
const budget = { timeoutMs: 120_000, maxMemoryMb: 1024 };

describe('WorkerFleetService', () => {
  let repo: string;
  let resolver: WorkerResolver;
  let source: GitFleetSource;
  let service: WorkerFleetService;
  const logger = mockServices.logger.mock();

  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
      {
        cwd: repo,
        stdio: 'pipe',
      },
    )
      .toString()
      .trim();
  const commit = async (files: Record<string, string>) => {
    for (const [file, content] of Object.entries(files)) {
      await fs.writeFile(path.join(repo, file), content);
    }
    git('commit', '-q', '-am', 'change');
    return git('rev-parse', 'HEAD');
  };

  beforeAll(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-service-'));
    await fs.cp(exampleFleet, repo, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'fleet');
    resolver = new WorkerResolver(budget);
    source = new GitFleetSource(repo, 'main', { maxFileBytes: 5_000_000 });
    service = new WorkerFleetService({
      source,
      logger,
      budget,
      resolver,
    });
  });
  afterAll(async () => {
    await service.close();
    await fs.rm(repo, { recursive: true, force: true });
  });

  it('does not resolve a revision it already has, and resolves a new one', async () => {
    const run = jest.spyOn(resolver, 'run');
    const first = await service.getState();
    expect(first.revision).toBe(git('rev-parse', 'HEAD'));
    expect(await service.refresh()).toBe(first);
    expect(run).toHaveBeenCalledTimes(1);
    expect(service.getStatus()).toMatchObject({
      phase: 'idle',
      resolvingRevision: null,
    });

    const listener = jest.fn();
    const unsubscribe = service.subscribe(listener);
    const sha = await commit({ 'README.md': 'changed\n' });
    const second = await service.refresh();
    // subscribers run in their own macrotask, after the refresh
    expect(listener).not.toHaveBeenCalled();
    await new Promise(resolve => setImmediate(resolve));
    unsubscribe();
    expect(second.revision).toBe(sha);
    expect(run).toHaveBeenCalledTimes(2);
    expect(listener).toHaveBeenCalledWith(second);
    run.mockRestore();
  }, 120_000);

  it("logs an unchanged refresh's own main-thread work apart from the loop's busy time and from its waits", async () => {
    const state = await service.getState();
    // the poll waits 300 ms for its answer while the loop is busy 150 ms with
    // something else: neither is the refresh's own work
    const poll = source.poll.bind(source);
    const spy = jest.spyOn(source, 'poll').mockImplementation(async current => {
      setTimeout(() => {
        const until = performance.now() + 150;
        while (performance.now() < until);
      }, 50);
      await new Promise(resolve => setTimeout(resolve, 300));
      return poll(current);
    });
    logger.debug.mockClear();
    expect(await service.refresh()).toBe(state);
    spy.mockRestore();
    const line = logger.debug.mock.calls
      .map(([message]) => String(message))
      .find(message => message.startsWith('Fleet refresh unchanged at'));
    const figures =
      /in (\d+) ms \(main thread busy ([\d.]+) ms, its own ([\d.]+) ms, heap \d+ MB\)$/.exec(
        line ?? '',
      );
    expect(figures).not.toBeNull();
    const [took, busy, own] = figures!.slice(1).map(Number);
    expect(took).toBeGreaterThanOrEqual(300);
    expect(busy).toBeGreaterThanOrEqual(150);
    expect(own).toBeLessThan(50);
  }, 120_000);

  it('keeps the objects of a Kustomization that stops building, marked stale, until it builds again', async () => {
    const good = await service.getState();
    const prodObjects = good.matrix.objects.filter(o => o.cluster === 'prod');
    const infra = prodObjects.filter(
      o => o.fluxKustomization === 'flux-system/infra',
    );
    expect(infra.length).toBeGreaterThan(0);

    const kustomization = 'clusters/prod/infra/kustomization.yaml';
    const original = await fs.readFile(path.join(repo, kustomization), 'utf8');
    await commit({ [kustomization]: `${original}  - [broken\n` });
    const broken = await service.refresh();
    const brokenProd = broken.matrix.objects.filter(o => o.cluster === 'prod');
    expect(brokenProd.map(o => `${o.kind}/${o.name}`).sort()).toEqual(
      prodObjects.map(o => `${o.kind}/${o.name}`).sort(),
    );
    const stale = brokenProd.filter(o => o.stale);
    expect(stale.map(o => o.name).sort()).toEqual(
      infra.map(o => o.name).sort(),
    );
    expect(stale[0].stale).toMatchObject({
      since: good.revision,
      problem: { rule: 'yaml-parse', cluster: 'prod', file: kustomization },
    });
    expect(broken.matrix.problems.some(p => p.file === kustomization)).toBe(
      true,
    );
    expect(broken.model.objects.filter(o => o.cluster === 'prod').length).toBe(
      prodObjects.length,
    );

    await commit({ [kustomization]: original });
    const fixed = await service.refresh();
    expect(fixed.matrix.objects.filter(o => o.stale)).toEqual([]);
    expect(fixed.matrix.objects.filter(o => o.cluster === 'prod').length).toBe(
      prodObjects.length,
    );
  }, 120_000);

  it('keeps the objects of a broken root Kustomization while the Kustomizations it declares reconcile the new revision', async () => {
    const good = await service.getState();
    const prod = good.matrix.objects.filter(o => o.cluster === 'prod');
    const rootObjects = prod.filter(
      o => o.fluxKustomization === 'flux-system/flux-system',
    );
    expect(rootObjects.map(o => `${o.kind}/${o.name}`)).toEqual(
      expect.arrayContaining(['Kustomization/infra', 'Kustomization/apps']),
    );
    const root = 'clusters/prod/kustomization.yaml';
    const original = await fs.readFile(path.join(repo, root), 'utf8');
    await commit({ [root]: `${original}  - ./missing.yaml\n` });
    const broken = await service.refresh();
    const brokenProd = broken.matrix.objects.filter(o => o.cluster === 'prod');
    expect(brokenProd).toHaveLength(prod.length);
    // as Flux: the root applies nothing and keeps its inventory (the infra and
    // apps Kustomizations included), which go on reconciling the new revision
    const stale = brokenProd.filter(o => o.stale);
    expect(stale.map(o => `${o.kind}/${o.name}`).sort()).toEqual(
      rootObjects.map(o => `${o.kind}/${o.name}`).sort(),
    );
    expect(
      stale.every(
        o =>
          o.stale?.since === good.revision &&
          o.stale.problem.rule === 'missing-path',
      ),
    ).toBe(true);
    expect(
      broken.matrix.objects.filter(o => o.cluster !== 'prod' && o.stale),
    ).toEqual([]);
    await commit({ [root]: original });
    expect(
      (await service.refresh()).matrix.objects.filter(o => o.stale),
    ).toEqual([]);
  }, 120_000);

  it('coalesces refreshes that arrive during one, and reports the phase and revision meanwhile', async () => {
    const run = jest.spyOn(resolver, 'run');
    const sha = await commit({ 'README.md': 'coalesced\n' });
    const first = service.refresh();
    const phases = new Set<string>();
    const revisions = new Set<string | null>();
    const watch = setInterval(() => {
      const status = service.getStatus();
      phases.add(status.phase);
      revisions.add(status.resolvingRevision);
    }, 1);
    const others = [service.refresh(), service.refresh(), service.refresh()];
    expect(others[0]).toBe(others[1]);
    const states = await Promise.all([first, ...others]);
    clearInterval(watch);
    expect(states.map(s => s.revision)).toEqual([sha, sha, sha, sha]);
    // one resolve of the new revision; the follow-up found it unchanged
    expect(run).toHaveBeenCalledTimes(1);
    expect(phases).toContain('resolving');
    expect(revisions).toContain(sha);
    expect(service.getStatus()).toMatchObject({
      phase: 'idle',
      resolvingRevision: null,
    });
    run.mockRestore();
  }, 120_000);

  it('keeps the previous model when a resolve goes over budget, and does not retry that revision', async () => {
    const before = await service.getState();
    const run = jest
      .spyOn(resolver, 'run')
      .mockRejectedValueOnce(
        new ResolveBudgetError(
          'Resolving the fleet took longer than 1 ms; the resolve worker was stopped.',
        ),
      );
    const sha = await commit({ 'README.md': 'too big\n' });
    const after = await service.refresh();
    expect(after.model).toBe(before.model);
    expect(after.revision).toBe(before.revision);
    expect(after.lastError?.message).toMatch(/longer than 1 ms/);
    expect(service.getStatus().phase).toBe('idle');
    await service.refresh();
    expect(run).toHaveBeenCalledTimes(1);
    expect(sha).not.toBe(before.revision);
    run.mockRestore();
  }, 120_000);
});
