import {
  redactObject,
  redactSecretPaths,
} from '@flux-fleet/backstage-plugin-fleet-common';
import fc from 'fast-check';
import { buildKustomization } from '../buildKustomization';
import { BuildCache } from '../BuildCache';
import { snapshotOf, yamlText } from '../../testing/snapshots';
import type { BuiltResource } from '../types';
import {
  secretCopyFleet,
  SECRET_COPY_VALUES,
} from './__fixtures__/secretCopyFleet';

const build = (
  files: Record<string, string>,
  dir = 'app',
  cache?: BuildCache,
) => buildKustomization(snapshotOf(files), dir, { cache });

const named = (rs: BuiltResource[], kind: string, name: string) =>
  rs.find(r => r.object.kind === kind && r.object.metadata?.name === name)!;

/** What may leave the backend: Secret data and the recorded copies redacted. */
const shown = (rs: BuiltResource[]) =>
  JSON.stringify(
    rs.map(r => redactObject(redactSecretPaths(r.object, r.secretPaths))),
  );

const sorted = (paths: unknown[] | undefined) =>
  (paths ?? []).map(p => JSON.stringify(p)).sort();

describe('fields copied from Secret data', () => {
  it('records every field a replacement or a var wrote from Secret data', () => {
    const { resources, problems } = build(secretCopyFleet);
    expect(problems).toEqual([]);
    expect(
      sorted(named(resources, 'ConfigMap', 'settings').secretPaths),
    ).toEqual(
      sorted([
        ['data', 'enc'],
        ['data', 'pw'],
        ['data', 'token'],
      ]),
    );
    expect(sorted(named(resources, 'Deployment', 'app').secretPaths)).toEqual(
      sorted([
        ['metadata', 'annotations', 'note'],
        ['spec', 'template', 'spec', 'containers', 0, 'args', 0],
        ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'value'],
      ]),
    );
  });

  it('marks nothing for a ConfigMap value copied into a Secret, and no Secret', () => {
    const { resources } = build(secretCopyFleet);
    const db = named(resources, 'Secret', 'db');
    expect(db.secretPaths).toBeUndefined();
    expect(db.object.stringData).toMatchObject({ user: 'app-user' });
    expect(shown(resources)).toContain('"user":"app-user"');
  });

  it('leaves the rendered bodies as kubectl renders them', () => {
    const { resources } = build(secretCopyFleet);
    const app = named(resources, 'Deployment', 'app').object as any;
    expect(app.metadata.annotations).toEqual({ note: 'keep-k3y-keep' });
    expect(app.spec.template.spec.containers[0].env[0].value).toBe(
      'cGFzc3dvcmQxMjM=',
    );
  });

  it('shows no Secret value, whole, partial, base64 or SOPS, once redacted', () => {
    const text = shown(build(secretCopyFleet).resources);
    for (const v of SECRET_COPY_VALUES) expect(text).not.toContain(v);
  });

  it('follows a copy of a copy across levels and through the build cache', () => {
    const files = {
      ...secretCopyFleet,
      'top/kustomization.yaml': yamlText(`
        resources: [../app, extra.yaml]
        replacements:
        - source: {kind: ConfigMap, name: settings, fieldPath: data.pw}
          targets:
          - select: {kind: ConfigMap, name: extra}
            fieldPaths: [data.copied]
        - source: {kind: ConfigMap, name: settings, fieldPath: data.user}
          targets:
          - select: {kind: ConfigMap, name: extra}
            fieldPaths: [data.plain]
      `),
      'top/extra.yaml': yamlText(`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: extra}
        data: {copied: x, plain: x}
      `),
    };
    const cache = new BuildCache();
    build(files, 'app', cache);
    for (const run of [1, 2]) {
      const { resources } = build(files, 'top', cache);
      const extra = named(resources, 'ConfigMap', 'extra');
      expect({ run, paths: extra.secretPaths }).toEqual({
        run,
        paths: [['data', 'copied']],
      });
      expect(shown(resources)).not.toContain('pw4u');
    }
  });
});

// Secret pieces: an upper-case Q never appears in the rest of the fixture
const piece = fc.stringMatching(/^Q[a-z0-9]{0,6}$/);
const targetPath = fc.constantFrom(
  'spec.template.spec.containers.*.env.[name=X].value',
  'spec.template.spec.containers.0.args.1',
  'spec.template.spec.containers.[name=side].image',
  'metadata.annotations.note',
  'metadata.labels.created',
  'spec.template.spec.volumes',
);
const sourcePath = fc.constantFrom(
  'stringData.login',
  'stringData.*',
  'data.encoded',
  'data',
);
const options = fc.option(
  fc.record({
    delimiter: fc.constantFrom(':', '-'),
    index: fc.integer({ min: -1, max: 3 }),
  }),
  { nil: undefined },
);

describe('fields copied from Secret data, hostile shapes', () => {
  it('never shows a piece of a Secret value, whatever the paths and options', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 3 }),
        sourcePath,
        options,
        targetPath,
        options,
        (pieces, from, sourceOptions, to, targetOptions) => {
          const login = pieces.join(':');
          const files = {
            'app/kustomization.yaml': JSON.stringify({
              resources: ['all.yaml'],
              replacements: [
                {
                  source: {
                    kind: 'Secret',
                    name: 's',
                    fieldPath: from,
                    options: sourceOptions,
                  },
                  targets: [
                    {
                      select: { kind: 'Deployment' },
                      fieldPaths: [to],
                      options: { ...targetOptions, create: true },
                    },
                  ],
                },
              ],
            }),
            'app/all.yaml': yamlText(`
              apiVersion: v1
              kind: Secret
              metadata: {name: s}
              stringData: {login: "${login}"}
              data: {encoded: ${Buffer.from(login).toString('base64')}}
              ---
              apiVersion: apps/v1
              kind: Deployment
              metadata: {name: d, annotations: {note: a-b-c}}
              spec:
                template:
                  spec:
                    containers:
                    - {name: app, image: "i:1", args: [a, b], env: [{name: X, value: v}]}
                    - {name: side, image: "s:1", env: [{name: X, value: w}]}
            `),
          };
          const { resources } = build(files);
          const text = shown(resources);
          expect(text).not.toMatch(/Q/);
          expect(text).not.toContain(Buffer.from(login).toString('base64'));
        },
      ),
      { seed: 13, numRuns: 150 },
    );
  });
});
