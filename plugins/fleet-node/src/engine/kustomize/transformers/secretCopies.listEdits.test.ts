/*
 * A copy out of a Secret, then list edits above it: the copied value must
 * stay redacted wherever it moves, and nothing else may be. kustomize
 * copies at one level (replacements, vars) and a higher level's patches,
 * list merges and replacements then move, insert and remove list entries.
 */
import {
  redactObject,
  redactSecretPaths,
} from '@flux-fleet/backstage-plugin-fleet-common';
import fc from 'fast-check';
import { buildKustomization } from '../buildKustomization';
import { snapshotOf, yamlText } from '../../testing/snapshots';
import type { BuiltResource } from '../types';

const SECRET = 'Qs3cr3t-value';

/** `base`: a Deployment whose env entry PW gets the Secret's password, after A. */
const base = (
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

const ENV = '/spec/template/spec/containers/0/env';

/** An overlay over `base` with `extra` kustomization fields (YAML). */
const overlay = (extra: string, files: Record<string, string> = {}) => ({
  ...base(),
  'top/kustomization.yaml': `resources: [../base]\n${yamlText(extra)}`,
  ...files,
});

const json6902 = (ops: object[]) =>
  `patches:\n- target: {kind: Deployment}\n  patch: '${JSON.stringify(ops)}'\n`;

const build = (files: Record<string, string>) =>
  buildKustomization(snapshotOf(files), 'top');

const shown = (r: BuiltResource) =>
  JSON.stringify(redactObject(redactSecretPaths(r.object, r.secretPaths)));

const envOf = (r: BuiltResource | undefined): { value: string }[] =>
  (r?.object as any).spec.template.spec.containers[0].env;

function check(files: Record<string, string>, innocent: string[]) {
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

const deployment = (rs: BuiltResource[]) =>
  rs.find(r => r.object.kind === 'Deployment');

/** The Deployment's recorded copies, and where the rendered body holds the Secret's value. */
function copies(rs: BuiltResource[]) {
  const d = deployment(rs)!;
  const at: (string | number)[][] = [];
  (d.object as any).spec.template.spec.containers.forEach((c: any, i: number) =>
    (c.env ?? []).forEach((e: { value: string }, j: number) => {
      if (e.value === SECRET)
        at.push([
          'spec',
          'template',
          'spec',
          'containers',
          i,
          'env',
          j,
          'value',
        ]);
    }),
  );
  return { recorded: d.secretPaths, rendered: at };
}

describe('a Secret copy that a later list edit moves', () => {
  it('stays redacted after a JSON6902 add before it', () => {
    const rs = check(
      overlay(
        json6902([
          {
            op: 'add',
            path: `${ENV}/0`,
            value: { name: 'F', value: 'innocent-f' },
          },
        ]),
      ),
      ['innocent-a', 'innocent-f'],
    );
    expect(envOf(deployment(rs))[2].value).toBe(SECRET);
    expect(copies(rs)).toEqual({
      recorded: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 2, 'value'],
      ],
      rendered: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 2, 'value'],
      ],
    });
  });

  it('stays redacted after a JSON6902 remove before it', () => {
    const rs = check(
      overlay(json6902([{ op: 'remove', path: `${ENV}/0` }])),
      [],
    );
    expect(copies(rs)).toEqual({
      recorded: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      ],
      rendered: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      ],
    });
  });

  it('redacts nothing once a JSON6902 remove took the copy away', () => {
    const files = overlay(json6902([{ op: 'remove', path: `${ENV}/1` }]));
    check(files, ['innocent-a']);
    expect(deployment(build(files).resources)?.secretPaths).toBeUndefined();
  });

  it('stays redacted after a JSON6902 move', () => {
    const rs = check(
      overlay(json6902([{ op: 'move', from: `${ENV}/1`, path: `${ENV}/0` }])),
      ['innocent-a'],
    );
    expect(copies(rs)).toEqual({
      recorded: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      ],
      rendered: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      ],
    });
  });

  it('stays redacted after a strategic-merge patch that replaces the list in another order', () => {
    const rs = check(
      overlay(`
        patches:
        - patch: |
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    env:
                    - {name: B, value: innocent-b}
                    - {name: A, value: innocent-a}
      `),
      ['innocent-a', 'innocent-b'],
    );
    const { recorded, rendered } = copies(rs);
    expect(rendered).toHaveLength(1);
    expect(recorded).toEqual(rendered);
  });

  it('stays redacted after a list merge by key that adds a container before it', () => {
    const rs = check(
      overlay(`
        patches:
        - patch: |
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app}
            spec:
              template:
                spec:
                  containers:
                  - {name: first, image: "first:1", env: [{name: PW, value: innocent-pw}]}
      `),
      ['innocent-a', 'innocent-pw'],
    );
    expect(copies(rs)).toEqual({
      recorded: [
        ['spec', 'template', 'spec', 'containers', 1, 'env', 1, 'value'],
      ],
      rendered: [
        ['spec', 'template', 'spec', 'containers', 1, 'env', 1, 'value'],
      ],
    });
  });

  it('stays redacted under images and replicas transformers', () => {
    const rs = check(
      overlay(`
        images: [{name: app, newTag: "2"}]
        replicas: [{name: app, count: 3}]
      `),
      ['innocent-a', 'app:2'],
    );
    expect(copies(rs)).toEqual({
      recorded: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 1, 'value'],
      ],
      rendered: [
        ['spec', 'template', 'spec', 'containers', 0, 'env', 1, 'value'],
      ],
    });
  });

  it('is Secret data to a higher level replacement after the list moved', () => {
    const rs = check(
      overlay(
        `${json6902([
          {
            op: 'add',
            path: `${ENV}/0`,
            value: { name: 'F', value: 'innocent-f' },
          },
        ])}
replacements:
- source: {kind: Deployment, name: app, fieldPath: "spec.template.spec.containers.0.env.2.value"}
  targets:
  - select: {kind: ConfigMap, name: out}
    fieldPaths: [data.copied]
resources: [../base, cm.yaml]
`.replace('resources: [../base]\n', ''),
        {
          'top/cm.yaml': yamlText(`
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: out}
            data: {copied: x, plain: innocent-plain}
          `),
        },
      ),
      ['innocent-a', 'innocent-f'],
    );
    const out = rs.find(r => r.object.kind === 'ConfigMap');
    expect(out?.secretPaths).toEqual([['data', 'copied']]);
  });
});

