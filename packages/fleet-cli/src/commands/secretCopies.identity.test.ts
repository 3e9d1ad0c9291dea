/*
 * Secret values that kustomize copies into an object's name, namespace or
 * label, asked for through the commands whose output leaves the machine:
 * `matrix --json`, `check --json`, `diff` and `promote --dry-run` name the
 * object by a placeholder and report `secret-in-identity`; `build` prints
 * what `kubectl kustomize` prints, by contract.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, runMain as run, type FleetRun } from '../__testUtils__/runFleet';

jest.setTimeout(60_000);

// short values: the engine's record of the copy is all that hides them
const LEAKS = ['Kq3v', 'Wx8p', 'Jm2t'];

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources: [ns.yaml]\n',
  'clusters/dev/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
  'clusters/test/kustomization.yaml': 'resources: [../dev/ns.yaml]\n',
  'apps/idl/kustomization.yaml': `resources: [all.yaml]
replacements:
- source: {kind: Secret, name: creds, fieldPath: stringData.name}
  targets: [{select: {kind: ConfigMap}, fieldPaths: [metadata.name], options: {delimiter: "-", index: 1}}]
- source: {kind: Secret, name: creds, fieldPath: stringData.ns}
  targets: [{select: {kind: Deployment}, fieldPaths: [metadata.namespace]}]
- source: {kind: Secret, name: creds, fieldPath: stringData.label}
  targets: [{select: {kind: Service}, fieldPaths: [metadata.labels.team]}]
`,
  'apps/idl/all.yaml': `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: n}
stringData: {name: Wx8p, ns: Kq3v, label: Jm2t}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg-x, namespace: n}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: n}
spec: {template: {spec: {containers: [{name: web, image: "web:1"}]}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: n, labels: {team: x}}
`,
};

describe('Secret values copied into an object identity, in the CLI', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-secret-ids-'));
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(repo, file)), { recursive: true });
      await fs.writeFile(path.join(repo, file), text);
    }
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'fleet');
    // the head revision: dev lists the app
    await fs.writeFile(
      path.join(repo, 'clusters/dev/kustomization.yaml'),
      'resources: [ns.yaml, ../../apps/idl]\n',
    );
    git(repo, 'commit', '-q', '-am', 'idl on dev');
  });
  afterAll(() => fs.rm(repo, { recursive: true, force: true }));

  const leaksIn = (text: string) => LEAKS.filter(v => text.includes(v));

  it('are in no matrix, check, diff or dry-run promotion output', async () => {
    const runs: Record<string, FleetRun> = {
      matrix: await run(['matrix', '--repo', '.', '--json'], repo),
      check: await run(['check', '--repo', '.', '--json'], repo),
      check_text: await run(['check', '--repo', '.'], repo),
    };
    for (const format of ['text', 'json', 'markdown'])
      runs[`diff ${format}`] = await run(
        ['diff', '--repo', '.', '--base', 'HEAD~1', '--format', format],
        repo,
      );
    runs.promote = await run(
      ['promote', '--repo', '.', '--app', 'idl', '--to', 'test', '--dry-run'],
      repo,
    );
    const found = Object.entries(runs).flatMap(([name, r]) => {
      const leaks = leaksIn(r.stdout + r.stderr);
      return leaks.length > 0 ? [{ name, leaks }] : [];
    });
    expect(found).toEqual([]);
    const matrix = JSON.parse(runs.matrix.stdout);
    expect(
      matrix.objects
        .filter((o: any) => o.cluster === 'dev' && o.kind !== 'Namespace')
        .map((o: any) => `${o.kind} ${o.namespace}/${o.name}`)
        .sort(),
    ).toEqual([
      'ConfigMap n/<redacted>@apps/idl/all.yaml:6',
      'Deployment <redacted>@apps/idl/all.yaml:10/web',
      'Secret n/creds',
      'Service n/web',
    ]);
    const check = JSON.parse(runs.check.stdout);
    expect(runs.check.code).toBe(1);
    expect(
      check.problems
        .filter((p: any) => p.rule === 'secret-in-identity')
        .map((p: any) => p.message.split(' (defined')[0])
        .sort(),
    ).toEqual([
      'A Secret value was copied into metadata.labels of Service n/web',
      'A Secret value was copied into metadata.name of ConfigMap n/<redacted>@apps/idl/all.yaml:6',
      'A Secret value was copied into metadata.namespace of Deployment <redacted>@apps/idl/all.yaml:10/web',
    ]);
    expect(runs['diff text'].stdout).toContain('<redacted>@apps/idl/all.yaml');
  });

  it('are printed by build as kubectl kustomize prints them', async () => {
    const r = await run(['build', '--repo', '.', '--cluster', 'dev'], repo);
    expect(r.stdout).toContain('name: cfg-Wx8p');
    expect(r.stdout).toContain('namespace: Kq3v');
    expect(r.stdout).toContain('team: Jm2t');
  });
});
