/*
 * A small fleet written inline and resolved by the real engine, so router
 * tests see the model the service would serve: two clusters, foo-app on
 * test only, podinfo on both with per-cluster replicas, a Secret with data,
 * and one broken reference on dev.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DefaultFleetService,
  resolveFleet,
  snapshotFromFiles,
} from '@flux-fleet/backstage-plugin-fleet-node';

const kustomization = (...resources: string[]) =>
  [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    ...resources.map(r => `  - ${r}`),
    '',
  ].join('\n');

const namespace = (name: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

const deployment = (name: string, ns: string, image: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${image}`,
    '',
  ].join('\n');

const replicasPatch = (name: string, replicas: number) =>
  [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - ../../base',
    'patches:',
    `  - patch: '[{"op":"add","path":"/spec/replicas","value":${replicas}}]'`,
    '    target:',
    '      kind: Deployment',
    `      name: ${name}`,
    '',
  ].join('\n');

/** The files of the small fleet (repository path → content). */
export const smallFleetFiles: Record<string, string> = {
  'clusters/dev/kustomization.yaml': kustomization(
    '../../infrastructure/namespaces/team-x.yaml',
    '../../apps/podinfo/overlays/dev',
    '../../apps/missing',
  ),
  'clusters/test/kustomization.yaml': kustomization(
    '../../infrastructure/namespaces/team-x.yaml',
    '../../infrastructure/namespaces/foo.yaml',
    '../../apps/podinfo/overlays/test',
    '../../apps/foo-app/base',
    '../../infrastructure/controllers/redis',
  ),
  'infrastructure/namespaces/team-x.yaml': namespace('team-x'),
  'infrastructure/namespaces/foo.yaml': namespace('foo'),
  'apps/podinfo/base/kustomization.yaml': kustomization('deployment.yaml'),
  'apps/podinfo/base/deployment.yaml': deployment(
    'podinfo',
    'team-x',
    'ghcr.io/stefanprodan/podinfo:6.9.0',
  ),
  'apps/podinfo/overlays/dev/kustomization.yaml': replicasPatch('podinfo', 1),
  'apps/podinfo/overlays/test/kustomization.yaml': replicasPatch('podinfo', 2),
  'apps/foo-app/base/kustomization.yaml': kustomization(
    'deployment.yaml',
    'secret.yaml',
  ),
  'apps/foo-app/base/deployment.yaml': deployment(
    'foo-app',
    'foo',
    'ghcr.io/example/foo-app:1.0.0',
  ),
  // no cluster lists it: an unreferenced-definition warning
  'apps/old/kustomization.yaml': kustomization('deployment.yaml'),
  'apps/old/deployment.yaml': deployment('old', 'team-x', 'example/old:1'),
  'apps/foo-app/base/secret.yaml': [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: foo-credentials',
    '  namespace: foo',
    'stringData:',
    '  password: hunter2',
    '',
  ].join('\n'),
};

/**
 * A HelmRelease on test whose values come from a ConfigMap, a Secret (one
 * whole values file, one value at a targetPath) and inline values, its
 * chart version from an OCIRepository, with a post-renderer.
 */
export const helmFiles: Record<string, string> = {
  'infrastructure/controllers/redis/kustomization.yaml': kustomization(
    'release.yaml',
    'values.yaml',
  ),
  'infrastructure/controllers/redis/release.yaml': `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: redis
  namespace: team-x
spec:
  url: oci://registry-1.docker.io/bitnamicharts/redis
  ref:
    semver: ">=20.0.0 <21.0.0"
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: redis
  namespace: team-x
spec:
  chartRef:
    kind: OCIRepository
    name: redis
  valuesFrom:
    - kind: ConfigMap
      name: redis-values
    - kind: Secret
      name: redis-auth
      valuesKey: values.yaml
    - kind: Secret
      name: redis-auth
      valuesKey: password
      targetPath: auth.password
  values:
    replica:
      replicaCount: 2
  postRenderers:
    - kustomize:
        images:
          - name: docker.io/bitnami/redis
            newTag: 7.4.2
`,
  'infrastructure/controllers/redis/values.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: redis-values
  namespace: team-x
data:
  values.yaml: |
    architecture: replication
    replica:
      replicaCount: 1
---
apiVersion: v1
kind: Secret
metadata:
  name: redis-auth
  namespace: team-x
stringData:
  values.yaml: |
    auth:
      enabled: true
      sentinelPassword: s3cr3t-sentinel
  password: s3cr3t-password
`,
};

/** A fleet service serving `files` (default {@link smallFleetFiles}) at `revision`. */
export function smallFleetService(
  logger: LoggerService,
  revision = 'abc123',
  files: Record<string, string> = { ...smallFleetFiles, ...helmFiles },
) {
  return new DefaultFleetService({
    read: async () => {
      const snapshot = snapshotFromFiles(files, revision);
      return { model: resolveFleet(snapshot), snapshot };
    },
    logger,
  });
}
