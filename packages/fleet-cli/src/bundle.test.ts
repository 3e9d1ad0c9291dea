/*
 * The installable `fleet`: bundled to plain JavaScript by scripts/bundle.js
 * and run from a directory that holds only bin/ and dist/, as npm installs
 * the packed package (no sources, no TypeScript transform, no workspace).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PKG = path.resolve(__dirname, '..');
const EXAMPLE = path.resolve(PKG, '../../examples/fleet');

describe('the bundled fleet command', () => {
  let dir: string;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [path.join(dir, 'bin/fleet'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 60_000,
    });

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fleet-bundle-'));
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(path.join(PKG, 'bin/fleet'), path.join(dir, 'bin/fleet'));
    execFileSync(process.execPath, [
      path.join(PKG, 'scripts/bundle.js'),
      path.join(dir, 'dist/fleet'),
    ]);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage without loading the engine', () => {
    const r = run(['--help']);
    expect([r.status, r.stdout.split('\n')[0]]).toEqual([
      0,
      'Usage: fleet <command> [options]',
    ]);
  });

  it('resolves the example fleet from plain JavaScript', () => {
    const r = run(['matrix', '--repo', EXAMPLE, '--json']);
    expect(r.status).toBe(0);
    expect(
      JSON.parse(r.stdout).clusters.map((c: { name: string }) => c.name),
    ).toEqual(['dev', 'prod', 'test']);
  });
});
