import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBin } from './__testUtils__/runFleet';

/** Runs the real `fleet` command in a child process, as `yarn fleet` does. */
const fleet = (args: string[], cwd: string) => runBin(args, cwd);

const deployment = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: team-x\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n`;

const REPO: Record<string, string> = {
  'clusters/dev/kustomization.yaml':
    'resources:\n  - ../../infrastructure/namespaces/team-x\n  - ../../apps/web/base\n',
  'clusters/prod/kustomization.yaml':
    'resources:\n  - ../../infrastructure/namespaces/team-x\n',
  'infrastructure/namespaces/team-x/kustomization.yaml':
    'resources: [ns.yaml]\n',
  'infrastructure/namespaces/team-x/ns.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-x\n',
  'apps/web/base/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'apps/web/base/deployment.yaml': deployment(2),
};

describe('fleet CLI', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-cli-'));
    for (const [rel, content] of Object.entries(REPO)) {
      await fs.mkdir(path.dirname(path.join(dir, 'repo', rel)), {
        recursive: true,
      });
      await fs.writeFile(path.join(dir, 'repo', rel), content);
    }
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  const write = async (rel: string, content: string) => {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), content);
  };

  it('prints the matrix as JSON per the contract', () => {
    const r = fleet(['matrix', '--repo', 'repo', '--json'], dir);
    expect(r.code).toBe(0);
    const matrix = JSON.parse(r.stdout);
    expect(matrix.revision).toBeNull();
    expect(matrix.clusters).toEqual([
      { name: 'dev', path: 'clusters/dev' },
      { name: 'prod', path: 'clusters/prod' },
    ]);
    expect(
      matrix.objects.find((o: { kind: string }) => o.kind === 'Deployment'),
    ).toEqual({
      cluster: 'dev',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'team-x',
      name: 'web',
      unit: 'apps/web',
      fluxKustomization: 'flux-system/flux-system',
      source: { file: 'apps/web/base/deployment.yaml', line: 1 },
      via: [
        { file: 'clusters/dev/kustomization.yaml', line: 3 },
        { file: 'apps/web/base/kustomization.yaml', line: 1 },
      ],
      images: ['nginx:1.27'],
      replicas: 2,
    });
    expect(matrix.units.map((u: { id: string }) => u.id)).toEqual([
      'apps/web',
      'infrastructure/namespaces/team-x',
    ]);
    expect(matrix.problems).toEqual([]);
  });

  it('prints the matrix as a table with clusters as columns', () => {
    const r = fleet(['matrix', '--repo', 'repo'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'UNIT                              KIND           dev           prod',
        'apps/web                          app            base (web=2)  -',
        'infrastructure/namespaces/team-x  namespace-set  .             .',
        '',
        'revision (none); 0 error(s), 0 warning(s)',
        '',
      ].join('\n'),
    );
  });

  it('builds one cluster as a YAML stream', () => {
    const r = fleet(['build', '--repo', 'repo', '--cluster', 'prod'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      0,
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-x\n',
      '',
    ]);
  });

  it('kustomizes one directory, keys sorted as kustomize prints them', () => {
    const r = fleet(['kustomize', 'repo/apps/web/base', '--repo', 'repo'], dir);
    expect([r.code, r.stdout]).toEqual([
      0,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: team-x',
        'spec:',
        '  replicas: 2',
        '  template:',
        '    spec:',
        '      containers:',
        '      - image: nginx:1.27',
        '        name: web',
        '',
      ].join('\n'),
    ]);
  });

  it('exits 0 from check on a clean repository', () => {
    const r = fleet(['check', '--repo', 'repo', '--json'], dir);
    expect([r.code, JSON.parse(r.stdout)]).toEqual([
      0,
      { revision: null, problems: [] },
    ]);
  });

  it('exits 1 from check when a problem is an error, naming file and line', async () => {
    await write(
      'broken/clusters/dev/kustomization.yaml',
      'resources:\n  - ../../missing\n',
    );
    const r = fleet(['check', '--repo', 'broken'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^error missing-path clusters\/dev\/kustomization\.yaml:2 \[dev\]: /,
    );
    expect(r.stdout.trim().split('\n').pop()).toBe('1 error, 0 warnings');
  });

  it('exits 2 with a one-line reason on usage errors', () => {
    const r = fleet(['matrix'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('fleet: matrix needs --repo <dir>');
  });

  it('builds a cluster named with --cluster-path from the directory given', () => {
    const r = fleet(
      [
        'matrix',
        '--repo',
        'repo',
        '--format',
        'json',
        '--cluster-path',
        'edge=apps/web/base',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.clusters.map((c: { name: string }) => c.name)).toEqual([
      'dev',
      'edge',
      'prod',
    ]);
    expect(
      m.objects
        .filter((o: { cluster: string }) => o.cluster === 'edge')
        .map((o: { kind: string; name: string }) => `${o.kind}/${o.name}`),
    ).toEqual(['Deployment/web']);
  });

  it('promotes to a cluster named with --cluster-path, which no rule finds without it', async () => {
    await write(
      'repo/edge/kustomization.yaml',
      'resources:\n  - ../infrastructure/namespaces/team-x\n',
    );
    const args = ['promote', '--repo', 'repo', '--app', 'web', '--to', 'edge'];
    const without = fleet([...args, '--dry-run'], dir);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('edge');
    const r = fleet([...args, '--dry-run', '--cluster-path', 'edge=edge'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+++ b/edge/kustomization.yaml');
    expect(r.stdout).toContain('+  - ../apps/web/base');
  });

  it('exits 2 for a --cluster-path without NAME=PATH or an unknown --format', () => {
    expect(
      fleet(['matrix', '--repo', 'repo', '--cluster-path', 'edge'], dir).code,
    ).toBe(2);
    expect(
      fleet(['check', '--repo', 'repo', '--format', 'yaml'], dir).stderr.split(
        '\n',
      )[0],
    ).toBe('fleet: check --format takes text or json');
  });

  it('exits 2 for an unknown cluster', () => {
    const r = fleet(['build', '--repo', 'repo', '--cluster', 'qa'], dir);
    expect([r.code, r.stderr]).toEqual([
      2,
      "fleet: cluster 'qa' not found in repo (clusters: dev, prod)\n",
    ]);
  });

  it('exits 1 without a stack trace for a repository that does not exist', () => {
    const r = fleet(['check', '--repo', 'nope'], dir);
    expect([r.code, r.stderr]).toEqual([
      1,
      'fleet: repository nope does not exist\n',
    ]);
  });
});
