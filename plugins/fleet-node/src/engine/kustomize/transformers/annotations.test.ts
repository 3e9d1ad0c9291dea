import { applyAnnotations } from './annotations';
import {
  contextOf,
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';
import { WORKLOADS } from '../../testing/workloads';

describe('applyAnnotations', () => {
  it('sets commonAnnotations on metadata and pod templates as kubectl', () => {
    const { ctx, problems } = contextOf();
    const got = applyAnnotations(
      resourcesOf(WORKLOADS),
      kust({ commonAnnotations: { a: 'b', 'x/y': '1' } }),
      ctx,
    );
    const want = kubectlSorted({
      'app/r.yaml': WORKLOADS,
      'app/kustomization.yaml':
        'resources: [r.yaml]\ncommonAnnotations: {a: b, x/y: "1"}\n',
    });
    expect(problems).toEqual([]);
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });
});
