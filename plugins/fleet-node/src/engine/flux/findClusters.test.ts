import { snapshotOf, yamlText } from '../testUtils';
import { findClusters } from './findClusters';

const gotkSync = (path: string) => yamlText(`
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
    const clusters = findClusters(snapshotOf({
      'clusters/prod/flux-system/gotk-sync.yaml': gotkSync('./clusters/prod'),
      'clusters/dev/kustomization.yaml': 'resources: []\n',
      'clusters/README.md': 'not a cluster',
    }));
    expect(clusters).toEqual([
      {
        name: 'dev', path: 'clusters/dev', entrypoint: 'clusters/dev', rootKustomization: 'flux-system/flux-system',
        rootDeclaredAt: null, rootSource: { id: 'flux-system/flux-system' }, rootObject: null, problems: [],
      },
      {
        name: 'prod', path: 'clusters/prod', entrypoint: 'clusters/prod', rootKustomization: 'flux-system/flux-system',
        rootDeclaredAt: { file: 'clusters/prod/flux-system/gotk-sync.yaml', line: 9 },
        rootSource: { id: 'flux-system/flux-system', url: 'ssh://git@github.com/acme/fleet' },
        rootObject: expect.objectContaining({ kind: 'Kustomization' }), problems: [],
      },
    ]);
  });

  it('reports a sync path pointing at another cluster and builds what Flux would', () => {
    const [test] = findClusters(snapshotOf({ 'clusters/test/flux-system/gotk-sync.yaml': gotkSync('./clusters/dev') }));
    expect(test.entrypoint).toBe('clusters/dev');
    expect(test.problems).toEqual([{
      severity: 'error', rule: 'entrypoint-mismatch', cluster: 'test', file: 'clusters/test/flux-system/gotk-sync.yaml', line: 9,
      message: "Cluster test syncs path './clusters/dev' instead of ./clusters/test: it receives what clusters/dev declares, not its own directory.",
    }]);
  });

  it('reports a sync path leaving the repository and falls back to the cluster directory', () => {
    const [dev] = findClusters(snapshotOf({ 'clusters/dev/flux-system/gotk-sync.yaml': gotkSync('../../elsewhere') }));
    expect(dev.entrypoint).toBe('clusters/dev');
    expect(dev.problems.map(p => p.rule)).toEqual(['path-escape']);
  });
});
