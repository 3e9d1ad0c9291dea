/*
 * For module.faults.test.ts: a real git repository holding the example
 * fleet, and the real catalog with the fleet module and a handle on the
 * shared fleet service, on a database the caller keeps (so a second
 * backend can start on what the first one left). Log lines are captured.
 */
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  fleetServiceRef,
  type FleetService,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { catalogModuleFleet } from '../module';

const exampleFleet = resolve(__dirname, '../../../../examples/fleet');
/** Every info, warn and error line of every plugin. */
export const logs: string[] = [];
const capture = (): LoggerService => {
  const at = (level: string) => (message: string) => {
    logs.push(`${level} ${message}`);
  };
  const logger: LoggerService = {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: () => {},
    child: () => logger,
  };
  return logger;
};

const EMPTY_LIST =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n';

/** A git repository holding the example fleet, and a way to commit to it. */
export async function fleetRepository() {
  const dir = await fs.mkdtemp(join(tmpdir(), 'fleet-faults-'));
  await fs.cp(exampleFleet, dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
      { cwd: dir, stdio: 'pipe' },
    ).toString();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'fleet');
  const write = async (files: Record<string, string>, message: string) => {
    for (const [file, content] of Object.entries(files)) {
      await fs.mkdir(join(dir, file, '..'), { recursive: true });
      await fs.writeFile(join(dir, file), content);
    }
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  const read = (file: string) => fs.readFile(join(dir, file), 'utf8');
  /**
   * Commits every cluster's infra list emptied (a commit that removes most
   * entities); returns those files as they were, for the revert.
   */
  const emptyInfraLists = async (message: string) => {
    const infra = ['dev', 'prod', 'test'].map(
      c => `clusters/${c}/infra/kustomization.yaml`,
    );
    const originals: Record<string, string> = Object.fromEntries(
      await Promise.all(infra.map(async f => [f, await read(f)])),
    );
    await write(Object.fromEntries(infra.map(f => [f, EMPTY_LIST])), message);
    return originals;
  };
  return { dir, git, write, read, emptyInfraLists };
}

/** The catalog, the fleet module and a handle on the shared fleet service. */
export async function startCatalog(repo: string, knex: any) {
  const handle: { fleet?: FleetService } = {};
  const backend = await startTestBackend({
    features: [
      mockServices.database.factory({ knex }),
      catalogBackend,
      catalogModuleFleet,
      createBackendPlugin({
        pluginId: 'fleet',
        register(env) {
          env.registerInit({
            deps: { service: fleetServiceRef },
            async init({ service }) {
              handle.fleet = service;
            },
          });
        },
      }),
      createServiceFactory({
        service: coreServices.logger,
        deps: {},
        factory: capture,
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.rootConfig.factory({
        data: {
          fleet: { source: { path: repo } },
          catalog: { processingInterval: { seconds: 1 } },
        },
      }),
    ],
  });
  const resources = async (): Promise<Record<string, string>> => {
    const res = await request(backend.server).get(
      '/api/catalog/entities?filter=kind=resource',
    );
    return Object.fromEntries(
      ((res.body ?? []) as any[]).map(e => [
        e.metadata.name,
        e.metadata.annotations['flux-fleet.io/problems'] ?? '',
      ]),
    );
  };
  return { backend, fleet: () => handle.fleet!, resources };
}

/** Resolves once `check` holds (polled every 500 ms), or throws after `ms`. */
export async function waitFor(check: () => Promise<boolean>, ms = 60_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 500));
  }
}
/** A few seconds for the catalog to process what it was given. */
export const settle = () => new Promise(r => setTimeout(r, 3000));
