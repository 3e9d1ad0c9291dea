import { applyLabels, mergeFieldSpecs } from './labels';
import {
  contextOf,
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';
import { WORKLOADS } from '../../testing/workloads';
import type { Kustomization } from '../types';

/** The problems, our labelled workloads and kubectl's, for one kustomization. */
function compare(k: Partial<Kustomization>, kustYaml: string) {
  const { ctx, problems } = contextOf();
  const got = applyLabels(resourcesOf(WORKLOADS), kust(k), ctx);
  const want = kubectlSorted({
    'app/r.yaml': WORKLOADS,
    'app/kustomization.yaml': `resources: [r.yaml]\n${kustYaml}`,
  });
  return { problems, got: sortObjects(objectsOf(got)), want };
}

describe('applyLabels', () => {
  it('sets commonLabels on metadata, selectors and templates as kubectl', () => {
    const { problems, got, want } = compare(
      { commonLabels: { a: 'b' } },
      'commonLabels: {a: b}\n',
    );
    expect([problems, got]).toEqual([[], want]);
  });

  it('sets labels entries on metadata only by default', () => {
    const { problems, got, want } = compare(
      { labels: [{ pairs: { a: 'b' } }] },
      'labels: [{pairs: {a: b}}]\n',
    );
    expect([problems, got]).toEqual([[], want]);
  });

  it('adds templates with includeTemplates', () => {
    const { problems, got, want } = compare(
      { labels: [{ pairs: { a: 'b' }, includeTemplates: true }] },
      'labels: [{pairs: {a: b}, includeTemplates: true}]\n',
    );
    expect([problems, got]).toEqual([[], want]);
  });

  it('adds selectors and templates with includeSelectors', () => {
    const { problems, got, want } = compare(
      { labels: [{ pairs: { a: 'b' }, includeSelectors: true }] },
      'labels: [{pairs: {a: b}, includeSelectors: true}]\n',
    );
    expect([problems, got]).toEqual([[], want]);
  });

  it('honours custom fields of a labels entry', () => {
    const { problems, got, want } = compare(
      {
        labels: [
          {
            pairs: { a: 'b' },
            fields: [
              { path: 'spec/extra/labels', kind: 'Service', create: true },
            ],
          },
        ],
      },
      'labels: [{pairs: {a: b}, fields: [{path: spec/extra/labels, kind: Service, create: true}]}]\n',
    );
    expect([problems, got]).toEqual([[], want]);
  });

  it('reports a label path that holds a scalar', () => {
    const { ctx, problems } = contextOf();
    applyLabels(
      resourcesOf(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: oops}\n',
      ),
      kust({ commonLabels: { a: 'b' } }),
      ctx,
    );
    expect(problems.map(p => p.message)).toEqual([
      "commonLabels: ConfigMap.v1/a: 'metadata/labels' is not a map",
    ]);
  });
});

describe('mergeFieldSpecs', () => {
  it('keeps the first of two specs with the same gvk and path', () => {
    expect(
      mergeFieldSpecs(
        [{ path: 'a', create: true }],
        [{ path: 'a' }, { path: 'b', kind: 'K' }],
      ),
    ).toEqual([
      { path: 'a', create: true },
      { path: 'b', kind: 'K' },
    ]);
  });
});
