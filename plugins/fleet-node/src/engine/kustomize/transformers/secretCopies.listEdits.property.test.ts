/*
 * A copy out of a Secret under random list edits on one or two levels above
 * it (JSON6902 add/remove/move/copy/replace, strategic-merge list merges by
 * key): the copied value must be redacted wherever it ends, and nothing
 * else may be. The fixed cases are in secretCopies.listEdits.test.ts.
 */
import fc from 'fast-check';
import { redactSecretPaths } from '@flux-fleet/backstage-plugin-fleet-common';
import { buildKustomization } from '../buildKustomization';
import { snapshotOf } from '../../testing/snapshots';
import {
  ENV,
  SECRET,
  deployment,
  envOf,
  json6902,
  overlay,
} from './__fixtures__/secretCopyListEdits';

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
