/*
 * PostgreSQL dropping the catalog's connections (what a server restart does
 * to a running backend; restarting the server itself needs root): every
 * connection of the catalog's database but the one asking is terminated
 * with pg_terminate_backend, and the catalog keeps its entities and takes
 * the next fleet model. Runs where PostgreSQL is configured
 * (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; CI sets it and
 * module.test.ts fails when FLEET_REQUIRE_POSTGRES is set without it).
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  fleetRepository,
  settle,
  startCatalog,
  waitFor,
} from './__testUtils__/catalogFaults';

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id === 'POSTGRES_15');
const namespace = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('the fleet catalog module when PostgreSQL drops its connections', () => {
  jest.setTimeout(300_000);

  it('runs on PostgreSQL whenever a connection string is configured', () => {
    expect(postgres.length > 0).toBe(
      Boolean(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING),
    );
  });

  for (const [databaseId] of postgres) {
    it(`keeps the entities and takes the next model on ${databaseId}`, async () => {
      const repo = await fleetRepository();
      const knex = await databases.init(databaseId);
      const { backend, fleet, resources } = await startCatalog(repo.dir, knex);
      try {
        await waitFor(async () => Object.keys(await resources()).length >= 18);
        const before = await resources();

        const killed = await knex.raw(
          'select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        expect(killed.rows.length).toBeGreaterThan(0);

        await repo.write(
          {
            'clusters/dev/infra/pg.yaml': namespace('after-pg'),
            'clusters/dev/infra/kustomization.yaml': `${await repo.read(
              'clusters/dev/infra/kustomization.yaml',
            )}  - ./pg.yaml\n`,
          },
          'after the connections dropped',
        );
        await fleet().refresh();
        await settle();
        await waitFor(async () => {
          const now = await resources().catch(() => ({}));
          return 'namespace-after-pg' in now;
        });
        expect(Object.keys(await resources()).sort()).toEqual(
          [...Object.keys(before), 'namespace-after-pg'].sort(),
        );
      } finally {
        await backend.stop();
      }
    });
  }
});