// a random edit of the env list: [kind, at, to, upper] with at and to as
// fractions of its length; upper puts it one more level above the copy
const edit = fc.tuple(
  fc.constantFrom('add', 'remove', 'move', 'copy', 'replace', 'merge'),
  fc.double({ min: 0, max: 0.999, noNaN: true }),
  fc.double({ min: 0, max: 0.999, noNaN: true }),
  fc.boolean(),
);

/** The `patches:` of a level: runs of JSON6902 ops, and strategic merges by key. */
function patchesOf(steps: (object | string)[]): string {
  const out: string[] = [];
  let ops: object[] = [];
  const flush = () => {
    if (ops.length) out.push(json6902(ops).replace('patches:\n', ''));
    ops = [];
  };
  for (const step of steps) {
    if (typeof step !== 'string') {
      ops.push(step);
      continue;
    }
    flush();
    out.push(
      `- patch: '${JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'app' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'app',
                  env: [{ name: step, value: `innocent-${step}` }],
                },
              ],
            },
          },
        },
      })}'\n`,
    );
  }
  flush();
  return out.length ? `patches:\n${out.join('')}` : '';
}

describe('a Secret copy under random list edits', () => {
  it('is redacted wherever it ends, and nothing else is', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), edits => {
        let length = 2;
        const levels: (object | string)[][] = [[], []];
        // the lower level's edits apply first, whatever order they came in
        const ordered = edits
          .map((e, n) => [e, n] as const)
          .sort(([x], [y]) => Number(x[3]) - Number(y[3]));
        ordered.forEach(([[kind, a, b, upper], n]) => {
          const steps = levels[upper ? 1 : 0];
          const at = Math.floor(a * length);
          const to = Math.floor(b * (length + 1));
          if (kind === 'add') {
            steps.push({
              op: 'add',
              path: `${ENV}/${to}`,
              value: { name: `N${n}`, value: `innocent-${n}` },
            });
            length++;
          } else if (kind === 'merge') {
            // a new name: kyaml's list merge by key adds the entry
            steps.push(`M${n}`);
            length++;
          } else if (length === 0) {
            return;
          } else if (kind === 'copy') {
            // a value copied onto another entry's: names stay unique for the merges
            steps.push({
              op: 'copy',
              from: `${ENV}/${at}/value`,
              path: `${ENV}/${Math.floor(b * length)}/value`,
            });
          } else if (kind === 'remove') {
            steps.push({ op: 'remove', path: `${ENV}/${at}` });
            length--;
          } else if (kind === 'move') {
            steps.push({
              op: 'move',
              from: `${ENV}/${at}`,
              path: `${ENV}/${Math.floor(b * length)}`,
            });
          } else {
            steps.push({
              op: 'replace',
              path: `${ENV}/${at}/value`,
              value: `innocent-r${n}`,
            });
          }
        });
        const files = {
          ...overlay(patchesOf(levels[0])),
          'top2/kustomization.yaml': `resources: [../top]\n${patchesOf(
            levels[1],
          )}`,
        };
        const { resources, problems } = buildKustomization(
          snapshotOf(files),
          'top2',
        );
        expect(problems).toEqual([]);
        const d = deployment(resources)!;
        const redacted = envOf({
          ...d,
          object: redactSecretPaths(d.object, d.secretPaths),
        });
        envOf(d).forEach((e, i) =>
          expect({ i, value: redacted[i].value }).toEqual({
            i,
            value: e.value === SECRET ? '<redacted>' : e.value,
          }),
        );
        const rest = (o: any) => ({
          ...o,
          spec: {
            ...o.spec,
            template: {
              spec: {
                ...o.spec.template.spec,
                containers: [
                  { ...o.spec.template.spec.containers[0], env: [] },
                ],
              },
            },
          },
        });
        expect(rest(redactSecretPaths(d.object, d.secretPaths))).toEqual(
          rest(d.object),
        );
      }),
      { seed: 13, numRuns: 150 },
    );
  });
});
