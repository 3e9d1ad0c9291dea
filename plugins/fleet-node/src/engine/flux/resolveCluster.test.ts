import { snapshotOf, yamlText } from '../testing/snapshots';
import type { RepoPath } from '../core/types';
import { findClusters } from './findClusters';
import { resolveCluster } from './resolveCluster';

const URL = 'https://github.com/acme/fleet';

/** A bootstrapped cluster `dev` syncing clusters/dev, plus `files`. */
function repo(files: Record<RepoPath, string>) {
  return snapshotOf({
    'clusters/dev/flux-system/gotk-sync.yaml': yamlText(`
      apiVersion: source.toolkit.fluxcd.io/v1
      kind: GitRepository
      metadata: { name: flux-system, namespace: flux-system }
      spec: { url: ${URL} }
      ---
      apiVersion: kustomize.toolkit.fluxcd.io/v1
      kind: Kustomization
      metadata: { name: flux-system, namespace: flux-system }
      spec:
        path: ./clusters/dev
        sourceRef: { kind: GitRepository, name: flux-system }
    `),
    'clusters/dev/flux-system/kustomization.yaml':
      'resources: [gotk-sync.yaml]\n',
    ...files,
  });
}

const fluxKs = (name: string, spec: string) =>
  `${yamlText(`
  apiVersion: kustomize.toolkit.fluxcd.io/v1
  kind: Kustomization
  metadata: { name: ${name}, namespace: flux-system }
  spec:
    sourceRef: { kind: GitRepository, name: flux-system }
`)}${spec
    .split('\n')
    .filter(Boolean)
    .map(l => `  ${l}`)
    .join('\n')}\n`;

