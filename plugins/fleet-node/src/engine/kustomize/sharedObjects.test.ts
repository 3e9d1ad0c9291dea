import { snapshotOf, yamlText } from '../testing/snapshots';
import { kubectlBuildFiles } from '../testing/kubectl';
import type { Snapshot } from '../core/types';
import { BuildCache } from './BuildCache';
import { buildKustomization } from './buildKustomization';
import { freezeSharedObjects, isShared, levelMayWrite } from './sharedObjects';

// every object the cache or the parse memo holds is frozen: a write that forgot to own it throws
freezeSharedObjects(true);

const base = {
  'base/kustomization.yaml': yamlText(`
    resources: [deployment.yaml, service.yaml]
    configMapGenerator:
      - name: cfg
        literals: [LEVEL=info]
  `),
  'base/deployment.yaml': yamlText(`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web}
    spec:
      replicas: 1
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
            - name: web
              image: nginx:1.0
              envFrom: [{configMapRef: {name: cfg}}]
  `),
  'base/service.yaml': yamlText(`
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
      ports: [{port: 80}]
  `),
};

// an overlay that writes into every kind of field the base's objects hold
const transforming = {
  'overlays/a/kustomization.yaml': yamlText(`
    resources: [../../base]
    namePrefix: a-
    namespace: team-a
    labels:
      - pairs: {tier: a}
        includeSelectors: true
    commonAnnotations: {owner: a}
    images:
      - name: nginx
        newTag: "2.0"
    patches:
      - patch: |
          - op: replace
            path: /spec/replicas
            value: 3
        target: {kind: Deployment}
      - patch: |
          apiVersion: v1
          kind: Service
          metadata: {name: web}
          spec:
            ports: [{port: 8080}]
    replacements:
      - source: {kind: Service, fieldPath: metadata.name}
        targets:
          - select: {kind: Deployment}
            fieldPaths: [spec.template.spec.containers.0.name]
  `),
};

// overlays that only list what they reuse: they borrow the cache's objects
const listing = {
  'overlays/b/kustomization.yaml': 'resources: [../../base]\n',
  'overlays/b2/kustomization.yaml': 'resources: [../../base]\n',
  'clusters/c/kustomization.yaml':
    'resources: [../../overlays/a, ../../overlays/b]\n',
};

const files = { ...base, ...transforming, ...listing };

const objectsOf = (snapshot: Snapshot, dir: string, cache?: BuildCache) =>
  buildKustomization(snapshot, dir, { cache, readOnly: true }).resources.map(
    r => r.object,
  );

describe('copy-on-write build results', () => {
  it('leaves a cached base as it was after an overlay transformed its resources', () => {
    const snapshot = snapshotOf(files);
    const cache = new BuildCache();
    const before = structuredClone(objectsOf(snapshot, 'base', cache));
    const overlay = objectsOf(snapshot, 'overlays/a', cache);
    expect(overlay).toEqual(kubectlBuildFiles(files, 'overlays/a'));
    // the base, built again from the cache and cold, is what it was
    expect(objectsOf(snapshot, 'base', cache)).toEqual(before);
    expect(objectsOf(snapshotOf(files), 'base')).toEqual(before);
  });

  it('builds every directory the same warm as cold, whatever was built before from the same cache', () => {
    const snapshot = snapshotOf(files);
    const dirs = ['overlays/a', 'overlays/b', 'clusters/c', 'base'];
    const cold = dirs.map(d => objectsOf(snapshotOf(files), d));
    const cache = new BuildCache();
    for (const order of [dirs, [...dirs].reverse(), dirs]) {
      const warm = order.map(d => objectsOf(snapshot, d, cache));
      expect(warm).toEqual(order.map(d => cold[dirs.indexOf(d)]));
    }
    expect(objectsOf(snapshot, 'clusters/c', cache)).toEqual(
      kubectlBuildFiles(files, 'clusters/c'),
    );
  });

  it('lends the cached objects to a level that only lists resources, and copies them for one that transforms', () => {
    const snapshot = snapshotOf(files);
    const cache = new BuildCache();
    const service = (dir: string) =>
      buildKustomization(snapshot, dir, { cache, readOnly: true })
        .resources.map(r => r.object)
        .find(o => o.kind === 'Service')!;
    const lent = service('overlays/b');
    expect(isShared(lent)).toBe(true);
    // the Service needs no name hash nor reference fix: the cache's object, not a copy
    expect(service('overlays/b2')).toBe(lent);
    expect(service('overlays/a')).not.toBe(lent);
  });

  it('gives a caller that may write its own copy of a cached result', () => {
    const snapshot = snapshotOf(files);
    const cache = new BuildCache();
    objectsOf(snapshot, 'overlays/b', cache);
    const mine = buildKustomization(snapshot, 'overlays/b', { cache });
    mine.resources[0].object.metadata!.name = 'changed';
    expect(objectsOf(snapshot, 'overlays/b', cache)).toEqual(
      kubectlBuildFiles(files, 'overlays/b'),
    );
  });

  it('counts a level as writing unless it sets only fields no transformer writes for', () => {
    const k = { apiVersion: '', kind: 'Kustomization' as const };
    expect(
      levelMayWrite({
        ...k,
        resources: ['a'],
        components: [],
        vars: [],
        patches: [],
        commonLabels: {},
      }),
    ).toBe(false);
    expect(
      levelMayWrite({ ...k, resources: [], components: [], namespace: 'x' }),
    ).toBe(true);
    expect(
      levelMayWrite({
        ...k,
        resources: [],
        components: [],
        buildMetadata: ['originAnnotations'],
      }),
    ).toBe(true);
  });
});
