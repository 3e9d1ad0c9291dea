/*
 * The removal guard's reason reaches the shared fleet service, whose status
 * fleet-backend's `/status` serves (`catalogGuard`), on the real catalog and
 * the real engine over a real git repository: set when a commit would
 * remove most entities, cleared once a model is applied again.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  fleetRepository,
  settle,
  startCatalog,
  waitFor,
} from './__testUtils__/catalogFaults';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('the removal guard in the fleet service status', () => {
  jest.setTimeout(300_000);

  it('records why a model was refused, and clears it when one is applied', async () => {
    const repo = await fleetRepository();
    const knex = await databases.init('SQLITE_3');
    const { backend, fleet, resources } = await startCatalog(repo.dir, knex);
    try {
      await waitFor(async () => Object.keys(await resources()).length >= 18);
      await waitFor(async () => fleet().getStatus().catalogGuard === null);
      const before = await resources();

      const originals = await repo.emptyInfraLists('remove most');
      const refused = await fleet().refresh();
      await waitFor(async () => Boolean(fleet().getStatus().catalogGuard));
      expect(fleet().getStatus().catalogGuard).toEqual({
        provider: 'fleet-provider:default',
        revision: refused.revision,
        reason: expect.stringMatching(
          new RegExp(
            `^the model at ${refused.revision} would remove \\d+ of \\d+ entities, more than fleet\\.catalog\\.maxRemovalShare \\(0\\.5\\)$`,
          ),
        ),
        at: expect.any(String),
      });
      await settle();
      expect(await resources()).toEqual(before);

      await repo.write(originals, 'back');
      await fleet().refresh();
      await waitFor(async () => fleet().getStatus().catalogGuard === null);
      expect(await resources()).toEqual(before);
    } finally {
      await backend.stop();
    }
  });
});