const configMap = (name: string, data = 'x: "1"') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\ndata: { ${data} }\n`;

function resolve(files: Record<RepoPath, string>) {
  const snapshot = repo(files);
  const [dev] = findClusters(snapshot);
  return resolveCluster(snapshot, dev);
}

const summary = (r: ReturnType<typeof resolve>) =>
  r.objects.map(
    o =>
      `${o.fluxKustomization} ${o.object.kind} ${
        o.object.metadata?.namespace ?? ''
      }/${o.object.metadata?.name} ${o.source.file}`,
  );
const problemsOf = (r: ReturnType<typeof resolve>) =>
  r.problems.map(p => `${p.severity} ${p.rule} ${p.file}:${p.line}`);

describe('resolveCluster', () => {
  it('follows Flux Kustomizations recursively and attributes each object to the one applying it', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, infra.yaml]\n',
      'clusters/dev/infra.yaml': fluxKs('infra', 'path: ./infrastructure'),
      'infrastructure/kustomization.yaml': 'resources: [ns.yaml, apps.yaml]\n',
      'infrastructure/ns.yaml':
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: team-x }\n',
      'infrastructure/apps.yaml': fluxKs(
        'apps',
        'path: ./apps\ndependsOn: [{ name: infra }]',
      ),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(summary(r)).toEqual([
      'flux-system/flux-system Kustomization flux-system/flux-system clusters/dev/flux-system/gotk-sync.yaml',
      'flux-system/flux-system Kustomization flux-system/infra clusters/dev/infra.yaml',
      'flux-system/flux-system GitRepository flux-system/flux-system clusters/dev/flux-system/gotk-sync.yaml',
      'flux-system/infra Namespace /team-x infrastructure/ns.yaml',
      'flux-system/infra Kustomization flux-system/apps infrastructure/apps.yaml',
      'flux-system/apps ConfigMap /settings apps/cm.yaml',
    ]);
    expect(
      r.kustomizations.map(k => [
        k.id,
        k.parent,
        k.path,
        k.source,
        k.applied,
        k.dependsOn,
      ]),
    ).toEqual([
      ['flux-system/flux-system', null, 'clusters/dev', 'repository', true, []],
      [
        'flux-system/infra',
        'flux-system/flux-system',
        'infrastructure',
        'repository',
        true,
        [],
      ],
      [
        'flux-system/apps',
        'flux-system/infra',
        'apps',
        'repository',
        true,
        ['flux-system/infra'],
      ],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('applies targetNamespace, namePrefix and commonMetadata of the Flux Kustomization', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, apps.yaml]\n',
      'clusters/dev/apps.yaml': fluxKs(
        'apps',
        'path: ./apps\ntargetNamespace: team-x\nnamePrefix: dev-\ncommonMetadata: { labels: { env: dev } }',
      ),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(
      r.objects
        .filter(o => o.fluxKustomization === 'flux-system/apps')
        .map(o => o.object.metadata),
    ).toEqual([
      { name: 'dev-settings', namespace: 'team-x', labels: { env: 'dev' } },
    ]);
  });

  it('applies patches, images and components (relative to spec.path) of the Flux Kustomization', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, apps.yaml]\n',
      'clusters/dev/apps.yaml': fluxKs(
        'apps',
        [
          'path: ./apps/web',
          'components: [../../components/ha]',
          'images: [{ name: nginx, newTag: "1.28" }]',
          'patches:',
          '  - target: { kind: Deployment }',
          '    patch: |',
          '      - { op: add, path: /metadata/labels, value: { patched: "yes" } }',
        ].join('\n'),
      ),
      'apps/web/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'apps/web/deploy.yaml': yamlText(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          replicas: 1
          template: { spec: { containers: [{ name: web, image: "nginx:1.27" }] } }
      `),
      'components/ha/kustomization.yaml': yamlText(`
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        replicas: [{ name: web, count: 3 }]
      `),
    });
    expect(r.problems).toEqual([]);
    expect(
      r.objects
        .filter(o => o.fluxKustomization === 'flux-system/apps')
        .map(o => o.object),
    ).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { patched: 'yes' } },
        spec: {
          replicas: 3,
          template: {
            spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] },
          },
        },
      },
    ]);
  });

  it('substitutes variables from a Secret another Flux Kustomization declares, inline substitute winning', () => {
    const secret = yamlText(`
      apiVersion: v1
      kind: Secret
      metadata: { name: cluster-secrets, namespace: flux-system }
      data:
        region: ${Buffer.from('eu-west-1').toString('base64')}
        env: ${Buffer.from('from-secret').toString('base64')}
    `);
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, apps.yaml, vars.yaml]\n',
      'clusters/dev/apps.yaml': fluxKs(
        'apps',
        'path: ./apps\npostBuild:\n  substitute: { env: dev }\n  substituteFrom: [{ kind: Secret, name: cluster-secrets }, { kind: ConfigMap, name: absent, optional: true }]',
      ),
      'clusters/dev/vars.yaml': fluxKs('vars', 'path: ./vars'),
      'vars/secret.yaml': secret,
      'apps/cm.yaml': yamlText(`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings-\${env}
        data:
          region: \${region}
          replicas: "\${count:=2}"
          keep: $\${env}
      `),
      'apps/raw.yaml': yamlText(`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: raw
          annotations: { kustomize.toolkit.fluxcd.io/substitute: disabled }
        data:
          region: \${region}
      `),
    });
    expect(r.problems).toEqual([]);
    expect(
      r.objects
        .filter(o => o.fluxKustomization === 'flux-system/apps')
        .map(o => [o.object.metadata?.name, o.object.data]),
    ).toEqual([
      ['raw', { region: '${region}' }],
      ['settings-dev', { region: 'eu-west-1', replicas: '2', keep: '${env}' }],
    ]);
  });

  it('does not apply a Kustomization whose required substituteFrom source is missing', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, apps.yaml]\n',
      'clusters/dev/apps.yaml': fluxKs(
        'apps',
        'path: ./apps\npostBuild:\n  substituteFrom: [{ kind: ConfigMap, name: cluster-vars }]',
      ),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(
      r.objects.filter(o => o.fluxKustomization === 'flux-system/apps'),
    ).toEqual([]);
    expect(r.problems).toEqual([
      {
        severity: 'error',
        rule: 'substitute-source-missing',
        cluster: 'dev',
        file: 'clusters/dev/apps.yaml',
        line: 1,
        message:
          "Flux Kustomization flux-system/apps substitutes from ConfigMap/cluster-vars, which the cluster's tree does not declare in namespace flux-system; Flux does not apply it.",
      },
    ]);
  });

  it('builds an ExternalArtifact of an ArtifactGenerator from the repository and maps files back', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, artifacts.yaml, apps.yaml]\n',
      'clusters/dev/artifacts.yaml': yamlText(`
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata: { name: flux-system, namespace: flux-system }
        spec:
          sources: [{ alias: monorepo, kind: GitRepository, name: flux-system }]
          artifacts:
            - name: apps
              copy:
                - { from: "@monorepo/apps/base/**", to: "@artifact/base/" }
                - { from: "@monorepo/apps/dev/**", to: "@artifact/dev/" }
      `),
      'clusters/dev/apps.yaml': yamlText(`
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: apps, namespace: flux-system }
        spec:
          path: ./dev
          sourceRef: { kind: ExternalArtifact, name: apps }
      `),
      'apps/base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'apps/base/cm.yaml': configMap('settings'),
      'apps/dev/kustomization.yaml': 'resources: [../base]\nnamePrefix: dev-\n',
    });
    expect(r.problems).toEqual([]);
    const apps = r.objects.filter(
      o => o.fluxKustomization === 'flux-system/apps',
    );
    expect(
      apps.map(o => [
        o.object.metadata?.name,
        o.source.file,
        o.via.map(v => v.file),
      ]),
    ).toEqual([
      [
        'dev-settings',
        'apps/base/cm.yaml',
        ['apps/dev/kustomization.yaml', 'apps/base/kustomization.yaml'],
      ],
    ]);
    expect(
      r.kustomizations.find(k => k.id === 'flux-system/apps'),
    ).toMatchObject({ source: 'artifact', path: 'apps/dev', applied: true });
  });

  it('records Kustomizations of other sources without fetching them', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, other.yaml]\n',
      'clusters/dev/other.yaml': yamlText(`
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: { name: other, namespace: flux-system }
        spec: { url: https://github.com/acme/other }
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: { name: mirror, namespace: flux-system }
        spec: { url: git@github.com:acme/fleet.git }
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: oci, namespace: flux-system }
        spec: { path: ./, sourceRef: { kind: OCIRepository, name: manifests } }
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: other, namespace: flux-system }
        spec: { path: ./deploy, sourceRef: { kind: GitRepository, name: other } }
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: { name: mirror, namespace: flux-system }
        spec: { path: ./apps, sourceRef: { kind: GitRepository, name: mirror } }
      `),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(
      r.kustomizations.map(k => [k.id, k.source, k.sourceRef, k.applied]),
    ).toEqual([
      ['flux-system/flux-system', 'repository', '', true],
      [
        'flux-system/mirror',
        'repository',
        'GitRepository/flux-system/mirror',
        true,
      ],
      [
        'flux-system/oci',
        'external',
        'OCIRepository/flux-system/manifests',
        false,
      ],
      [
        'flux-system/other',
        'external',
        'GitRepository/flux-system/other',
        false,
      ],
    ]);
    expect(problemsOf(r)).toEqual([
      'warning external-source clusters/dev/other.yaml:11',
      'warning external-source clusters/dev/other.yaml:16',
    ]);
    expect(summary(r).pop()).toBe(
      'flux-system/mirror ConfigMap /settings apps/cm.yaml',
    );
  });

  it('reports a dependsOn naming a Kustomization the cluster does not have', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, apps.yaml]\n',
      'clusters/dev/apps.yaml': fluxKs(
        'apps',
        'path: ./apps\ndependsOn: [{ name: infra }]',
      ),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(r.problems).toEqual([
      {
        severity: 'error',
        rule: 'dependson-missing',
        cluster: 'dev',
        file: 'clusters/dev/apps.yaml',
        line: 1,
        message:
          'Flux Kustomization flux-system/apps depends on flux-system/infra, which cluster dev does not have; Flux never applies flux-system/apps.',
      },
    ]);
  });

  it('reports Kustomizations depending on each other in a ring once, at the first of the ring', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml': 'resources: [flux-system, ks.yaml]\n',
      'clusters/dev/ks.yaml': [
        fluxKs('apps', 'path: ./apps\ndependsOn: [{ name: infra }]'),
        fluxKs('infra', 'path: ./apps\ndependsOn: [{ name: apps }]'),
        fluxKs('self', 'path: ./apps\ndependsOn: [{ name: self }]'),
      ].join('---\n'),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(
      r.problems
        .filter(p => p.rule === 'dependson-cycle')
        .map(p => [p.file, p.line, p.message]),
    ).toEqual([
      [
        'clusters/dev/ks.yaml',
        1,
        'Flux Kustomizations depend on each other in a ring (flux-system/apps → flux-system/infra → flux-system/apps); none of them ever becomes ready, so Flux applies none of them.',
      ],
      [
        'clusters/dev/ks.yaml',
        17,
        'Flux Kustomizations depend on each other in a ring (flux-system/self → flux-system/self); none of them ever becomes ready, so Flux applies none of them.',
      ],
    ]);
  });

  it('does not follow a Flux Kustomization the API server would reject, instead of reading it leniently', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml': 'resources: [flux-system, ks.yaml]\n',
      'clusters/dev/ks.yaml': [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: { name: nosource, namespace: flux-system }\nspec: { path: ./apps }\n',
        fluxKs('numpath', 'path: 123'),
      ].join('---\n'),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(r.problems.map(p => [p.rule, p.file, p.line, p.message])).toEqual([
      [
        'invalid-flux-kustomization',
        'clusters/dev/ks.yaml',
        1,
        'Flux Kustomization flux-system/nosource is not valid (spec.sourceRef is required and must be a mapping); the API server rejects it, so Flux never applies it.',
      ],
      [
        'invalid-flux-kustomization',
        'clusters/dev/ks.yaml',
        6,
        'Flux Kustomization flux-system/numpath is not valid (spec.path must be a string); the API server rejects it, so Flux never applies it.',
      ],
    ]);
    expect(r.kustomizations.map(k => k.id)).toEqual([
      'flux-system/flux-system',
    ]);
  });

  it('expands a Flux Operator ResourceSet, its objects attributed to the ResourceSet', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml':
        'resources: [flux-system, tenants.yaml]\n',
      'clusters/dev/tenants.yaml':
        'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata: { name: tenants, namespace: flux-system }\nspec:\n  inputs: [{ tenant: a }]\n  resources:\n    - { apiVersion: v1, kind: ServiceAccount, metadata: { name: << inputs.tenant >> } }\n',
    });
    expect(r.problems).toEqual([]);
    expect(
      r.objects
        .filter(o => o.object.kind === 'ServiceAccount')
        .map(o => [o.object.metadata, o.source]),
    ).toEqual([
      [
        { name: 'a', namespace: 'flux-system' },
        { file: 'clusters/dev/tenants.yaml', line: 1 },
      ],
    ]);
  });

  it("names the loader's reason when a kustomization entry reads a file the loader refused", () => {
    const snapshot = repo({
      'clusters/dev/kustomization.yaml':
        'resources:\n  - flux-system\n  - leaked.yaml\n',
    });
    snapshot.problems.push({
      severity: 'error',
      rule: 'symlink-escape',
      cluster: null,
      file: 'clusters/dev/leaked.yaml',
      line: null,
      message:
        'clusters/dev/leaked.yaml is a symbolic link to a target outside the repository; it was not read.',
    });
    const r = resolveCluster(snapshot, findClusters(snapshot)[0]);
    expect(r.problems).toEqual([
      {
        severity: 'error',
        rule: 'symlink-escape',
        cluster: 'dev',
        file: 'clusters/dev/kustomization.yaml',
        line: 3,
        message:
          'clusters/dev/kustomization.yaml:3 references clusters/dev/leaked.yaml, which was not read: clusters/dev/leaked.yaml is a symbolic link to a target outside the repository; it was not read.',
      },
    ]);
  });

  it('reports a Kustomization declared again inside its own tree as a cycle and follows it once', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml': 'resources: [flux-system, a.yaml]\n',
      'clusters/dev/a.yaml': fluxKs('a', 'path: ./b'),
      'b/b.yaml': fluxKs('b', 'path: ./c'),
      'c/a.yaml': fluxKs('a', 'path: ./b'),
    });
    expect(problemsOf(r)).toEqual(['error cycle c/a.yaml:1']);
    expect(r.kustomizations.map(k => k.id)).toEqual([
      'flux-system/flux-system',
      'flux-system/a',
      'flux-system/b',
    ]);
  });

  it('reports paths that leave the repository or do not exist, and goes on with the others', () => {
    const r = resolve({
      'clusters/dev/kustomization.yaml': 'resources: [flux-system, ks.yaml]\n',
      'clusters/dev/ks.yaml': [
        fluxKs('escape', 'path: ../outside'),
        fluxKs('missing', 'path: ./nowhere'),
        fluxKs('ok', 'path: ./apps'),
      ].join('---\n'),
      'apps/cm.yaml': configMap('settings'),
    });
    expect(problemsOf(r)).toEqual([
      'error path-escape clusters/dev/ks.yaml:1',
      'error missing-path clusters/dev/ks.yaml:8',
    ]);
    expect(summary(r).pop()).toBe(
      'flux-system/ok ConfigMap /settings apps/cm.yaml',
    );
  });
});
