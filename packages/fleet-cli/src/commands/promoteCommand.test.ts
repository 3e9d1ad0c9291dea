import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  EXAMPLE_FLEET as EXAMPLE,
  runMain as run,
} from '../__testUtils__/runFleet';

const PROD_APPS = 'clusters/prod/apps/kustomization.yaml';
const PROD_INFRA = 'clusters/prod/infra/kustomization.yaml';

/** Every file under `dir`, by relative path. */
async function tree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, await tree(dir, rel));
    else out[rel] = await fs.readFile(path.join(dir, rel), 'utf8');
  }
  return out;
}

// git, file copies and whole-fleet resolves: slow on a loaded 2-core machine
jest.setTimeout(60_000);
describe('fleet promote', () => {
  let repo: string;
  let original: Record<string, string>;

  beforeEach(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-promote-'));
    await fs.cp(EXAMPLE, repo, { recursive: true });
    // a reviewer's comment in the list the promotion edits must survive
    const apps = path.join(repo, PROD_APPS);
    await fs.writeFile(
      apps,
      `# prod: explicit and boring\n${await fs.readFile(apps, 'utf8')}`,
    );
    original = await tree(repo);
  });
  afterEach(() => fs.rm(repo, { recursive: true, force: true }));

  it('adds foo-app and namespace foo to prod in place, keeps comments, and changes nothing the second time', async () => {
    const first = await run(
      ['promote', '--repo', repo, '--app', 'foo-app', '--to', 'prod'],
      repo,
    );
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(
      `updated ${PROD_APPS}\nupdated ${PROD_INFRA}\n`,
    );
    expect(first.stdout).toContain('prod: 3 added, 0 changed, 0 removed');
    const after = await tree(repo);
    expect(Object.keys(after).filter(p => after[p] !== original[p])).toEqual([
      PROD_APPS,
      PROD_INFRA,
    ]);
    expect(after[PROD_APPS]).toBe(
      `${original[PROD_APPS]}  - ../../../apps/foo-app/base\n`,
    );
    expect(after[PROD_APPS].startsWith('# prod: explicit and boring\n')).toBe(
      true,
    );
    expect(after[PROD_INFRA]).toBe(
      `${original[PROD_INFRA]}  - ../../../infrastructure/namespaces/test-only/ns-foo.yaml\n`,
    );

    const second = await run(
      ['promote', '--repo', repo, '--app', 'foo-app', '--to', 'prod'],
      repo,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to change');
    expect(await tree(repo)).toEqual(after);
  });

  it('prints the diff and the per-cluster changes with --dry-run and writes nothing', async () => {
    const r = await run(
      [
        'promote',
        '--repo',
        repo,
        '--app',
        'foo-app',
        '--to',
        'prod',
        '--dry-run',
      ],
      repo,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`+++ b/${PROD_APPS}`);
    expect(r.stdout).toContain('+  - ../../../apps/foo-app/base');
    expect(r.stdout).toContain('  + Deployment foo/foo-app');
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(await tree(repo)).toEqual(original);
  });

  it('refuses a promotion that would break the target build, exits 1 and writes nothing', async () => {
    await fs.writeFile(
      path.join(repo, 'clusters/prod/apps/legacy.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: foo-app\n  namespace: foo\n',
    );
    await fs.appendFile(path.join(repo, PROD_APPS), '  - legacy.yaml\n');
    const before = await tree(repo);
    const r = await run(
      ['promote', '--repo', repo, '--app', 'foo-app', '--to', 'prod'],
      repo,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^fleet: promotion refused, nothing was changed: The change would break the fleet/,
    );
    expect(await tree(repo)).toEqual(before);
  });

  it('promotes a test-only Kyverno policy to every cluster and switches it from Audit to Enforce with --enforce', async () => {
    const policy =
      'infrastructure/policies/kyverno/test-only/deny-latest-tag.yaml';
    const shared =
      'infrastructure/policies/kyverno/shared/deny-latest-tag.yaml';
    const text = original[policy];
    expect(text).toContain('validationFailureAction: Audit');
    const r = await run(
      [
        'promote',
        '--repo',
        repo,
        '--app',
        'deny-latest-tag',
        '--to',
        'dev,prod',
        '--enforce',
      ],
      repo,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`created ${shared}\n`);
    expect(r.stdout).toContain(`deleted ${policy}\n`);
    const after = await tree(repo);
    expect(after[policy]).toBeUndefined();
    expect(after[shared]).toBe(
      text.replace(
        'validationFailureAction: Audit',
        'validationFailureAction: Enforce',
      ),
    );
    // the policy now reaches dev and prod, and test keeps it (changed: Enforce)
    expect(r.stdout).toMatch(/^dev: 1 added, 0 changed, 0 removed$/m);
    expect(r.stdout).toMatch(/^prod: 1 added, 0 changed, 0 removed$/m);
    expect(r.stdout).toMatch(/^test: 0 added, 1 changed, 0 removed$/m);
  });

  it('keeps Audit without --enforce, and says --enforce changes nothing for an app', async () => {
    const policy = await run(
      [
        'promote',
        '--repo',
        repo,
        '--app',
        'deny-latest-tag',
        '--to',
        'dev,prod',
        '--dry-run',
      ],
      repo,
    );
    expect(policy.code).toBe(0);
    expect(policy.stdout).not.toContain('Enforce');
    const app = await run(
      [
        'promote',
        '--repo',
        repo,
        '--app',
        'foo-app',
        '--to',
        'prod',
        '--enforce',
        '--dry-run',
      ],
      repo,
    );
    expect(app.code).toBe(0);
    expect(app.stderr).toBe(
      'warning: Enforce applies to Kyverno policies; foo-app is an app, so it changes nothing there.\n',
    );
    expect(await tree(repo)).toEqual(original);
  });

  it('is a usage error without --to, and an input error for an unknown app', async () => {
    expect(
      (await run(['promote', '--repo', repo, '--app', 'foo-app'], repo)).code,
    ).toBe(2);
    const r = await run(
      ['promote', '--repo', repo, '--app', 'nope', '--to', 'prod'],
      repo,
    );
    expect(r).toMatchObject({
      code: 1,
      stderr: 'fleet: The fleet has no app "nope" (no unit apps/nope).\n',
    });
  });
});
