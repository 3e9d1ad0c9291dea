/*
 * The fleet of the Secret-copy list-edit tests: a base that copies a
 * Secret's password into a Deployment's env list, overlays that edit the
 * list above it, and what a test reads back (secretCopies.listEdits*.test.ts).
 */
import {
  redactObject,
  redactSecretPaths,
} from '@flux-fleet/backstage-plugin-fleet-common';
import { buildKustomization } from '../../buildKustomization';
import { snapshotOf, yamlText } from '../../../testing/snapshots';
import type { BuiltResource } from '../../types';

export const SECRET = 'Qs3cr3t-value';

/** `base`: a Deployment whose env entry PW gets the Secret's password, after A. */
export const base = (
  env = '[{name: A, value: innocent-a}, {name: PW, value: x}]',
) => ({
  'base/kustomization.yaml': yamlText(`
    resources: [all.yaml]
    replacements:
    - source: {kind: Secret, name: db, fieldPath: stringData.password}
      targets:
      - select: {kind: Deployment}
        fieldPaths: ["spec.template.spec.containers.0.env.[name=PW].value"]
  `),
  'base/all.yaml': yamlText(`
    apiVersion: v1
    kind: Secret
    metadata: {name: db}
    stringData: {password: ${SECRET}}
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: app}
    spec:
      template:
        spec:
          containers:
          - name: app
            image: app:1
            env: ${env}
  `),
});

export const ENV = '/spec/template/spec/containers/0/env';

/** An overlay over `base` with `extra` kustomization fields (YAML). */
export const overlay = (extra: string, files: Record<string, string> = {}) => ({
  ...base(),
  'top/kustomization.yaml': `resources: [../base]\n${yamlText(extra)}`,
  ...files,
});

export const json6902 = (ops: object[]) =>
  `patches:\n- target: {kind: Deployment}\n  patch: '${JSON.stringify(ops)}'\n`;

export const build = (files: Record<string, string>) =>
  buildKustomization(snapshotOf(files), 'top');

export const shown = (r: BuiltResource) =>
  JSON.stringify(redactObject(redactSecretPaths(r.object, r.secretPaths)));

export const envOf = (r: BuiltResource | undefined): { value: string }[] =>
  (r?.object as any).spec.template.spec.containers[0].env;

export function check(files: Record<string, string>, innocent: string[]) {
  const { resources, problems } = build(files);
  expect(problems).toEqual([]);
  const text = resources
    .filter(x => x.object.kind !== 'Secret')
    .map(shown)
    .join('\n');
  expect(text).not.toContain(SECRET);
  for (const v of innocent) expect(text).toContain(v);
  return resources;
}

export const deployment = (rs: BuiltResource[]) =>
  rs.find(r => r.object.kind === 'Deployment');

/** The path of container `i`'s env entry `j`'s value. */
export const envValuePath = (i: number, j: number) => [
  'spec',
  'template',
  'spec',
  'containers',
  i,
  'env',
  j,
  'value',
];

/** The Deployment's recorded copies, and where the rendered body holds the Secret's value. */
export function copies(rs: BuiltResource[]) {
  const d = deployment(rs)!;
  const at: (string | number)[][] = [];
  (d.object as any).spec.template.spec.containers.forEach((c: any, i: number) =>
    (c.env ?? []).forEach((e: { value: string }, j: number) => {
      if (e.value === SECRET) at.push(envValuePath(i, j));
    }),
  );
  return { recorded: d.secretPaths, rendered: at };
}
