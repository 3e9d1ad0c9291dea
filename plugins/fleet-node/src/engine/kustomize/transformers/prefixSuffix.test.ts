import { applyPrefixSuffix } from './prefixSuffix';
import {
  kubectlSorted,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';
import type { AffixedResource } from './resIds';

const RESOURCES = `
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: cm}
  ---
  apiVersion: v1
  kind: Namespace
  metadata: {name: ns}
  ---
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: {name: foos.x.io}
  ---
  apiVersion: apiregistration.k8s.io/v1
  kind: APIService
  metadata: {name: v1.x}
  ---
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: cr}
`;

describe('applyPrefixSuffix', () => {
  it('renames everything but CRDs, APIServices and Namespaces, as kubectl', () => {
    const got = applyPrefixSuffix(resourcesOf(RESOURCES), 'p-', '-s');
    const want = kubectlSorted({
      'app/r.yaml': RESOURCES,
      'app/kustomization.yaml':
        'namePrefix: p-\nnameSuffix: -s\nresources: [r.yaml]\n',
    });
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });

  it('stores one previous id per applied affix and records the affixes', () => {
    const [r] = applyPrefixSuffix(
      resourcesOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n'),
      'p-',
      '-s',
    ) as AffixedResource[];
    expect([r.prevIds.map(id => id.name), r.nameAffixes]).toEqual([
      ['cm', 'p-cm'],
      { prefixes: ['p-'], suffixes: ['-s'] },
    ]);
  });
});
