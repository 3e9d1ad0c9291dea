/*
 * Faults the catalog must survive, on the real catalog and the real engine
 * over a real git repository: a commit that removes most entities and one
 * with zero clusters (refused by the removal guard, the logs say why),
 * broken commits in a row and their revert (nothing lost meanwhile,
 * entities fresh after), a name the catalog would reject next to valid
 * ones, and the backend stopped in the middle of a refresh and started
 * again on the same database.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  fleetRepository,
  logs,
  settle,
  startCatalog,
  waitFor,
} from './__testUtils__/catalogFaults';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const namespace = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('the fleet catalog module under faults', () => {
  jest.setTimeout(300_000);

  it('keeps every entity through removals, zero clusters and broken commits, and is fresh after the revert', async () => {
    const repo = await fleetRepository();
    const knex = await databases.init('SQLITE_3');
    const { backend, fleet, resources } = await startCatalog(repo.dir, knex);
    try {
      await waitFor(async () => Object.keys(await resources()).length >= 18);
      const before = await resources();
      expect(before.prod).toBe('0');

      // most entities: every cluster's infra list emptied
      const originals = await repo.emptyInfraLists('remove most');
      await fleet().refresh();
      await settle();
      expect(await resources()).toEqual(before);
      expect(logs.join('\n')).toMatch(
        /would remove \d+ of \d+ entities, more than fleet.catalog.maxRemovalShare/,
      );

      // zero clusters: every file gone but a README
      repo.git('rm', '-r', '-q', 'clusters', 'apps', 'infrastructure');
      await repo.write({ 'README.md': 'emptied\n' }, 'zero clusters');
      const empty = await fleet().refresh();
      expect(empty.matrix.clusters).toEqual([]);
      await settle();
      expect(await resources()).toEqual(before);
      expect(logs.join('\n')).toMatch(/has no clusters/);
      repo.git('checkout', 'HEAD~2', '--', '.');
      await repo.write(originals, 'back');

      // three broken commits in a row: the cluster entities count the
      // problems, nothing goes away
      const broken = [
        'clusters/prod/apps/kustomization.yaml',
        'clusters/prod/infra/kustomization.yaml',
        'apps/podinfo/base/kustomization.yaml',
      ];
      const good = Object.fromEntries(
        await Promise.all(broken.map(async f => [f, await repo.read(f)])),
      );
      for (const file of broken) {
        await repo.write(
          { [file]: `${good[file]}  - [broken\n` },
          `break ${file}`,
        );
        await fleet().refresh();
      }
      await waitFor(async () => (await resources()).prod !== '0');
      expect(Object.keys(await resources()).sort()).toEqual(
        Object.keys(before).sort(),
      );
      expect(Number((await resources()).prod)).toBeGreaterThan(0);

      // the revert: the same entities, no problems left
      await repo.write(good, 'revert');
      await fleet().refresh();
      await waitFor(async () => (await resources()).prod === '0');
      expect(await resources()).toEqual(before);
    } finally {
      await backend.stop();
    }
  });

  it('ingests every valid entity when one name is one the catalog would reject', async () => {
    const repo = await fleetRepository();
    const knex = await databases.init('SQLITE_3');
    const long = `n${'x'.repeat(62)}`; // a valid namespace, 63 characters
    await repo.write(
      {
        'clusters/dev/infra/extra.yaml': `${namespace(long)}---\n${namespace(
          'fresh',
        )}`,
        'clusters/dev/infra/kustomization.yaml': `${await repo.read(
          'clusters/dev/infra/kustomization.yaml',
        )}  - ./extra.yaml\n`,
      },
      'a long namespace name',
    );
    const { backend, resources } = await startCatalog(repo.dir, knex);
    try {
      await waitFor(async () => 'namespace-fresh' in (await resources()));
      const names = Object.keys(await resources());
      expect(names).toEqual(expect.arrayContaining(['dev', 'prod', 'test']));
      // "namespace-" + 63 characters is over the catalog's 63: the entity
      // carries a shortened name instead of being rejected
      const longEntity = names.filter(n => n.startsWith('namespace-nxxx'));
      expect(longEntity).toHaveLength(1);
      expect(longEntity[0].length).toBeLessThanOrEqual(63);
    } finally {
      await backend.stop();
    }
  });

  it('keeps the catalog when the backend stops mid-refresh, and rebuilds the model after the restart', async () => {
    const repo = await fleetRepository();
    const knex = await databases.init('SQLITE_3');
    const first = await startCatalog(repo.dir, knex);
    await waitFor(
      async () => Object.keys(await first.resources()).length >= 18,
    );
    const before = await first.resources();

    await repo.write(
      {
        'clusters/dev/infra/restart.yaml': namespace('after-restart'),
        'clusters/dev/infra/kustomization.yaml': `${await repo.read(
          'clusters/dev/infra/kustomization.yaml',
        )}  - ./restart.yaml\n`,
      },
      'while stopping',
    );
    // the resolve of the new commit runs while the backend stops
    const refresh = first
      .fleet()
      .refresh()
      .catch(e => e);
    await first.backend.stop();
    await refresh;

    const second = await startCatalog(repo.dir, knex);
    try {
      // before the new model is applied, the catalog holds what it had
      const kept = await second.resources();
      expect(Object.keys(before).every(n => n in kept)).toBe(true);
      await waitFor(
        async () => 'namespace-after-restart' in (await second.resources()),
      );
      expect(Object.keys(await second.resources()).sort()).toEqual(
        [...Object.keys(before), 'namespace-after-restart'].sort(),
      );
    } finally {
      await second.backend.stop();
    }
  });

  it('guards the first model after a restart against what the catalog holds from the run before', async () => {
    const repo = await fleetRepository();
    const knex = await databases.init('SQLITE_3');
    const first = await startCatalog(repo.dir, knex);
    let before: Record<string, string>;
    try {
      await waitFor(
        async () => Object.keys(await first.resources()).length >= 18,
      );
      before = await first.resources();
    } finally {
      await first.backend.stop();
    }
    // while the backend is down, a commit empties every cluster's infra list
    await repo.emptyInfraLists('remove most while down');
    logs.length = 0;
    const second = await startCatalog(repo.dir, knex);
    try {
      await waitFor(async () =>
        /would remove \d+ of \d+ entities, more than fleet.catalog.maxRemovalShare/.test(
          logs.join('\n'),
        ),
      );
      await settle();
      expect(await second.resources()).toEqual(before);
    } finally {
      await second.backend.stop();
    }
  });
});
