import { mockServices } from '@backstage/backend-test-utils';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { readFleetConfig } from '../readFleetConfig';
import { createFleetSource } from './createFleetSource';

describe('createFleetSource', () => {
  it('gives a URL source the read timeout of fleet.source.timeout', async () => {
    // a host that never answers: only the configured timeout ends the read
    const reader: UrlReaderService = {
      readUrl: () => new Promise(() => {}),
      readTree: () => new Promise(() => {}),
      search: () => new Promise(() => {}),
    };
    const config = readFleetConfig(
      new ConfigReader({
        fleet: {
          source: {
            url: 'https://github.com/o/r/tree/main',
            timeout: { milliseconds: 300 },
          },
        },
      }),
    );
    const source = await createFleetSource({
      config,
      logger: mockServices.logger.mock(),
      urlReader: () => reader,
    });
    const started = Date.now();
    await expect(source.poll(null)).rejects.toThrow(
      /0\.3 s|300 ms|timed? ?out/i,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
