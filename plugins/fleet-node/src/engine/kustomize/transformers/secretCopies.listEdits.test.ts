/*
 * A copy out of a Secret, then list edits above it: the copied value must
 * stay redacted wherever it moves, and nothing else may be. kustomize
 * copies at one level (replacements, vars) and a higher level's patches,
 * list merges and replacements then move, insert and remove list entries.
 */
import {
  ENV,
  SECRET,
  build,
  check,
  copies,
  deployment,
  envOf,
  envValuePath,
  json6902,
  overlay,
} from './__fixtures__/secretCopyListEdits';
import { yamlText } from '../../testing/snapshots';

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
      recorded: [envValuePath(0, 2)],
      rendered: [envValuePath(0, 2)],
    });
  });

  it('stays redacted after a JSON6902 remove before it', () => {
    const rs = check(
      overlay(json6902([{ op: 'remove', path: `${ENV}/0` }])),
      [],
    );
    expect(copies(rs)).toEqual({
      recorded: [envValuePath(0, 0)],
      rendered: [envValuePath(0, 0)],
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
      recorded: [envValuePath(0, 0)],
      rendered: [envValuePath(0, 0)],
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
      recorded: [envValuePath(1, 1)],
      rendered: [envValuePath(1, 1)],
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
      recorded: [envValuePath(0, 1)],
      rendered: [envValuePath(0, 1)],
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
