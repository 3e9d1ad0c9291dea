/*
 * Shared infrastructure of the synthetic fleet, in the seed's layout.
 */
/** The header of every kustomization file. */
export const KUST =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
/** A YAML block list of `entries`. */
export const list = (entries: string[]) =>
  entries.map(e => `  - ${e}\n`).join('');

function namespace(name: string, set: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    app.kubernetes.io/part-of: platform\n    platform.example.com/namespace-set: ${set}\n`;
}

function policy(name: string, action: 'Enforce' | 'Audit'): string {
  return `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
spec:
  validationFailureAction: ${action}
  background: true
  rules:
    - name: ${name}
      match:
        any:
          - resources:
              kinds:
                - Pod
      validate:
        message: "${name} is violated."
        pattern:
          spec:
            containers:
              - name: "?*"
`;
}

/**
 * The shared definitions of the synthetic fleet (Kyverno controller,
 * namespace sets, policy sets by rollout stage, baseline apps), by
 * repository path, added to `files`.
 */
export function infrastructureFiles(files: Map<string, string>) {
  const dirFiles = (dir: string, entries: Record<string, string>) => {
    files.set(
      `${dir}/kustomization.yaml`,
      `${KUST}resources:\n${list(Object.keys(entries))}`,
    );
    for (const [file, text] of Object.entries(entries))
      files.set(`${dir}/${file}`, text);
  };
  dirFiles('infrastructure/controllers/kyverno', {
    'helmrepository.yaml': `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: kyverno\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://kyverno.github.io/kyverno/\n`,
    'helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: kyverno\n  namespace: kyverno\nspec:\n  interval: 30m\n  chart:\n    spec:\n      chart: kyverno\n      version: 3.5.2\n      sourceRef:\n        kind: HelmRepository\n        name: kyverno\n        namespace: flux-system\n  values:\n    admissionController:\n      replicas: 1\n`,
  });
  dirFiles('infrastructure/namespaces/common', {
    'ns-kyverno.yaml': namespace('kyverno', 'common'),
    'ns-monitoring.yaml': namespace('monitoring', 'common'),
    'ns-cert-manager.yaml': namespace('cert-manager', 'common'),
  });
  const teams: Record<string, string> = {};
  for (let t = 0; t < 10; t++)
    teams[`ns-team-${t}.yaml`] = namespace(`team-${t}`, 'teams');
  dirFiles('infrastructure/namespaces/teams', teams);
  dirFiles('infrastructure/namespaces/test-only', {
    'ns-foo.yaml': namespace('foo', 'test-only'),
  });
  dirFiles('infrastructure/policies/kyverno/shared', {
    'require-pod-resources.yaml': policy('require-pod-resources', 'Enforce'),
    'disallow-privileged-containers.yaml': policy(
      'disallow-privileged-containers',
      'Enforce',
    ),
    'restrict-host-path.yaml': policy('restrict-host-path', 'Enforce'),
  });
  dirFiles('infrastructure/policies/kyverno/test-only', {
    'require-signed-images.yaml': policy('require-signed-images', 'Audit'),
    'deny-latest-tag.yaml': policy('deny-latest-tag', 'Audit'),
    'restrict-ingress-hostnames.yaml': policy(
      'restrict-ingress-hostnames',
      'Audit',
    ),
  });
  dirFiles('infrastructure/policies/kyverno/prod', {
    'restrict-image-registries.yaml': policy(
      'restrict-image-registries',
      'Enforce',
    ),
  });
  dirFiles('apps/common', {
    'policy-reporter.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: policy-reporter\n  namespace: monitoring\nspec:\n  selector:\n    matchLabels:\n      app: policy-reporter\n  template:\n    metadata:\n      labels:\n        app: policy-reporter\n    spec:\n      containers:\n        - name: policy-reporter\n          image: ghcr.io/kyverno/policy-reporter:2.24.2\n`,
  });
}
