import { redactSecretPaths } from '@flux-fleet/backstage-plugin-fleet-common';
import { snapshotOf } from '../testing/snapshots';
import { resolveFleet } from '../model/resolveFleet';
import { toMatrix } from '../model/toMatrix';

// a replacement at the cluster level writes a Secret value into the spec
// of the Flux Kustomization that builds apps/a
const fleet = (fieldPaths: string) => ({
  'clusters/dev/kustomization.yaml': `resources: [flux.yaml]
replacements:
- source: {kind: Secret, name: creds, fieldPath: stringData.v}
  targets: [{select: {kind: Kustomization}, fieldPaths: [${fieldPaths}]}]
`,
  'clusters/dev/flux.yaml': `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: flux-system}
stringData: {v: Kq3v}
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: app, namespace: flux-system}
spec:
  path: ./apps/a
  sourceRef: {kind: GitRepository, name: flux-system}
  targetNamespace: x
  namePrefix: p-
  postBuild: {substitute: {X: y}}
  commonMetadata: {labels: {team: z}}
`,
  'apps/a/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {v: "${X}", plain: innocent}\n',
});

const resolved = (fieldPaths: string) => {
  const model = resolveFleet(snapshotOf(fleet(fieldPaths)));
  const cm = model.objects.find(o => o.object.kind === 'ConfigMap')!;
  return { model, cm, matrix: toMatrix(model) };
};

describe('a Secret value in a Flux Kustomization spec', () => {
  it('is recorded in every object the Kustomization builds with it', () => {
    const { cm } = resolved(
      'spec.targetNamespace, spec.namePrefix, "spec.postBuild.substitute.X", "spec.commonMetadata.labels.team"',
    );
    // Flux's rendering, untouched
    expect(cm.object.metadata).toEqual({
      name: 'Kq3vcm',
      namespace: 'Kq3v',
      labels: { team: 'Kq3v' },
    });
    expect(cm.secretPaths).toEqual([
      ['metadata', 'name'],
      ['metadata', 'namespace'],
      ['metadata', 'labels', 'team'],
      ['data', 'v'],
    ]);
    expect(redactSecretPaths(cm.object, cm.secretPaths).data).toEqual({
      v: '<redacted>',
      plain: 'innocent',
    });
  });

  it('names such an object by its placeholder in the matrix and problems', () => {
    const { matrix } = resolved('spec.targetNamespace');
    const text = JSON.stringify(matrix);
    expect(text).not.toContain('Kq3v');
    expect(matrix.problems.map(p => p.rule)).toEqual([
      'namespace-missing',
      'secret-in-identity',
    ]);
  });

  it('records nothing when the spec holds no Secret value', () => {
    const model = resolveFleet(
      snapshotOf({
        ...fleet('spec.targetNamespace'),
        'clusters/dev/kustomization.yaml': 'resources: [flux.yaml]\n',
      }),
    );
    const cm = model.objects.find(o => o.object.kind === 'ConfigMap')!;
    expect(cm.secretPaths).toBeUndefined();
    expect(cm.object.metadata?.namespace).toBe('x');
  });
});
