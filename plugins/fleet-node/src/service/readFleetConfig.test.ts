import { ConfigReader } from '@backstage/config';
import { resolve } from 'node:path';
import { readFleetConfig } from './readFleetConfig';

describe('readFleetConfig', () => {
  it('resolves a relative local path against the working directory', () => {
    const config = new ConfigReader({ fleet: { source: { path: 'examples/fleet' } } });
    expect(readFleetConfig(config)).toEqual({
      source: { type: 'local', path: resolve('examples/fleet') },
    });
  });

  it('rejects a configuration with both a path and a url', () => {
    const config = new ConfigReader({
      fleet: { source: { path: '/x', url: 'https://github.com/o/r' } },
    });
    expect(() => readFleetConfig(config)).toThrow(/both "path" and "url"/);
  });

  it('says what to set when there is no source', () => {
    expect(() => readFleetConfig(new ConfigReader({}))).toThrow(
      /fleet.source.path is missing/,
    );
  });
});
