import { snapshotOf, yamlText } from '../testing/snapshots';
import { findClusters } from './findClusters';

const gotkSync = (path: string) =>
  yamlText(`
  apiVersion: source.toolkit.fluxcd.io/v1
  kind: GitRepository
  metadata:
    name: flux-system
    namespace: flux-system
  spec:
    url: ssh://git@github.com/acme/fleet
  ---
  apiVersion: kustomize.toolkit.fluxcd.io/v1
  kind: Kustomization
  metadata:
    name: flux-system
    namespace: flux-system
  spec:
    path: ${path}
    sourceRef:
      kind: GitRepository
      name: flux-system
`);

describe('findClusters', () => {
  it('lists every clusters/<name> directory with its sync path as entrypoint', () => {
    const clusters = findClusters(
      snapshotOf({
        'clusters/prod/flux-system/gotk-sync.yaml': gotkSync('./clusters/prod'),
        'clusters/dev/kustomization.yaml': 'resources: []\n',
        'clusters/README.md': 'not a cluster',
      }),
    );
    expect(clusters).toEqual([
      {
        name: 'dev',
        path: 'clusters/dev',
        entrypoint: 'clusters/dev',
        rootKustomization: 'flux-system/flux-system',
        rootDeclaredAt: null,
        rootSource: { kind: 'GitRepository', id: 'flux-system/flux-system' },
        rootObject: null,
        problems: [],
      },
      {
        name: 'prod',
        path: 'clusters/prod',
        entrypoint: 'clusters/prod',
        rootKustomization: 'flux-system/flux-system',
        rootDeclaredAt: {
          file: 'clusters/prod/flux-system/gotk-sync.yaml',
          line: 9,
        },
        rootSource: {
          kind: 'GitRepository',
          id: 'flux-system/flux-system',
          url: 'ssh://git@github.com/acme/fleet',
        },
        rootObject: expect.objectContaining({ kind: 'Kustomization' }),
        problems: [],
      },
    ]);
  });

  it('finds a hub bootstrapped on its own directory beside clusters/, not a gotk-sync syncing elsewhere', () => {
    const clusters = findClusters(
      snapshotOf({
        'clusters/staging/apps/kustomization.yaml': 'resources: []\n',
        'hub/flux-system/gotk-sync.yaml': gotkSync('./hub'),
        'templates/flux-system/gotk-sync.yaml': gotkSync('./clusters/staging'),
      }),
    );
    expect(
      clusters.map(c => [c.name, c.path, c.entrypoint, c.problems]),
    ).toEqual([
      ['hub', 'hub', 'hub', []],
      ['staging', 'clusters/staging', 'clusters/staging', []],
    ]);
  });

  it('takes the bootstrapped subdirectories of a clusters/<group> as clusters, naming namesakes by their path', () => {
    const clusters = findClusters(
      snapshotOf({
        'clusters/production/README.md': 'shared notes',
        'clusters/production/eu-1/flux-system/gotk-sync.yaml': gotkSync(
          './clusters/production/eu-1',
        ),
        'clusters/production/us-1/flux-system/gotk-sync.yaml': gotkSync(
          './clusters/production/us-1',
        ),
        'clusters/staging/eu-1/flux-system/gotk-sync.yaml': gotkSync(
          './clusters/staging/eu-1',
        ),
      }),
    );
    expect(
      clusters.map(c => [c.name, c.path, c.entrypoint, c.problems]),
    ).toEqual([
      [
        'production-eu-1',
        'clusters/production/eu-1',
        'clusters/production/eu-1',
        [],
      ],
      ['staging-eu-1', 'clusters/staging/eu-1', 'clusters/staging/eu-1', []],
      ['us-1', 'clusters/production/us-1', 'clusters/production/us-1', []],
    ]);
  });

  it('reports a sync path pointing at another cluster and builds what Flux would', () => {
    const [test] = findClusters(
      snapshotOf({
        'clusters/test/flux-system/gotk-sync.yaml': gotkSync('./clusters/dev'),
      }),
    );
    expect(test.entrypoint).toBe('clusters/dev');
    expect(test.problems).toEqual([
      {
        severity: 'error',
        rule: 'entrypoint-mismatch',
        cluster: 'test',
        file: 'clusters/test/flux-system/gotk-sync.yaml',
        line: 9,
        message:
          "Cluster test syncs path './clusters/dev' instead of ./clusters/test: it receives what clusters/dev declares, not its own directory.",
      },
    ]);
  });

  it('keeps a cluster whose sync points at another existing cluster, beside that cluster', () => {
    const clusters = findClusters(
      snapshotOf({
        'clusters/good/flux-system/gotk-sync.yaml': gotkSync('./clusters/good'),
        'clusters/bad/flux-system/gotk-sync.yaml': gotkSync('./clusters/good'),
      }),
    );
    expect(
      clusters.map(c => [c.name, c.entrypoint, c.problems.map(p => p.rule)]),
    ).toEqual([
      ['bad', 'clusters/good', ['entrypoint-mismatch']],
      ['good', 'clusters/good', []],
    ]);
  });

  it('reports a sync path leaving the repository and falls back to the cluster directory', () => {
    const [dev] = findClusters(
      snapshotOf({
        'clusters/dev/flux-system/gotk-sync.yaml': gotkSync('../../elsewhere'),
      }),
    );
    expect(dev.entrypoint).toBe('clusters/dev');
    expect(dev.problems.map(p => p.rule)).toEqual(['path-escape']);
  });

  it('finds clusters under a nested clusters directory', () => {
    const clusters = findClusters(
      snapshotOf({
        'kubernetes/clusters/main/kustomization.yaml': 'resources: []\n',
        'kubernetes/apps/clusters.txt': 'not a cluster dir: too shallow',
      }),
    );
    expect(clusters.map(c => [c.name, c.path, c.entrypoint])).toEqual([
      ['main', 'kubernetes/clusters/main', 'kubernetes/clusters/main'],
    ]);
  });

  it('takes every directory holding flux-system/gotk-sync.yaml as a cluster when there is no clusters directory', () => {
    const clusters = findClusters(
      snapshotOf({
        'envs/staging/flux-system/gotk-sync.yaml': gotkSync('./envs/staging'),
        'envs/production/flux-system/gotk-sync.yaml':
          gotkSync('./envs/production'),
      }),
    );
    expect(
      clusters.map(c => [c.name, c.path, c.entrypoint, c.problems.length]),
    ).toEqual([
      ['production', 'envs/production', 'envs/production', 0],
      ['staging', 'envs/staging', 'envs/staging', 0],
    ]);
  });

  it("enters a cluster bootstrapped by the Flux Operator through its FluxInstance's sync", () => {
    const [prod] = findClusters(
      snapshotOf({
        'clusters/prod/flux-system/instance.yaml': yamlText(`
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata: { name: flux, namespace: flux-system }
        spec:
          sync: { kind: OCIRepository, url: oci://ghcr.io/acme/fleet, path: clusters/prod }
      `),
      }),
    );
    expect([
      prod.entrypoint,
      prod.rootKustomization,
      prod.rootSource,
      prod.rootDeclaredAt,
      prod.problems,
    ]).toEqual([
      'clusters/prod',
      'flux-system/flux-system',
      {
        kind: 'OCIRepository',
        id: 'flux-system/flux-system',
        url: 'oci://ghcr.io/acme/fleet',
      },
      { file: 'clusters/prod/flux-system/instance.yaml', line: 1 },
      [],
    ]);
  });
});
