import { parseAllDocuments } from 'yaml';
import type { KObject } from '../../core/types';
import { helmReleaseDetail, REDACTED } from './helmReleaseDetail';

const objects = (text: string) =>
  parseAllDocuments(text).map(d => d.toJS() as KObject);

const lookupIn =
  (list: KObject[]) => (kind: string, namespace: string, name: string) =>
    list.find(
      o =>
        o.kind === kind &&
        (o.metadata?.namespace ?? 'default') === namespace &&
        o.metadata?.name === name,
    );

describe('helmReleaseDetail', () => {
  it('merges valuesFrom in order, then the inline values, redacting what comes from a Secret', () => {
    const [hr, ...rest] = objects(`
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: app, namespace: apps}
spec:
  chart: {spec: {chart: podinfo, version: 6.7.0}}
  valuesFrom:
    - {kind: ConfigMap, name: base}
    - {kind: Secret, name: creds, valuesKey: auth.yaml}
    - {kind: ConfigMap, name: base, valuesKey: replicas, targetPath: replicaCount}
    - {kind: ConfigMap, name: absent, optional: true}
  values:
    ui: {color: blue}
  postRenderers:
    - kustomize: {images: [{name: podinfo, newTag: 6.7.1}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: base, namespace: apps}
data:
  values.yaml: "ui: {color: red, message: hi}\\nreplicaCount: 1\\n"
  replicas: "3"
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: apps}
data:
  auth.yaml: ${Buffer.from('auth: {password: s3cret}\n').toString('base64')}
`);
    const d = helmReleaseDetail(hr, lookupIn(rest));
    expect(d).toEqual({
      chart: 'podinfo',
      version: '6.7.0',
      versionFrom: 'chart',
      values: {
        ui: { color: 'blue', message: 'hi' },
        replicaCount: '3',
        auth: { password: REDACTED },
      },
      valuesFrom: [
        expect.objectContaining({ name: 'base', status: 'found' }),
        expect.objectContaining({ name: 'creds', status: 'found' }),
        expect.objectContaining({
          targetPath: 'replicaCount',
          status: 'found',
        }),
        expect.objectContaining({
          name: 'absent',
          optional: true,
          status: 'missing-object',
        }),
      ],
      postRenderers: [
        { kustomize: { images: [{ name: 'podinfo', newTag: '6.7.1' }] } },
      ],
      rendered: false,
    });
  });

  it("takes the chart version from a chartRef's OCIRepository in Git: semver before tag", () => {
    const [hr, oci] = objects(`
kind: HelmRelease
metadata: {name: app, namespace: apps}
spec: {chartRef: {kind: OCIRepository, name: podinfo}}
---
kind: OCIRepository
metadata: {name: podinfo, namespace: apps}
spec: {url: oci://ghcr.io/stefanprodan/charts/podinfo, ref: {tag: 6.7.0, semver: ">=6.0.0"}}
`);
    expect(helmReleaseDetail(hr, lookupIn([oci]))).toMatchObject({
      chart: 'podinfo',
      version: '>=6.0.0',
      versionFrom: 'ocirepository-semver',
    });
    expect(helmReleaseDetail(hr, lookupIn([]))).toMatchObject({
      chart: 'OCIRepository/podinfo',
      version: null,
    });
  });
});
