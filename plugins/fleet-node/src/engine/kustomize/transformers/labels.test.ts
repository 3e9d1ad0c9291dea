import { applyLabels, mergeFieldSpecs } from './labels';
import { contextOf, kubectlKustomize, kust, objectsOf, resourcesOf, sortObjects } from './__testUtils__/transformFixtures';
import { WORKLOADS } from './__testUtils__/workloads';
import type { Kustomization } from '../kustomization';

function compare(k: Partial<Kustomization>, kustYaml: string) {
  const { ctx, problems } = contextOf();
  const got = applyLabels(resourcesOf(WORKLOADS), kust(k), ctx);
  const want = kubectlKustomize({ 'app/r.yaml': WORKLOADS, 'app/kustomization.yaml': `resources: [r.yaml]\n${kustYaml}` });
  expect(problems).toEqual([]);
  expect(sortObjects(objectsOf(got))).toEqual(want);
}

describe('applyLabels', () => {
  it('sets commonLabels on metadata, selectors and templates as kubectl', () => {
    compare({ commonLabels: { a: 'b' } }, 'commonLabels: {a: b}\n');
  });

  it('sets labels entries on metadata only by default', () => {
    compare({ labels: [{ pairs: { a: 'b' } }] }, 'labels: [{pairs: {a: b}}]\n');
  });

  it('adds templates with includeTemplates', () => {
    compare({ labels: [{ pairs: { a: 'b' }, includeTemplates: true }] }, 'labels: [{pairs: {a: b}, includeTemplates: true}]\n');
  });

  it('adds selectors and templates with includeSelectors', () => {
    compare({ labels: [{ pairs: { a: 'b' }, includeSelectors: true }] }, 'labels: [{pairs: {a: b}, includeSelectors: true}]\n');
  });

  it('honours custom fields of a labels entry', () => {
    compare(
      { labels: [{ pairs: { a: 'b' }, fields: [{ path: 'spec/extra/labels', kind: 'Service', create: true }] }] },
      'labels: [{pairs: {a: b}, fields: [{path: spec/extra/labels, kind: Service, create: true}]}]\n',
    );
  });

  it('reports a label path that holds a scalar', () => {
    const { ctx, problems } = contextOf();
    applyLabels(resourcesOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: oops}\n'), kust({ commonLabels: { a: 'b' } }), ctx);
    expect(problems.map(p => p.message)).toEqual(["commonLabels: ConfigMap.v1/a: 'metadata/labels' is not a map"]);
  });
});

describe('mergeFieldSpecs', () => {
  it('keeps the first of two specs with the same gvk and path', () => {
    expect(mergeFieldSpecs([{ path: 'a', create: true }], [{ path: 'a' }, { path: 'b', kind: 'K' }])).toEqual([
      { path: 'a', create: true },
      { path: 'b', kind: 'K' },
    ]);
  });
});
