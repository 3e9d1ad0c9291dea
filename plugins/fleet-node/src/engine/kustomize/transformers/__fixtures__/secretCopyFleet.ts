/*
 * A kustomization that copies Secret data into other objects every way
 * kustomize can: a replacement of a `data` value (base64), a part of a
 * `stringData` value (source delimiter), a secretGenerator's value, a
 * Secret value into a part of a field (target delimiter), SOPS
 * ciphertext, a legacy var; and the other direction, a ConfigMap value
 * into a Secret, which must not be redacted where it came from. Its
 * kubectl output is the differential case 76-replacements-from-secrets.
 */
import { yamlText } from '../../../testing/snapshots';

/** Every Secret value the fleet holds, and every piece of one it copies. */
export const SECRET_COPY_VALUES = [
  'password123',
  'cGFzc3dvcmQxMjM=',
  'pw4u',
  'admin:pw4u',
  'k3y',
  'gen-tok3n-value',
  'Z2VuLXRvazNuLXZhbHVl',
  'db-h0st.internal',
  'ENC[AES256_GCM',
];

/** The fleet's files; build `app`. */
export const secretCopyFleet: Record<string, string> = {
  'app/kustomization.yaml': yamlText(`
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources: [secret.yaml, workload.yaml]
    secretGenerator:
    - name: gen
      literals: [token=gen-tok3n-value]
      options: {disableNameSuffixHash: true}
    vars:
    - name: DB_HOST
      objref: {apiVersion: v1, kind: Secret, name: db}
      fieldref: {fieldpath: stringData.host}
    replacements:
    - source: {kind: Secret, name: db, fieldPath: data.password}
      targets:
      - select: {kind: Deployment}
        fieldPaths: ["spec.template.spec.containers.[name=app].env.[name=DB_PASSWORD].value"]
    - source: {kind: Secret, name: db, fieldPath: stringData.login, options: {delimiter: ":", index: 1}}
      targets:
      - select: {kind: ConfigMap, name: settings}
        fieldPaths: [data.pw]
    - source: {kind: Secret, name: gen, fieldPath: data.token}
      targets:
      - select: {kind: ConfigMap, name: settings}
        fieldPaths: [data.token]
    - source: {kind: Secret, name: db, fieldPath: stringData.key}
      targets:
      - select: {kind: Deployment}
        fieldPaths: [metadata.annotations.note]
        options: {delimiter: "-", index: 1}
    - source: {kind: Secret, name: sops, fieldPath: data.password}
      targets:
      - select: {kind: ConfigMap, name: settings}
        fieldPaths: [data.enc]
    - source: {kind: ConfigMap, name: settings, fieldPath: data.user}
      targets:
      - select: {kind: Secret, name: db}
        fieldPaths: [stringData.user]
  `),
  'app/secret.yaml': yamlText(`
    apiVersion: v1
    kind: Secret
    metadata:
      name: db
    data:
      password: cGFzc3dvcmQxMjM=
    stringData:
      login: admin:pw4u
      host: db-h0st.internal
      key: k3y
      user: placeholder
    ---
    apiVersion: v1
    kind: Secret
    metadata:
      name: sops
    data:
      password: ENC[AES256_GCM,data:Zm9vYmFy,iv:aXY=,tag:dGFn,type:str]
    sops:
      version: 3.8.1
  `),
  'app/workload.yaml': yamlText(`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      user: app-user
      pw: x
      token: x
      enc: x
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: app
      annotations:
        note: keep-REPLACE-keep
    spec:
      template:
        spec:
          containers:
            - name: app
              image: app:1
              args:
                - --host=$(DB_HOST)
              env:
                - name: DB_PASSWORD
                  value: x
  `),
};
