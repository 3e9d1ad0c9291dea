import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

// The backend runs from packages/backend, so relative paths in the app config
// are resolved from there, as Backstage resolves file locations.
const backendDir = resolve(__dirname, '..');
const root = resolve(backendDir, '../..');

function appConfig(name: string) {
  return parse(readFileSync(resolve(root, name), 'utf8'));
}

describe('app-config.yaml', () => {
  const config = appConfig('app-config.yaml');

  it('points the fleet source at the bundled example fleet with its three clusters', () => {
    const fleet = resolve(backendDir, config.fleet.source.path);
    expect(fleet).toBe(resolve(root, 'examples/fleet'));
    for (const cluster of ['dev', 'test', 'prod']) {
      expect(
        existsSync(resolve(fleet, 'clusters', cluster, 'kustomization.yaml')),
      ).toBe(true);
    }
  });

  it('registers catalog file locations that all exist, including the fleet components', () => {
    const targets: string[] = config.catalog.locations
      .filter((l: { type: string }) => l.type === 'file')
      .map((l: { target: string }) => resolve(backendDir, l.target));
    expect(targets.filter(t => !existsSync(t))).toEqual([]);
    expect(targets).toContain(
      resolve(root, 'examples/catalog/components.yaml'),
    );
  });

  it('uses SQLite in memory and guest sign-in for development', () => {
    expect(config.backend.database).toEqual({
      client: 'better-sqlite3',
      connection: ':memory:',
    });
    expect(config.auth.providers.guest).toBeDefined();
  });

  it('uses PostgreSQL in production', () => {
    expect(
      appConfig('app-config.production.yaml').backend.database.client,
    ).toBe('pg');
  });
});
