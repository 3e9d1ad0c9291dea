import { mockServices } from '@backstage/backend-test-utils';
import type { FleetModel } from '../engine/model/resolveFleet';
import { snapshotFromFiles } from '../engine/loader/loadLocalSnapshot';
import { DefaultFleetService } from './DefaultFleetService';

type Read = {
  model: FleetModel;
  snapshot: ReturnType<typeof snapshotFromFiles>;
};
const matrix = (revision: string): Read => ({
  model: {
    revision,
    clusters: [
      {
        name: 'dev',
        path: 'clusters/dev',
        entrypoint: 'clusters/dev',
        kustomizations: [],
        filesRead: new Set(),
      },
    ],
    objects: [],
    units: [],
    problems: [],
  },
  snapshot: snapshotFromFiles({}),
});

describe('DefaultFleetService', () => {
  it('reads once and serves the same state until refreshed', async () => {
    const read = jest.fn(async () => matrix('a'));
    const service = new DefaultFleetService({
      read,
      logger: mockServices.logger.mock(),
    });
    const first = await service.getState();
    const second = await service.getState();
    expect(read).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(first.matrix.revision).toBe('a');
  });

  it('keeps the last good matrix when a refresh fails', async () => {
    const read = jest
      .fn<Promise<Read>, []>()
      .mockResolvedValueOnce(matrix('good'))
      .mockRejectedValueOnce(new Error('clusters/ is gone'));
    const service = new DefaultFleetService({
      read,
      logger: mockServices.logger.mock(),
    });
    await service.getState();
    const after = await service.refresh();
    expect(after.matrix.revision).toBe('good');
    expect(after.lastError?.message).toBe('clusters/ is gone');
  });

  it('fails the first read loudly when there is no good state to fall back to', async () => {
    const read = jest.fn(async (): Promise<Read> => {
      throw new Error('no such directory');
    });
    const service = new DefaultFleetService({
      read,
      logger: mockServices.logger.mock(),
    });
    await expect(service.getState()).rejects.toThrow('no such directory');
  });
});
