/*
 * The resolver fuzzed against the oracle (fast-check, fixed seed, a bounded
 * number of runs: kubectl takes 0.3–1 s a build): a random base of
 * Deployments, ConfigMaps and Services and a random overlay on it
 * (namePrefix/nameSuffix, namespace, labels with or without selectors,
 * commonAnnotations, images, replicas, a strategic merge patch, a
 * configMapGenerator the Deployments read) are built by the engine and by
 * `kubectl kustomize --load-restrictor LoadRestrictionsNone`, and compared
 * object for object as the differential suite does. kubectl is a required
 * test tool (see testing/kubectl.ts): without it this test fails.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describeDifferences } from '../__differential__/describeDifferences';
import { buildKustomization } from '../kustomize/buildKustomization';
import { kubectlBuildFiles } from '../testing/kubectl';
import { snapshotOf } from '../testing/snapshots';

const SEED = 20261213;
const RUNS = 30;

const NAMES = ['web', 'api', 'worker', 'cache'];
const IMAGES = ['nginx', 'ghcr.io/acme/api', 'redis'];
const token = fc.constantFrom('a', 'b', 'prod', 'x1', 'team-z');

const deployment = (name: string, image: string, replicas: number | null) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    ...(replicas === null ? {} : { replicas }),
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [
          {
            name,
            image: `${image}:1.0`,
            envFrom: [{ configMapRef: { name: 'settings' } }],
          },
        ],
      },
    },
  },
});

const base = fc.record({
  deployments: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...NAMES),
      image: fc.constantFrom(...IMAGES),
      replicas: fc.option(fc.integer({ min: 0, max: 5 })),
    }),
    { minLength: 1, maxLength: 3, selector: d => d.name },
  ),
  configMaps: fc.uniqueArray(fc.constantFrom('extra', 'flags'), {
    maxLength: 2,
  }),
  service: fc.boolean(),
});

const overlay = fc.record({
  namePrefix: fc.option(token.map(t => `${t}-`)),
  nameSuffix: fc.option(token.map(t => `-${t}`)),
  namespace: fc.option(token),
  labels: fc.option(
    fc.record({ key: token, value: token, includeSelectors: fc.boolean() }),
  ),
  annotation: fc.option(token),
  image: fc.option(
    fc.record({
      name: fc.constantFrom(...IMAGES),
      newTag: fc.option(fc.constantFrom('2.0', 'v3')),
      newName: fc.option(fc.constantFrom('mirror.local/x')),
    }),
  ),
  replicas: fc.option(fc.integer({ min: 1, max: 9 })),
  patchReplicas: fc.option(fc.integer({ min: 1, max: 9 })),
  literals: fc.uniqueArray(token, { minLength: 1, maxLength: 3 }),
});

type Base = typeof base extends fc.Arbitrary<infer T> ? T : never;
type Overlay = typeof overlay extends fc.Arbitrary<infer T> ? T : never;

/** The files of one generated case: base/ and overlay/ (the directory built). */
function filesOf(b: Base, o: Overlay): Record<string, string> {
  const objects: unknown[] = b.deployments.map(d =>
    deployment(d.name, d.image, d.replicas),
  );
  for (const c of b.configMaps)
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: c },
      data: { key: c },
    });
  if (b.service)
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: b.deployments[0].name },
      spec: {
        selector: { app: b.deployments[0].name },
        ports: [{ port: 80 }],
      },
    });
  const first = b.deployments[0].name;
  const kust: Record<string, unknown> = { resources: ['../base'] };
  if (o.namePrefix) kust.namePrefix = o.namePrefix;
  if (o.nameSuffix) kust.nameSuffix = o.nameSuffix;
  if (o.namespace) kust.namespace = o.namespace;
  if (o.labels)
    kust.labels = [
      {
        pairs: { [o.labels.key]: o.labels.value },
        includeSelectors: o.labels.includeSelectors,
      },
    ];
  if (o.annotation) kust.commonAnnotations = { owner: o.annotation };
  if (o.image) {
    const { name, newTag, newName } = o.image;
    kust.images = [
      { name, ...(newTag ? { newTag } : {}), ...(newName ? { newName } : {}) },
    ];
  }
  if (o.replicas) kust.replicas = [{ name: first, count: o.replicas }];
  if (o.patchReplicas)
    kust.patches = [
      {
        patch: stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: first },
          spec: { replicas: o.patchReplicas },
        }),
      },
    ];
  kust.configMapGenerator = [
    { name: 'settings', literals: o.literals.map(l => `${l}=${l}`) },
  ];
  return {
    'base/kustomization.yaml': stringify({ resources: ['objects.yaml'] }),
    'base/objects.yaml': objects.map(x => stringify(x)).join('---\n'),
    'overlay/kustomization.yaml': stringify(kust),
  };
}

describe('resolver vs kubectl kustomize on generated overlays (fuzzed)', () => {
  it('builds every generated overlay object for object as kubectl does', () => {
    let runs = 0;
    fc.assert(
      fc.property(base, overlay, (b, o) => {
        runs++;
        const files = filesOf(b, o);
        const expected = kubectlBuildFiles(files, 'overlay');
        const result = buildKustomization(snapshotOf(files), 'overlay');
        expect(result.problems.filter(p => p.severity === 'error')).toEqual([]);
        const diff = describeDifferences(
          result.resources.map(r => r.object),
          expected,
        );
        expect(diff).toBe('');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
