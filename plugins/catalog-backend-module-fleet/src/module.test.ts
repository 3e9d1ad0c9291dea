import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { resolve } from 'node:path';
import request from 'supertest';
import { catalogModuleFleet } from './module';

const exampleFleet = resolve(__dirname, '../../../examples/fleet');

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
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
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'], disableDocker: true });

describe('catalogModuleFleet', () => {
  it('covers every database the environment requires', () => {
    // FLEET_REQUIRE_POSTGRES is set by scripts/test.sh, so CI cannot silently drop PostgreSQL.
    const required = process.env.FLEET_REQUIRE_POSTGRES ? ['SQLITE_3', 'POSTGRES_15'] : ['SQLITE_3'];
    expect(databases.eachSupportedId().flat()).toEqual(expect.arrayContaining(required));
  });

  it.each(databases.eachSupportedId())('puts the example fleet clusters and namespaces into a real catalog on %s', async databaseId => {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        mockServices.database.factory({ knex }),
        catalogBackend,
        catalogModuleFleet,
        // run the provider's first (delayed) refresh at startup, as the real scheduler would after 3 s
        mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            fleet: { source: { path: exampleFleet } },
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'Resource', 'Location'] }],
            },
          },
        }),
      ],
    });
    // Every namespace any example cluster creates, and the three clusters.
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
    let names: string[] = [];
    // The catalog stitches entities in the background: wait until as many as
    // expected are visible, then compare the whole set.
    await waitFor(async () => {
      const res = await request(server).get('/api/catalog/entities/by-query?filter=kind=resource');
      const items: { metadata: { name: string }; spec: { type: string } }[] = res.body.items ?? [];
      names = items.map(e => `${e.spec.type}:${e.metadata.name}`).sort();
      return names.length >= expected.length ? true : undefined;
    }).catch(() => undefined);
    expect(names).toEqual(expected);
  }, 90_000);
});
