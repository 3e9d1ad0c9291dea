import { buildKustomization } from '../buildKustomization';
import { BuildCache } from '../BuildCache';
import { snapshotOf, yamlText } from '../../testing/snapshots';
import { kubectlBuildFiles } from '../../testing/kubectl';

const files = (f: Record<string, string>) =>
  Object.fromEntries(Object.entries(f).map(([k, v]) => [k, yamlText(v)]));

const build = (f: Record<string, string>) =>
  buildKustomization(snapshotOf(f), 'app');

const POD = `
  apiVersion: v1
  kind: Pod
  metadata:
    name: client
  spec:
    containers:
      - name: c
        image: busybox
        args: ["--svc=$(SVC)", "--cfg=$(CFG)"]
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: backend
`;

describe('vars and configurations', () => {
  it('shares the accumulator with components: their vars and configurations apply, as kubectl', () => {
    const tree = files({
      'app/kustomization.yaml': `
        resources: [pod.yaml]
        namePrefix: x-
        components: [../comp]
      `,
      'app/pod.yaml': POD,
      'comp/kustomization.yaml': `
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        configMapGenerator:
          - name: cfg
            literals: [a=b]
        configurations: [conf.yaml]
        vars:
          - name: SVC
            objref: {kind: Service, name: backend, apiVersion: v1}
          - name: CFG
            objref: {kind: ConfigMap, name: cfg, apiVersion: v1}
      `,
      'comp/conf.yaml': `
        nameSuffix:
          - path: spec/hostname
            kind: Pod
            create: true
      `,
    });
    const result = build(tree);
    expect(result.problems).toEqual([]);
    expect(result.resources.map(r => r.object)).toEqual(
      kubectlBuildFiles(tree, 'app'),
    );
  });

  it('reports a non-string list item in a varReference field, as kustomize fails', () => {
    const result = build(
      files({
        'app/kustomization.yaml': `
          resources: [pod.yaml]
          vars:
            - name: SVC
              objref: {kind: Service, name: backend, apiVersion: v1}
        `,
        'app/pod.yaml': POD.replace('"--cfg=$(CFG)"', '8080'),
      }),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'kustomize-transform',
        message: expect.stringContaining('invalid value type expect a string'),
      }),
    ]);
  });

  it('refuses a var field path through a list by name instead of guessing', () => {
    const result = build(
      files({
        'app/kustomization.yaml': `
          resources: [pod.yaml]
          vars:
            - name: SVC
              objref: {kind: Pod, name: client, apiVersion: v1}
              fieldref: {fieldpath: spec.containers.0.image}
        `,
        'app/pod.yaml': POD,
      }),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'unsupported-field',
        message: expect.stringContaining('"vars"'),
      }),
    ]);
    expect(JSON.stringify(result.resources)).toContain('--svc=$(SVC)');
  });

  it("brings a cached base's configurations and vars into the next build", () => {
    const tree = files({
      'base/kustomization.yaml': `
        resources: [pod.yaml]
        configurations: [conf.yaml]
        vars:
          - name: SVC
            objref: {kind: Service, name: backend, apiVersion: v1}
      `,
      'base/pod.yaml': POD,
      'base/conf.yaml': `
        commonLabels:
          - {path: spec/podLabels, kind: Pod, create: true}
      `,
      'a/kustomization.yaml': 'resources: [../base]\ncommonLabels: {team: a}\n',
      'b/kustomization.yaml': 'resources: [../base]\ncommonLabels: {team: b}\n',
    });
    const snapshot = snapshotOf(tree);
    const cache = new BuildCache();
    const a = buildKustomization(snapshot, 'a', { cache });
    const b = buildKustomization(snapshot, 'b', { cache });
    expect(cache.stats.hits).toBeGreaterThan(0);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(b.resources.map(r => r.object)).toEqual(
      kubectlBuildFiles(tree, 'b'),
    );
  });
});
