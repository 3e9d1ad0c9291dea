import { runTransformers } from './runTransformers';
import { fixNameReferences } from './nameReference';
import { runGenerators } from '../generators';
import { applyHashSuffixes } from '../hash';
import {
  contextOf,
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';

const RESOURCES = `
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    replicas: 1
    template:
      spec:
        containers: [{name: app, image: "nginx:1"}]
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings}
  data: {owner: nobody}
`;

const FILES = {
  'app/r.yaml': RESOURCES,
  'app/smp.yaml': `
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec: {replicas: 2}
  `,
  'app/kustomization.yaml': `
    resources: [r.yaml]
    patchesStrategicMerge: [smp.yaml]
    patches:
    - target: {kind: Deployment, name: web}
      patch: |-
        - op: add
          path: /metadata/annotations
          value: {patched: "yes"}
    namespace: ns
    namePrefix: p-
    commonLabels: {team: a}
    commonAnnotations: {note: x}
    patchesJson6902:
    - target: {group: apps, version: v1, kind: Deployment, name: web}
      patch: |-
        - op: remove
          path: /metadata/labels/team
    replicas: [{name: web, count: 5}]
    images: [{name: nginx, newTag: "2"}]
    replacements:
    - source: {kind: Deployment, fieldPath: metadata.name}
      targets: [{select: {kind: ConfigMap}, fieldPaths: [data.owner]}]
  `,
};

describe('runTransformers', () => {
  it('applies every builtin transformer in kustomize order, as kubectl', () => {
    const { ctx, problems } = contextOf(FILES);
    const k = kust({
      patchesStrategicMerge: [{ path: 'app/smp.yaml' }],
      patches: [
        {
          target: { kind: 'Deployment', name: 'web' },
          patch:
            '- op: add\n  path: /metadata/annotations\n  value: {patched: "yes"}\n',
        },
      ],
      namespace: 'ns',
      namePrefix: 'p-',
      commonLabels: { team: 'a' },
      commonAnnotations: { note: 'x' },
      patchesJson6902: [
        {
          target: {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            name: 'web',
          },
          patch: '- op: remove\n  path: /metadata/labels/team\n',
        },
      ],
      replicas: [{ name: 'web', count: 5 }],
      images: [{ name: 'nginx', newTag: '2' }],
      replacements: [
        {
          source: { kind: 'Deployment', fieldPath: 'metadata.name' },
          targets: [
            { select: { kind: 'ConfigMap' }, fieldPaths: ['data.owner'] },
          ],
        },
      ],
    });
    const level = runTransformers(
      runGenerators(resourcesOf(RESOURCES), k, ctx),
      k,
      ctx,
    );
    const got = fixNameReferences(applyHashSuffixes(level), ctx);
    expect(problems).toEqual([]);
    expect(sortObjects(objectsOf(got))).toEqual(kubectlSorted(FILES));
  });

  it('returns the resources untouched for an empty kustomization', () => {
    const { ctx } = contextOf();
    const rs = resourcesOf(RESOURCES);
    const before = JSON.parse(JSON.stringify(objectsOf(rs)));
    expect(objectsOf(runTransformers(rs, kust({}), ctx))).toEqual(before);
  });
});
