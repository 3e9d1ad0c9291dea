import { mockServices } from '@backstage/backend-test-utils';
import type { FleetMatrix } from '@internal/plugin-fleet-common';
import { DefaultFleetService } from './DefaultFleetService';

const matrix = (revision: string): FleetMatrix => ({
  revision,
  clusters: [{ name: 'dev', path: 'clusters/dev' }],
  objects: [],
  units: [],
  problems: [],
});

describe('DefaultFleetService', () => {
  it('reads once and serves the same state until refreshed', async () => {
    const read = jest.fn(async () => matrix('a'));
    const service = new DefaultFleetService({ read, logger: mockServices.logger.mock() });
    const first = await service.getState();
    const second = await service.getState();
    expect(read).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(first.matrix.revision).toBe('a');
  });

  it('keeps the last good matrix when a refresh fails', async () => {
    const read = jest
      .fn<Promise<FleetMatrix>, []>()
      .mockResolvedValueOnce(matrix('good'))
      .mockRejectedValueOnce(new Error('clusters/ is gone'));
    const service = new DefaultFleetService({ read, logger: mockServices.logger.mock() });
    await service.getState();
    const after = await service.refresh();
    expect(after.matrix.revision).toBe('good');
    expect(after.lastError?.message).toBe('clusters/ is gone');
  });

  it('fails the first read loudly when there is no good state to fall back to', async () => {
    const read = jest.fn(async (): Promise<FleetMatrix> => {
      throw new Error('no such directory');
    });
    const service = new DefaultFleetService({ read, logger: mockServices.logger.mock() });
    await expect(service.getState()).rejects.toThrow('no such directory');
  });
});
