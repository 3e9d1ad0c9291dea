/*
 * Secret values that kustomize copies out of a Secret (replacements into a
 * Deployment's image and env, a part of a value into a ConfigMap), asked
 * for through the commands whose output leaves the machine: `matrix`
 * (images), `diff` (a pull request comment in a fleet repository's CI) and
 * `promote --dry-run`. `build` and `kustomize` print what `kubectl
 * kustomize` prints, Secrets included, by contract.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, runMain as run, type FleetRun } from '../__testUtils__/runFleet';

jest.setTimeout(60_000);

const LEAKS = ['cGFzc3dvcmQxMjM=', 'password123', 'pw4u', 'tag-s3cr3t'];

const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources: [ns.yaml]\n',
  'clusters/dev/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
  'clusters/test/kustomization.yaml': 'resources:\n- ../../apps/leak\n',
  'clusters/prod/kustomization.yaml': 'resources: [ns.yaml]\n',
  'clusters/prod/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
  'apps/leak/kustomization.yaml': `resources: [all.yaml]
replacements:
- source: {kind: Secret, name: db, fieldPath: data.password}
  targets: [{select: {kind: Deployment}, fieldPaths: ["spec.template.spec.containers.0.env.0.value"]}]
- source: {kind: Secret, name: db, fieldPath: stringData.login, options: {delimiter: ":", index: 1}}
  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.pw]}]
- source: {kind: Secret, name: db, fieldPath: stringData.tag}
  targets: [{select: {kind: Deployment}, fieldPaths: ["spec.template.spec.containers.0.image"], options: {delimiter: ":", index: 1}}]
`,
  'apps/leak/all.yaml': `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: n}
data: {password: cGFzc3dvcmQxMjM=}
stringData: {login: "admin:pw4u", tag: tag-s3cr3t}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: n}
data: {user: app-user, pw: x}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: n}
spec:
  template:
    spec:
      containers:
      - {name: app, image: "app:1", env: [{name: P, value: x}]}
`,
};

describe('Secret values copied by kustomize, in the CLI', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-secret-copies-'));
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(repo, file)), { recursive: true });
      await fs.writeFile(path.join(repo, file), text);
    }
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'fleet');
    // the head revision: dev lists the app too
    await fs.writeFile(
      path.join(repo, 'clusters/dev/kustomization.yaml'),
      'resources: [ns.yaml, ../../apps/leak]\n',
    );
    git(repo, 'commit', '-q', '-am', 'leak on dev');
  });
  afterAll(() => fs.rm(repo, { recursive: true, force: true }));

  const leaksIn = (text: string) => LEAKS.filter(v => text.includes(v));

  it('are in no matrix, diff or dry-run promotion output', async () => {
    const runs: Record<string, FleetRun> = {
      matrix: await run(['matrix', '--repo', '.', '--json'], repo),
      ...Object.fromEntries(
        await Promise.all(
          ['text', 'json', 'markdown'].map(async format => [
            `diff ${format}`,
            await run(
              ['diff', '--repo', '.', '--base', 'HEAD~1', '--format', format],
              repo,
            ),
          ]),
        ),
      ),
      promote: await run(
        [
          'promote',
          '--repo',
          '.',
          '--app',
          'leak',
          '--to',
          'prod',
          '--dry-run',
        ],
        repo,
      ),
    };
    const found = Object.entries(runs).flatMap(([name, r]) => {
      const leaks = leaksIn(r.stdout + r.stderr);
      return leaks.length > 0 ? [{ name, leaks }] : [];
    });
    expect(found).toEqual([]);
    expect(
      Object.entries(runs).map(([name, r]) => [name, r.code, r.stderr]),
    ).toEqual(Object.keys(runs).map(name => [name, 0, '']));
    const matrix = JSON.parse(runs.matrix.stdout);
    expect(
      matrix.objects.find((o: any) => o.kind === 'Deployment').images,
    ).toEqual(['<redacted>']);
    expect(runs['diff markdown'].stdout).toContain('app');
  });

  it('are printed by build as kubectl kustomize prints them', async () => {
    const r = await run(['build', '--repo', '.', '--cluster', 'test'], repo);
    expect(r.code).toBe(0);
    // the Secret's own data as written, and the copies
    expect(leaksIn(r.stdout)).toEqual(LEAKS.filter(v => v !== 'password123'));
  });
});
