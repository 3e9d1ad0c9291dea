import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
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
import { catalogModuleFleet, readEmittedRefs } from './module';

const exampleFleet = resolve(__dirname, '../../../examples/fleet');
const exampleComponents = resolve(
  __dirname,
  '../../../examples/catalog/components.yaml',
);

async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 500));
  }
}

// SQLite always; PostgreSQL 15 when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// is set (scripts/test.sh starts the local server and sets it; no Docker here).
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

describe('catalogModuleFleet', () => {
  it('covers every database the environment requires', () => {
    // FLEET_REQUIRE_POSTGRES is set by scripts/test.sh, so CI cannot silently drop PostgreSQL.
    const required = process.env.FLEET_REQUIRE_POSTGRES
      ? ['SQLITE_3', 'POSTGRES_15']
      : ['SQLITE_3'];
    expect(databases.eachSupportedId().flat()).toEqual(
      expect.arrayContaining(required),
    );
  });

  it.each(databases.eachSupportedId())(
    'puts the example fleet into a real catalog and relates components to their clusters on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          mockServices.database.factory({ knex }),
          catalogBackend,
          catalogModuleFleet,
          // run the provider's first (delayed) refresh at startup, as the real scheduler would after 3 s
          mockServices.scheduler.factory({
            includeInitialDelayedTasksOnStartup: true,
          }),
          mockServices.rootConfig.factory({
            data: {
              fleet: { source: { path: exampleFleet } },
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [
                  { allow: ['Component', 'Resource', 'Location', 'System'] },
                ],
                locations: [{ type: 'file', target: exampleComponents }],
              },
            },
          }),
        ],
      });
      // The three clusters, every namespace any example cluster creates, and the
      // platform's policies and controllers (a spot check: the set is large).
      const expected = [
        'kubernetes-cluster:dev',
        'kubernetes-cluster:prod',
        'kubernetes-cluster:test',
        'kubernetes-namespace:namespace-cert-manager',
        'kubernetes-namespace:namespace-flux-system',
        'kubernetes-namespace:namespace-foo',
        'kubernetes-namespace:namespace-kyverno',
        'kubernetes-namespace:namespace-monitoring',
        'kubernetes-namespace:namespace-team-x',
      ];
      const spotChecks = [
        'kyverno-policy:policy-deny-latest-tag',
        'helm-release:controller-kyverno-kyverno',
      ];
      let names: string[] = [];
      // The catalog stitches entities in the background: wait until as many as
      // expected are visible, then compare the whole set.
      await waitFor(async () => {
        const res = await request(server).get(
          '/api/catalog/entities/by-query?filter=kind=resource',
        );
        const items: { metadata: { name: string }; spec: { type: string } }[] =
          res.body.items ?? [];
        names = items.map(e => `${e.spec.type}:${e.metadata.name}`).sort();
        return [...expected, ...spotChecks].every(n => names.includes(n))
          ? true
          : undefined;
      }).catch(() => undefined);
      expect(names.filter(n => n.startsWith('kubernetes-'))).toEqual(expected);
      expect(names).toEqual(expect.arrayContaining(spotChecks));
      // what a restarted backend's provider reads to drop leftovers of this run
      const emitted = await readEmittedRefs(knex, 'fleet-provider:default');
      expect(emitted).toEqual(
        expect.arrayContaining([
          'resource:default/dev',
          'resource:default/namespace-team-x',
        ]),
      );
      expect(emitted).toEqual(
        expect.arrayContaining(
          names.map(n => `resource:default/${n.slice(n.indexOf(':') + 1)}`),
        ),
      );

      // the cluster states what runs there (dependencyOf); the catalog gives
      // the namespace the reverse relation
      const resourceRelations = async (name: string, type: string) => {
        const res = await request(server).get(
          `/api/catalog/entities/by-name/resource/default/${name}`,
        );
        return (
          (res.body.relations ?? []) as { type: string; targetRef: string }[]
        )
          .filter(r => r.type === type)
          .map(r => r.targetRef)
          .sort();
      };
      let fooOn: string[] = [];
      await waitFor(async () => {
        fooOn = await resourceRelations('namespace-foo', 'dependsOn');
        return fooOn.length > 0 ? true : undefined;
      }).catch(() => undefined);
      expect(fooOn).toEqual(['resource:default/test']);
      expect(await resourceRelations('test', 'dependencyOf')).toEqual(
        expect.arrayContaining([
          'resource:default/namespace-foo',
          'resource:default/namespace-team-x',
        ]),
      );
      expect(await resourceRelations('dev', 'dependencyOf')).not.toContain(
        'resource:default/namespace-foo',
      );

      // podinfo runs on every cluster, foo-app on test only
      const relations = async (name: string) => {
        const res = await request(server).get(
          `/api/catalog/entities/by-name/component/default/${name}`,
        );
        return (
          (res.body.relations ?? []) as { type: string; targetRef: string }[]
        )
          .filter(r => r.type === 'deployedTo' || r.type === 'dependsOn')
          .map(r => `${r.type} ${r.targetRef}`)
          .sort();
      };
      const want = (type: string, clusters: string[]) =>
        clusters.map(c => `${type} resource:default/${c}`);
      const podinfo = [
        ...want('deployedTo', ['dev', 'prod', 'test']),
        ...want('dependsOn', ['dev', 'prod', 'test']),
      ].sort();
      let got: string[] = [];
      await waitFor(async () => {
        got = await relations('podinfo');
        return got.length >= podinfo.length ? true : undefined;
      }).catch(() => undefined);
      expect(got).toEqual(expect.arrayContaining(podinfo));
      expect(got.filter(r => r.includes('resource:default/'))).toEqual(podinfo);
      expect(await relations('foo-app')).toEqual(
        expect.arrayContaining([
          ...want('deployedTo', ['test']),
          ...want('dependsOn', ['test']),
        ]),
      );
      expect(
        (await relations('foo-app')).filter(r => r.startsWith('deployedTo')),
      ).toEqual(want('deployedTo', ['test']));
    },
    90_000,
  );

  it('follows commits to a local git repository: a promotion, a broken file, a vanished source', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'fleet-module-'));
    const repo = join(dir, 'fleet');
    await fs.cp(exampleFleet, repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
        { cwd: repo, stdio: 'pipe' },
      );
    const commit = async (file: string, edit: (text: string) => string) => {
      const path = join(repo, file);
      await fs.writeFile(path, edit(await fs.readFile(path, 'utf8')));
      git('commit', '-q', '-am', `change ${file}`);
    };
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'fleet');
    let fleet: FleetService | undefined;
    const backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleFleet,
        // the service is shared: this plugin refreshes it as the schedule would
        createBackendPlugin({
          pluginId: 'fleet',
          register(env) {
            env.registerInit({
              deps: { service: fleetServiceRef },
              async init({ service }) {
                fleet = service;
              },
            });
          },
        }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({
          data: {
            fleet: { source: { path: repo } },
            catalog: {
              // long: relations must follow through the provider's refresh key
              processingInterval: { minutes: 10 },
              rules: [
                { allow: ['Component', 'Resource', 'Location', 'System'] },
              ],
              locations: [{ type: 'file', target: exampleComponents }],
            },
          },
        }),
      ],
    });
    const { server } = backend;
    const deployedTo = async (name: string) => {
      const res = await request(server).get(
        `/api/catalog/entities/by-name/component/default/${name}`,
      );
      return (
        (res.body.relations ?? []) as { type: string; targetRef: string }[]
      )
        .filter(r => r.type === 'deployedTo')
        .map(r => r.targetRef)
        .sort();
    };
    const resources = async () => {
      const res = await request(server).get(
        '/api/catalog/entities?filter=kind=resource&fields=metadata.name',
      );
      return ((res.body ?? []) as { metadata: { name: string } }[])
        .map(e => e.metadata.name)
        .sort();
    };
    try {
      await waitFor(async () =>
        (await deployedTo('foo-app')).length === 1 ? true : undefined,
      );
      expect(await deployedTo('foo-app')).toEqual(['resource:default/test']);
      const entities = await resources();
      expect(entities).toEqual(expect.arrayContaining(['prod', 'test']));

      await commit(
        'clusters/prod/apps/kustomization.yaml',
        t => `${t.trimEnd()}\n  - ../../../apps/foo-app/base\n`,
      );
      await fleet!.refresh();
      await waitFor(async () =>
        (await deployedTo('foo-app')).length === 2 ? true : undefined,
      );
      expect(await deployedTo('foo-app')).toEqual([
        'resource:default/prod',
        'resource:default/test',
      ]);
      const promoted = (await fleet!.getState()).matrix.objects.length;

      await commit(
        'clusters/prod/infra/kustomization.yaml',
        t => `${t}  - [broken\n`,
      );
      const broken = await fleet!.refresh();
      expect(broken.revision).toBe(git('rev-parse', 'HEAD').toString().trim());
      expect(broken.matrix.objects.length).toBe(promoted);
      const stale = broken.matrix.objects.filter(o => o.stale);
      expect(stale.length).toBeGreaterThan(0);
      expect(new Set(stale.map(o => o.cluster))).toEqual(new Set(['prod']));
      expect(broken.matrix.problems).toContainEqual(
        expect.objectContaining({
          cluster: 'prod',
          file: 'clusters/prod/infra/kustomization.yaml',
          severity: 'error',
        }),
      );

      await fs.rename(repo, `${repo}-moved`);
      const vanished = await fleet!.refresh();
      expect(vanished.lastError?.message).toBeTruthy();
      expect(vanished.revision).toBe(broken.revision);
      expect(vanished.matrix.objects.length).toBe(promoted);
      // give the catalog a moment: nothing it shows may go away
      await new Promise(r => setTimeout(r, 3000));
      expect(await resources()).toEqual(entities);
      expect(await deployedTo('foo-app')).toEqual([
        'resource:default/prod',
        'resource:default/test',
      ]);
    } finally {
      await backend.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
