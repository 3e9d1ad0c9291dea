import { applyImages, splitImage, updateImage } from './images';
import {
  kubectlSorted,
  kust,
  objectsOf,
  resourcesOf,
  sortObjects,
} from '../../testing/transformFixtures';

const RESOURCES = `
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    containers:
    - {name: a, image: "nginx:1.2@sha256:aaa"}
    - {name: b, image: "nginx@sha256:aaa"}
    - {name: c, image: "nginx"}
    - {name: d, image: "nginxx:1"}
    - {name: e, image: "reg.io:5000/app:1"}
    - {name: f}
    initContainers:
    - {name: i, image: "nginx:0"}
    ephemeralContainers:
    - {name: g, image: "nginx:1"}
  ---
  apiVersion: x/v1
  kind: Foo
  metadata: {name: f}
  spec:
    deep:
      containers:
      - {name: a, image: "nginx:1"}
    image: nginx:1
  ---
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: {name: c}
  spec:
    containers:
    - {name: a, image: "nginx:1"}
`;

describe('applyImages', () => {
  it('rewrites container and initContainer images anywhere except in CRDs, as kubectl', () => {
    const images = [
      { name: 'nginx', newTag: '2' },
      { name: 'reg.io:5000/app', newName: 'other/app', digest: 'sha256:abcd' },
    ];
    const got = applyImages(resourcesOf(RESOURCES), kust({ images }));
    const want = kubectlSorted({
      'app/r.yaml': RESOURCES,
      'app/kustomization.yaml': `
        resources: [r.yaml]
        images:
        - {name: nginx, newTag: "2"}
        - {name: "reg.io:5000/app", newName: other/app, digest: "sha256:abcd"}
      `,
    });
    expect(sortObjects(objectsOf(got))).toEqual(want);
  });
});

describe('splitImage', () => {
  it('does not take a registry port for a tag', () => {
    expect(splitImage('reg.io:5000/app:1@sha256:x')).toEqual({
      name: 'reg.io:5000/app',
      tag: '1',
      digest: 'sha256:x',
    });
  });
});

describe('updateImage', () => {
  it('keeps the tag when only newName is given', () => {
    expect(
      updateImage('nginx:1', { name: 'nginx', newName: 'mirror/nginx' }),
    ).toBe('mirror/nginx:1');
  });
});
