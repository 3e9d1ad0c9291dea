/*
 * The resolve worker: loads a revision and resolves the fleet on its own
 * thread, so the backend's event loop keeps serving while the engine works.
 * It keeps one BuildCache and one LastGoodKeeper across revisions, so a new
 * commit rebuilds only what changed.
 *
 * This one module is both the worker's entry point and the code that starts
 * it: the worker requires `__filename`, which is this file when running from
 * TypeScript sources and the built chunk holding it otherwise.
 */
import { createHash } from 'node:crypto';
import {
  type FleetObject,
  withObjectFacts,
} from '@flux-fleet/backstage-plugin-fleet-common';
import {
  isMainThread,
  parentPort,
  Worker,
  workerData,
} from 'node:worker_threads';
import {
  BuildCache,
  loadLocalSnapshot,
  resolveFleet,
  snapshotFromFiles,
  shownBodyOf,
  toFleetObject,
  toMatrix,
  type Snapshot,
} from '../../engine';
import { loadGitSnapshot } from '../../engine/loader/loadGitSnapshot';
import { type KeptModelObject, LastGoodKeeper } from './LastGoodKeeper';
import { packBodies } from './PackedModelObject';
import {
  type FromWorker,
  ITEMS_PER_MESSAGE,
  OBJECTS_PER_MESSAGE,
  type ResolveJob,
  type ToWorker,
} from './protocol';

const WORKER_FLAG = 'fleetResolveWorker';

/** Limits of a resolve worker. */
export interface ResolveWorkerLimits {
  /** V8 old-generation heap limit of the worker, in MB. */
  maxOldGenerationSizeMb: number;
}

/**
 * Starts a resolve worker thread. From TypeScript sources the worker needs
 * the same require hook as the backend: `backstage-cli package start` passes
 * it in `process.execArgv`, which a Worker inherits; elsewhere (jest, scripts
 * run with another loader) it is added here.
 */
export function spawnResolveWorker(limits: ResolveWorkerLimits): Worker {
  const execArgv = [...process.execArgv];
  if (
    __filename.endsWith('.ts') &&
    !execArgv.some(a => a.includes('nodeTransform'))
  ) {
    execArgv.push(
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    );
  }
  const start = (argv: string[]) =>
    new Worker(
      `require('node:worker_threads'); require(${JSON.stringify(__filename)});`,
      {
        eval: true,
        execArgv: argv,
        workerData: { [WORKER_FLAG]: true },
        resourceLimits: {
          maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb,
        },
        stdout: false,
        stderr: false,
      },
    );
  // Node refuses process-wide options in a worker's execArgv
  // (ERR_WORKER_INVALID_EXEC_ARGV): a backend started with
  // `--max-old-space-size`, `--trace-gc`, `--no-memory-reducer` or
  // `--stack-size` would otherwise never resolve. Those options concern the
  // process, not the worker (its heap limit is `resourceLimits`), so the
  // worker starts without the ones Node names; Node names them in more than
  // one pass, hence the loop, bounded by the options there are to drop.
  let argv = execArgv;
  for (;;) {
    try {
      const worker = start(argv);
      // an idle worker must not keep the backend (or a test run) alive
      worker.unref();
      return worker;
    } catch (e) {
      const refused = refusedExecArgv(e);
      const fewer = refused && withoutOptions(argv, refused);
      if (!fewer || fewer.length === argv.length) throw e;
      argv = fewer;
    }
  }
}

/** The options Node named in ERR_WORKER_INVALID_EXEC_ARGV, if that is `e`. */
function refusedExecArgv(e: unknown): Set<string> | undefined {
  if ((e as { code?: unknown })?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV')
    return undefined;
  const listed = /flags: (.*)$/.exec(String((e as Error).message))?.[1];
  if (!listed) return undefined;
  return new Set(listed.split(', ').map(flag => flag.split('=')[0]));
}

/**
 * `argv` without the options in `refused`, written as `--flag`,
 * `--flag=value` or `--flag value`.
 */
export function withoutOptions(
  argv: string[],
  refused: ReadonlySet<string>,
): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inlineValue] = argv[i].split(/=(.*)/s);
    if (!refused.has(flag)) {
      kept.push(argv[i]);
      continue;
    }
    // a separate value belongs to the refused option
    const next = argv[i + 1];
    if (
      inlineValue === undefined &&
      next !== undefined &&
      !next.startsWith('-')
    )
      i++;
  }
  return kept;
}

/**
 * The matrix row of a model object, with the facts the read queries need
 * read from its body (fleet-common's `withObjectFacts`: kubernetes-id,
 * policy stage, SOPS) and its stale mark: derived here, where the body is
 * an object already, so the main thread never has to read the body for it.
 */
