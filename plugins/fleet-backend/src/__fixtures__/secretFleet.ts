/*
 * The example fleet plus an app, `vault-app` (dev and test), that carries a
 * Secret value every way a fleet repository can: a plain Secret (`data`
 * and `stringData`), a SOPS-encrypted Secret, a kustomize secretGenerator
 * (literal, file, env file), HelmRelease `valuesFrom` Secrets (whole
 * values file and `targetPath`), and a Flux `postBuild.substituteFrom`
 * Secret substituted into a ConfigMap. Every value is a distinct marker a
 * test can look for, plain and base64-encoded.
 */
import fs from 'node:fs';
import path from 'node:path';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Each Secret value of the fleet, by where it is declared. */
export const SECRET_VALUES = {
  data: 'plain-data-value-7f3a',
  stringData: 'plain-stringdata-value-91c2',
  sopsCiphertext: 'c29wcy1jaXBoZXJ0ZXh0LTNlM2U',
  generatorLiteral: 'generated-literal-4b1d',
  generatorFile: 'generated-file-value-c0de',
  generatorEnv: 'generated-env-value-e9f1',
  helmValuesFile: 'helm-values-secret-5a5a',
  helmTargetPath: 'helm-target-secret-8b8b',
  substituted: 'substituted-secret-6d6d',
};

/** The values file of the HelmRelease's `valuesFrom` Secret, as its data holds it. */
const helmValuesYaml = `adminPassword: ${SECRET_VALUES.helmValuesFile}\n`;

/** Every marker as it may appear: plain, and base64 (alone or as its whole file). */
export function secretNeedles(): string[] {
  const plain = Object.values(SECRET_VALUES);
  return [
    ...plain,
    ...plain.map(b64),
    b64(helmValuesYaml),
    b64(`${SECRET_VALUES.generatorFile}\n`),
  ];
}

const FILES: Record<string, string> = {
  'apps/vault-app/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: vault
resources:
  - namespace.yaml
  - secret.yaml
  - sops-secret.yaml
  - helm-values.yaml
  - helmrelease.yaml
  - configmap.yaml
secretGenerator:
  - name: generated
    literals:
      - password=${SECRET_VALUES.generatorLiteral}
    files:
      - token.txt
    envs:
      - app.env
`,
  'apps/vault-app/namespace.yaml':
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vault\n',
  'apps/vault-app/token.txt': `${SECRET_VALUES.generatorFile}\n`,
  'apps/vault-app/app.env': `API_KEY=${SECRET_VALUES.generatorEnv}\n`,
  'apps/vault-app/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: plain
type: Opaque
data:
  password: ${b64(SECRET_VALUES.data)}
stringData:
  token: ${SECRET_VALUES.stringData}
`,
  'apps/vault-app/sops-secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: encrypted
type: Opaque
data:
  password: ENC[AES256_GCM,data:${SECRET_VALUES.sopsCiphertext},iv:aXYtaXYtaXYtaXYtaXYtaXY=,tag:dGFnLXRhZy10YWctdGFn,type:str]
sops:
  age:
    - recipient: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOQ==
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2026-11-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:bWFjLW1hYy1tYWM=,iv:aXY=,tag:dGFn,type:str]
  encrypted_regex: ^(data|stringData)$
  version: 3.9.0
`,
  'apps/vault-app/helm-values.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: vault-values
data:
  values.yaml: ${b64(helmValuesYaml)}
  root: ${b64(SECRET_VALUES.helmTargetPath)}
`,
  'apps/vault-app/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: vault
spec:
  interval: 30m
  chart:
    spec:
      chart: vault
      version: 0.28.0
      sourceRef:
        kind: HelmRepository
        name: hashicorp
        namespace: flux-system
  valuesFrom:
    - kind: Secret
      name: vault-values
    - kind: Secret
      name: vault-values
      valuesKey: root
      targetPath: server.rootToken
  values:
    server:
      replicas: 1
`,
  'apps/vault-app/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: db
data:
  url: postgres://app:\${DB_PASSWORD}@db:5432/app
`,
  'clusters/dev/cluster-vars.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: cluster-vars
  namespace: flux-system
stringData:
  DB_PASSWORD: ${SECRET_VALUES.substituted}
`,
  'clusters/dev/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./flux-system
  - ./infra.yaml
  - ./apps.yaml
  - ./cluster-vars.yaml
`,
  'clusters/dev/apps.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 5m
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  path: ./clusters/dev/apps
  dependsOn:
    - name: infra
  postBuild:
    substituteFrom:
      - kind: Secret
        name: cluster-vars
`,
};

/** Writes the example fleet plus vault-app (on dev and test) to `dir`. */
export function writeSecretFleet(exampleFleet: string, dir: string) {
  fs.cpSync(exampleFleet, dir, { recursive: true });
  for (const [file, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  for (const cluster of ['dev', 'test']) {
    const list = path.join(dir, `clusters/${cluster}/apps/kustomization.yaml`);
    fs.appendFileSync(list, '  - ../../../apps/vault-app\n');
  }
}
