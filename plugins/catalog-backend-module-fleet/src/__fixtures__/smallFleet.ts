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
    '    metadata:',
    '      labels:',
    `        backstage.io/kubernetes-id: ${name}-k8s`,
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
    '../../infrastructure/policies/audit',
    '../../infrastructure/controllers/ingress-nginx.yaml',
  ),
  'clusters/test/kustomization.yaml': kustomization(
    '../../infrastructure/namespaces/team-x.yaml',
    '../../infrastructure/namespaces/foo.yaml',
    '../../apps/podinfo/overlays/test',
    '../../apps/foo-app/base',
    '../../infrastructure/policies/enforce',
    '../../infrastructure/controllers/ingress-nginx.yaml',
  ),
  'infrastructure/namespaces/team-x.yaml': namespace('team-x'),
  'infrastructure/namespaces/foo.yaml': namespace('foo'),
  'infrastructure/policies/audit/kustomization.yaml': kustomization(
    '../policy.yaml',
  ),
  'infrastructure/policies/enforce/kustomization.yaml': [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - ../policy.yaml',
    'patches:',
    `  - patch: '[{"op":"replace","path":"/spec/validationFailureAction","value":"Enforce"}]'`,
    '    target:',
    '      kind: ClusterPolicy',
    '',
  ].join('\n'),
  'infrastructure/policies/policy.yaml': [
    'apiVersion: kyverno.io/v1',
    'kind: ClusterPolicy',
    'metadata:',
    '  name: require-labels',
    'spec:',
    '  validationFailureAction: Audit',
    '  rules: []',
    '',
  ].join('\n'),
  'infrastructure/controllers/ingress-nginx.yaml': [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    '  name: ingress-nginx',
    '  namespace: team-x',
    'spec:',
    '  chart:',
    '    spec:',
    '      chart: ingress-nginx',
    '      version: 4.11.0',
    '',
  ].join('\n'),
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

/** A fleet service serving `files` (default {@link smallFleetFiles}) at `revision`. */
export function smallFleetService(
  logger: LoggerService,
  revision = 'abc123',
  files: Record<string, string> = smallFleetFiles,
) {
  return new DefaultFleetService({
    read: async () => {
      const snapshot = snapshotFromFiles(files, revision);
      return { model: resolveFleet(snapshot), snapshot };
    },
    logger,
  });
}
