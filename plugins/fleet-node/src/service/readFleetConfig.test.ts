import { ConfigReader } from '@backstage/config';
import { resolve } from 'node:path';
import { DEFAULT_REFRESH_SCHEDULE, readFleetConfig } from './readFleetConfig';

describe('readFleetConfig', () => {
  it('resolves a relative local path against the working directory, with the defaults', () => {
    const config = new ConfigReader({
      fleet: { source: { path: 'examples/fleet' } },
    });
    expect(readFleetConfig(config)).toEqual({
      source: {
        type: 'local',
        path: resolve('examples/fleet'),
        embedded: false,
      },
      dataDir: resolve('.fleet-data'),
      schedule: DEFAULT_REFRESH_SCHEDULE,
      resolve: {
        timeoutMs: 120_000,
        maxMemoryMb: 2048,
        maxFileBytes: 5 * 1024 * 1024,
        maxDirectoryBytes: 64 * 1024 * 1024,
        maxRepositoryBytes: 256 * 1024 * 1024,
        maxKustomizationBytes: 1024 * 1024,
      },
      clusters: [],
    });
  });

  it('reads fleet.clusters with their entry paths and variables', () => {
    const config = new ConfigReader({
      fleet: {
        source: { path: '/fleet' },
        clusters: [
          {
            name: 'edge-1',
            path: './hub/edge-1/',
            variables: { region: 'eu' },
          },
          { name: 'staging', path: 'clusters/test' },
        ],
      },
    });
    expect(readFleetConfig(config).clusters).toEqual([
      { name: 'edge-1', path: 'hub/edge-1', variables: { region: 'eu' } },
      { name: 'staging', path: 'clusters/test' },
    ]);
  });

  it.each([
    [{ name: 'Edge_1', path: 'x' }, /is not a cluster name/],
    [{ name: 'edge', path: '../outside' }, /inside the fleet repository/],
    [{ name: 'edge', path: '/abs' }, /inside the fleet repository/],
  ])('rejects the cluster %j', (cluster, message) => {
    const config = new ConfigReader({
      fleet: { source: { path: '/fleet' }, clusters: [cluster] },
    });
    expect(() => readFleetConfig(config)).toThrow(message);
  });

  it('rejects a cluster named twice', () => {
    const config = new ConfigReader({
      fleet: {
        source: { path: '/fleet' },
        clusters: [
          { name: 'edge', path: 'a' },
          { name: 'edge', path: 'b' },
        ],
      },
    });
    expect(() => readFleetConfig(config)).toThrow(/twice/);
  });

  it('reads the refresh schedule, the resolve budget and the embedded options', () => {
    const config = new ConfigReader({
      fleet: {
        source: { path: '/fleet', branch: 'release', embedded: true },
        dataDir: '/data',
        refresh: {
          frequency: { seconds: 15 },
          timeout: 'PT1M',
          scope: 'local',
        },
        resolve: { timeout: 'PT30S', maxMemoryMb: 512 },
      },
    });
    const read = readFleetConfig(config);
    expect(read.source).toEqual({
      type: 'local',
      path: '/fleet',
      branch: 'release',
      embedded: true,
    });
    expect(read.dataDir).toBe('/data');
    expect(read.schedule).toEqual({
      frequency: { seconds: 15 },
      timeout: { minutes: 1 },
      scope: 'local',
    });
    expect(read.resolve.timeoutMs).toBe(30_000);
    expect(read.resolve.maxMemoryMb).toBe(512);
  });

  it('reads the size bounds of a repository', () => {
    const config = new ConfigReader({
      fleet: {
        source: { path: '/fleet' },
        resolve: {
          maxFileBytes: 1000,
          maxDirectoryBytes: 5000,
          maxRepositoryBytes: 20000,
        },
      },
    });
    expect(readFleetConfig(config).resolve).toMatchObject({
      maxFileBytes: 1000,
      maxDirectoryBytes: 5000,
      maxRepositoryBytes: 20000,
      // unset: the default, bounded by the per-file bound
      maxKustomizationBytes: 1000,
    });
  });

  it('reads the bound of a kustomization file', () => {
    const config = new ConfigReader({
      fleet: {
        source: { path: '/fleet' },
        resolve: { maxKustomizationBytes: 4096 },
      },
    });
    expect(readFleetConfig(config).resolve.maxKustomizationBytes).toBe(4096);
  });

  it.each([
    [{ maxDirectoryBytes: 0 }, /maxDirectoryBytes must be positive/],
    [{ maxRepositoryBytes: -1 }, /maxRepositoryBytes must be positive/],
    [{ maxFileBytes: 1.5 }, /maxFileBytes must be a whole number/],
    [
      { maxDirectoryBytes: 2000, maxRepositoryBytes: 1000 },
      /maxRepositoryBytes \(1000\) must be at least fleet.resolve.maxDirectoryBytes \(2000\)/,
    ],
    [{ maxRepositoryBytes: 'big' }, /maxRepositoryBytes/],
    [{ maxKustomizationBytes: 0 }, /maxKustomizationBytes must be positive/],
    [
      { maxKustomizationBytes: 10.5 },
      /maxKustomizationBytes must be a whole number/,
    ],
    [
      { maxFileBytes: 1000, maxKustomizationBytes: 2000 },
      /maxKustomizationBytes \(2000\) must be at most fleet.resolve.maxFileBytes \(1000\)/,
    ],
  ])('rejects the size bounds %j at startup', (bounds, message) => {
    const config = new ConfigReader({
      fleet: { source: { path: '/fleet' }, resolve: bounds },
    });
    expect(() => readFleetConfig(config)).toThrow(message);
  });

  it('keeps fleet.refreshIntervalMinutes as an alias of the refresh frequency', () => {
    const config = new ConfigReader({
      fleet: { source: { path: '/x' }, refreshIntervalMinutes: 5 },
    });
    expect(readFleetConfig(config).schedule).toEqual({
      ...DEFAULT_REFRESH_SCHEDULE,
      frequency: { minutes: 5 },
    });
  });

  it('reads a URL source', () => {
    const config = new ConfigReader({
      fleet: { source: { url: 'https://github.com/o/r/tree/main' } },
    });
    expect(readFleetConfig(config).source).toEqual({
      type: 'url',
      url: 'https://github.com/o/r/tree/main',
    });
  });

  it('reads the read timeout of a URL source and refuses it on a local one', () => {
    const read = (source: object) =>
      readFleetConfig(new ConfigReader({ fleet: { source } })).source;
    expect(
      read({ url: 'https://github.com/o/r/tree/main', timeout: 'PT30S' }),
    ).toEqual({
      type: 'url',
      url: 'https://github.com/o/r/tree/main',
      timeoutMs: 30_000,
    });
    expect(
      read({ url: 'https://github.com/o/r', timeout: { minutes: 2 } }),
    ).toMatchObject({ timeoutMs: 120_000 });
    expect(() =>
      read({ url: 'https://github.com/o/r', timeout: { seconds: 0 } }),
    ).toThrow('fleet.source.timeout must be positive, not 0.');
    expect(() => read({ path: '/x', timeout: 'PT1M' })).toThrow(
      'fleet.source.timeout applies to fleet.source.url only',
    );
  });

  it('rejects a configuration with both a path and a url', () => {
    const config = new ConfigReader({
      fleet: { source: { path: '/x', url: 'https://github.com/o/r' } },
    });
    expect(() => readFleetConfig(config)).toThrow(/both "path" and "url"/);
  });

  it('rejects a branch on a URL source', () => {
    const config = new ConfigReader({
      fleet: { source: { url: 'https://github.com/o/r', branch: 'main' } },
    });
    expect(() => readFleetConfig(config)).toThrow(
      /apply to fleet.source.path only/,
    );
  });

  it('says what to set when there is no source', () => {
    expect(() => readFleetConfig(new ConfigReader({}))).toThrow(
      /fleet.source.path is missing/,
    );
  });
});
