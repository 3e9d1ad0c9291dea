/*
 * Differential cases against the Flux Operator's own documentation: each
 * ResourceSet is an example of docs/api/v1/resourceset.md
 * (controlplaneio-fluxcd/flux-operator), and the expectation is the output
 * the documentation states for it (the objects it says are created, the
 * values it says they get). The engine's expansion must equal it.
 */
import { parse } from 'yaml';
import type { KObject } from '../../core/types';
import { expandResourceSet } from './expandResourceSet';

const noProviders = () => undefined;

/** A ResourceSet of the documentation: metadata plus the documented spec. */
const documented = (namespace: string, spec: string) =>
  parse(
    `apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: example\n  namespace: ${namespace}\nspec:\n${spec}`,
  ) as KObject;

const ids = (objects: KObject[]) =>
  objects.map(
    o => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`,
  );

describe('ResourceSet examples of the Flux Operator documentation', () => {
  it('"Example": a HelmRelease and an OCIRepository per tenant, with its version quoted, its replicas an integer and the common labels', () => {
    const out = expandResourceSet(
      documented(
        'default',
        `  commonMetadata:
    labels:
      app.kubernetes.io/name: podinfo
  inputs:
    - tenant: "team1"
      app:
       version: "6.7.x"
       replicas: 2
    - tenant: "team2"
      app:
       version: "6.6.x"
       replicas: 3
  resources:
    - apiVersion: source.toolkit.fluxcd.io/v1beta2
      kind: OCIRepository
      metadata:
        name: podinfo-<< inputs.tenant >>
        namespace: default
      spec:
        interval: 10m
        url: oci://ghcr.io/stefanprodan/charts/podinfo
        ref:
          semver: << inputs.app.version | quote >>
    - apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: podinfo-<< inputs.tenant >>
        namespace: default
      spec:
        interval: 1h
        releaseName: podinfo-<< inputs.tenant >>
        chartRef:
          kind: OCIRepository
          name: podinfo-<< inputs.tenant >>
        values:
          replicaCount: << inputs.app.replicas | int >>
`,
      ),
      noProviders,
    );
    expect(out.problems).toEqual([]);
    // the documented events: HelmRelease/default/podinfo-team1 … OCIRepository/default/podinfo-team2 created
    expect(ids(out.objects).sort()).toEqual([
      'HelmRelease/default/podinfo-team1',
      'HelmRelease/default/podinfo-team2',
      'OCIRepository/default/podinfo-team1',
      'OCIRepository/default/podinfo-team2',
    ]);
    const team2 = out.objects.filter(o => o.metadata?.name === 'podinfo-team2');
    expect(team2.map(o => o.spec)).toEqual([
      {
        interval: '10m',
        url: 'oci://ghcr.io/stefanprodan/charts/podinfo',
        ref: { semver: '6.6.x' },
      },
      {
        interval: '1h',
        releaseName: 'podinfo-team2',
        chartRef: { kind: 'OCIRepository', name: 'podinfo-team2' },
        values: { replicaCount: 3 },
      },
    ]);
    for (const o of out.objects)
      expect(o.metadata?.labels).toEqual({
        'app.kubernetes.io/name': 'podinfo',
      });
  });

  it('"Resources configuration": a Namespace, a ServiceAccount and a RoleBinding for each tenant with its role', () => {
    const out = expandResourceSet(
      documented(
        'flux-system',
        `  inputs:
    - tenant: team1
      role: admin
    - tenant: team2
      role: cluster-admin
  resources:
    - apiVersion: v1
      kind: Namespace
      metadata:
        name: << inputs.tenant >>
    - apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: flux
        namespace: << inputs.tenant >>
    - apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: flux
        namespace: << inputs.tenant >>
      subjects:
        - kind: ServiceAccount
          name: flux
          namespace: << inputs.tenant >>
          roleRef:
            kind: ClusterRole
            name: << inputs.role >>
            apiGroup: rbac.authorization.k8s.io
`,
      ),
      noProviders,
    );
    expect(out.problems).toEqual([]);
    expect(ids(out.objects)).toEqual([
      'Namespace//team1',
      'ServiceAccount/team1/flux',
      'RoleBinding/team1/flux',
      'Namespace//team2',
      'ServiceAccount/team2/flux',
      'RoleBinding/team2/flux',
    ]);
    const roles = out.objects
      .filter(o => o.kind === 'RoleBinding')
      .map(
        o => (o.subjects as { roleRef: { name: string } }[])[0].roleRef.name,
      );
    expect(roles).toEqual(['admin', 'cluster-admin']);
  });

  it('"Resource deduplication": the shared OCIRepository once, one HelmRelease per tenant', () => {
    const out = expandResourceSet(
      documented(
        'default',
        `  inputs:
    - tenant: "team1"
      replicas: "2"
    - tenant: "team2"
      replicas: "3"
  resources:
    - apiVersion: source.toolkit.fluxcd.io/v1beta2
      kind: OCIRepository
      metadata:
        name: podinfo
        namespace: default
      spec:
        interval: 10m
        url: oci://ghcr.io/stefanprodan/charts/podinfo
        ref:
          semver: '*'
    - apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: podinfo-<< inputs.tenant >>
        namespace: default
      spec:
        interval: 1h
        releaseName: podinfo-<< inputs.tenant >>
        chartRef:
          kind: OCIRepository
          name: podinfo
        values:
          replicaCount: << inputs.replicas | int >>
`,
      ),
      noProviders,
    );
    expect(out.problems).toEqual([]);
    expect(ids(out.objects)).toEqual([
      'OCIRepository/default/podinfo',
      'HelmRelease/default/podinfo-team1',
      'HelmRelease/default/podinfo-team2',
    ]);
    expect(
      out.objects
        .filter(o => o.kind === 'HelmRelease')
        .map(o => (o.spec as { values: unknown }).values),
    ).toEqual([{ replicaCount: 2 }, { replicaCount: 3 }]);
  });

  it('"Conditionally resource exclusion": the ServiceAccount only for team1, whose reconcile annotation stays enabled', () => {
    const out = expandResourceSet(
      documented(
        'flux-system',
        `  inputs:
    - tenant: "team1"
    - tenant: "team2"
  resources:
    - apiVersion: v1
      kind: Namespace
      metadata:
        name: << inputs.tenant >>
    - apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: flux
        namespace: << inputs.tenant >>
        annotations:
          fluxcd.controlplane.io/reconcile: << if eq inputs.tenant "team1" >>enabled<< else >>disabled<< end >>
`,
      ),
      noProviders,
    );
    expect(out.problems).toEqual([]);
    expect(ids(out.objects)).toEqual([
      'Namespace//team1',
      'ServiceAccount/team1/flux',
      'Namespace//team2',
    ]);
  });

  it('"Resources template": an OCIRepository per bundle and a Kustomization per component, decryption only where the bundle asks', () => {
    const out = expandResourceSet(
      documented(
        'flux-system',
        `  inputs:
    - bundle: addons
      decryption: false
      components:
        - ingress-nginx
        - cert-manager
    - bundle: apps
      decryption: true
      components:
        - frontend
        - backend
  resourcesTemplate: |
    ---
    apiVersion: source.toolkit.fluxcd.io/v1beta2
    kind: OCIRepository
    metadata:
      name: << inputs.bundle >>
      namespace: flux-system
    spec:
      interval: 10m
      url: oci://registry.example.com/<< inputs.bundle >>
    <<- range $component := inputs.components >>
    ---
    apiVersion: kustomize.toolkit.fluxcd.io/v1
    kind: Kustomization
    metadata:
      name: << $component >>
      namespace: flux-system
    spec:
      interval: 1h
      prune: true
      <<- if inputs.decryption >>
      decryption:
        provider: sops
        secretRef:
          name: << inputs.bundle >>-sops
      <<- end >>
      sourceRef:
        kind: OCIRepository
        name: << inputs.bundle >>
      path: ./<< $component >>
    <<- end >>
`,
      ),
      noProviders,
    );
    expect(out.problems).toEqual([]);
    // "two OCIRepository resources (one for each bundle) and four Kustomization resources"
    expect(ids(out.objects)).toEqual([
      'OCIRepository/flux-system/addons',
      'Kustomization/flux-system/ingress-nginx',
      'Kustomization/flux-system/cert-manager',
      'OCIRepository/flux-system/apps',
      'Kustomization/flux-system/frontend',
      'Kustomization/flux-system/backend',
    ]);
    const frontend = out.objects.find(o => o.metadata?.name === 'frontend');
    expect(frontend?.spec).toEqual({
      interval: '1h',
      prune: true,
      decryption: { provider: 'sops', secretRef: { name: 'apps-sops' } },
      sourceRef: { kind: 'OCIRepository', name: 'apps' },
      path: './frontend',
    });
    const ingress = out.objects.find(o => o.metadata?.name === 'ingress-nginx');
    expect(ingress?.spec).toEqual({
      interval: '1h',
      prune: true,
      sourceRef: { kind: 'OCIRepository', name: 'addons' },
      path: './ingress-nginx',
    });
  });

  it('"Templating functions": a nested input placed with toYaml | nindent', () => {
    const out = expandResourceSet(
      documented(
        'flux-system',
        `  inputs:
    - tenant: team1
      layerSelector:
        mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
        operation: copy
  resources:
    - apiVersion: source.toolkit.fluxcd.io/v1beta2
      kind: OCIRepository
      metadata:
        name: << inputs.tenant >>
      spec:
        layerSelector: << inputs.layerSelector | toYaml | nindent 4 >>
`,
      ),
      noProviders,
    );
    expect(out.problems).toEqual([]);
    expect(out.objects).toEqual([
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1beta2',
        kind: 'OCIRepository',
        metadata: { name: 'team1', namespace: 'flux-system' },
        spec: {
          layerSelector: {
            mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
            operation: 'copy',
          },
        },
      },
    ]);
  });
});