function matrixRowOf(o: KeptModelObject): FleetObject {
  const row = withObjectFacts(toFleetObject(o), shownBodyOf(o));
  return o.stale ? { ...row, stale: o.stale } : row;
}

async function load(
  job: ResolveJob,
): Promise<{ snapshot: Snapshot; fingerprint?: string }> {
  if (job.kind === 'git') {
    return {
      snapshot: await loadGitSnapshot(job.dir, job.rev, {
        maxFileBytes: job.maxFileBytes,
        maxDirectoryBytes: job.maxDirectoryBytes,
        maxRepositoryBytes: job.maxRepositoryBytes,
      }),
    };
  }
  if (job.kind === 'files') {
    const snapshot = snapshotFromFiles(
      Object.fromEntries(job.files),
      job.revision,
    );
    return { snapshot: { ...snapshot, problems: job.problems ?? [] } };
  }
  const snapshot = await loadLocalSnapshot(job.path, {
    maxFileBytes: job.maxFileBytes,
    maxDirectoryBytes: job.maxDirectoryBytes,
    maxRepositoryBytes: job.maxRepositoryBytes,
    readRevision: false,
  });
  // a plain directory has no revision: its content decides whether anything changed
  const hash = createHash('sha256');
  for (const [p, content] of snapshot.files)
    hash.update(p).update('\0').update(content).update('\0');
  return { snapshot, fingerprint: hash.digest('hex') };
}

function runWorker(): void {
  const port = parentPort!;
  const cache = new BuildCache();
  const keeper = new LastGoodKeeper();
  let lastFingerprint: string | undefined;
  const send = (message: FromWorker, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  let acknowledged: (() => void) | undefined;
  /** Sends a part of the model and waits until the main thread took it in. */
  const deliver = (message: FromWorker, transfer?: ArrayBuffer[]) =>
    new Promise<void>(resolve => {
      acknowledged = resolve;
      send(message, transfer);
    });

  port.on('message', async (message: ToWorker) => {
    if (message.type === 'ack') {
      const next = acknowledged;
      acknowledged = undefined;
      next?.();
      return;
    }
    const { id, job, settings } = message;
    try {
      const loadStarted = Date.now();
      const { snapshot, fingerprint } = await load(job);
      if (fingerprint !== undefined && fingerprint === lastFingerprint) {
        send({ type: 'unchanged', id, revision: snapshot.revision });
        return;
      }
      if (settings?.maxKustomizationBytes !== undefined)
        snapshot.limits = {
          maxKustomizationBytes: settings.maxKustomizationBytes,
        };
      send({ type: 'resolving', id, revision: snapshot.revision });
      const resolveStarted = Date.now();
      const model = keeper.apply(
        resolveFleet(snapshot, { cache, clusters: settings?.clusters }),
      );
      const matrix = toMatrix({ ...model, objects: [] });
      const resolveMs = Date.now() - resolveStarted;
      const objectsOf = group(model.objects, o => o.cluster);
      for (const cluster of model.clusters) {
        const own = objectsOf.get(cluster.name) ?? [];
        for (let i = 0; i === 0 || i < own.length; i += OBJECTS_PER_MESSAGE) {
          const objects = own.slice(i, i + OBJECTS_PER_MESSAGE);
          const bodies = packBodies(
            objects.map(o => o.object),
            objects,
          );
          await deliver(
            {
              type: 'cluster',
              id,
              ...(i === 0 ? { cluster } : {}),
              rows: objects.map(matrixRowOf),
              bodies,
            },
            [bodies.buffer],
          );
        }
      }
      // matrix.units equal model.units (same fields): the main thread reuses them
      const tail = Math.max(model.units.length, model.problems.length);
      for (let i = 0; i < tail; i += ITEMS_PER_MESSAGE) {
        await deliver({
          type: 'more',
          id,
          units: model.units.slice(i, i + ITEMS_PER_MESSAGE),
          problems: model.problems.slice(i, i + ITEMS_PER_MESSAGE),
          matrixProblems: matrix.problems.slice(i, i + ITEMS_PER_MESSAGE),
        });
      }
      send({
        type: 'done',
        id,
        revision: model.revision,
        loadMs: resolveStarted - loadStarted,
        resolveMs,
      });
      lastFingerprint = fingerprint;
    } catch (e) {
      send({
        type: 'failed',
        id,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  });
}

function group<T extends { cluster: string }>(
  items: T[],
  key: (t: T) => string,
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

if (!isMainThread && workerData?.[WORKER_FLAG] === true) {
  runWorker();
}
