/*
 * Files added and removed between revisions: a warm re-resolve re-resolves
 * only the clusters whose builds probed the path or listed a directory
 * holding it, and its model is always the cold model of the same files.
 * Each case states where kustomize and Flux would (or would not) see the file.
 */
import { BuildCache } from '../kustomize/BuildCache';
import { snapshotOf, yamlText } from '../testing/snapshots';
import { resolveFleet } from './resolveFleet';
import { toMatrix } from './toMatrix';
import { freezeSharedObjects } from '../kustomize/sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

const cm = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

const fluxKs = (name: string, path: string) =>
  yamlText(`
  apiVersion: kustomize.toolkit.fluxcd.io/v1
  kind: Kustomization
  metadata: { name: ${name}, namespace: flux-system }
  spec: { path: ${path}, sourceRef: { kind: GitRepository, name: flux-system } }
  `);

// dev applies a plain-manifest directory (Flux generates its kustomization);
// prod builds a kustomization that lists its resources
const files: Record<string, string> = {
  'clusters/dev/kustomization.yaml': 'resources: [plain.yaml]\n',
  'clusters/dev/plain.yaml': fluxKs('plain', './apps/plain'),
  'apps/plain/a.yaml': cm('a'),
  'clusters/prod/kustomization.yaml': 'resources: [../../apps/listed]\n',
  'apps/listed/kustomization.yaml': 'resources: [a.yaml]\n',
  'apps/listed/a.yaml': cm('listed-a'),
  'docs/README.md': '# docs\n',
};

type Files = Record<string, string>;

/** Resolves `before` then `after` with one cache; checks the warm model against a cold one. */
function warmAfter(before: Files, after: Files) {
  const cache = new BuildCache();
  const first = resolveFleet(snapshotOf(before), { cache });
  const warm = resolveFleet(snapshotOf(after), { cache });
  expect(toMatrix(warm)).toEqual(toMatrix(resolveFleet(snapshotOf(after))));
  const reused = (name: string) =>
    warm.clusters.find(c => c.name === name)!.kustomizations ===
    first.clusters.find(c => c.name === name)!.kustomizations;
  return { warm, reused };
}

const names = (m: ReturnType<typeof resolveFleet>, cluster: string) =>
  m.objects
    .filter(o => o.cluster === cluster && o.object.kind === 'ConfigMap')
    .map(o => o.object.metadata!.name)
    .sort();

const without = (f: Files, path: string) =>
  Object.fromEntries(Object.entries(f).filter(([p]) => p !== path));

describe('warm re-resolve after files are added or removed', () => {
  it('reuses every cluster when the added file is in a directory no build lists', () => {
    const { reused } = warmAfter(files, { ...files, 'docs/new.md': '# new\n' });
    expect(reused('dev')).toBe(true);
    expect(reused('prod')).toBe(true);
  });

  it('shows a manifest added to a plain-manifest Flux path, in that cluster only', () => {
    const { warm, reused } = warmAfter(files, {
      ...files,
      'apps/plain/b.yaml': cm('b'),
    });
    expect(names(warm, 'dev')).toEqual(['a', 'b']);
    expect(reused('dev')).toBe(false);
    expect(reused('prod')).toBe(true);
  });

  it('shows a manifest added in a new subdirectory of a plain-manifest Flux path (Flux generates recursively)', () => {
    const { warm } = warmAfter(files, {
      ...files,
      'apps/plain/sub/c.yaml': cm('c'),
    });
    expect(names(warm, 'dev')).toEqual(['a', 'c']);
  });

  it('drops a manifest removed from a plain-manifest Flux path', () => {
    const before = { ...files, 'apps/plain/b.yaml': cm('b') };
    const { warm } = warmAfter(before, files);
    expect(names(warm, 'dev')).toEqual(['a']);
  });

  it('ignores a manifest added beside a kustomization file that does not list it (as kustomize)', () => {
    const { warm, reused } = warmAfter(files, {
      ...files,
      'apps/listed/b.yaml': cm('listed-b'),
    });
    expect(names(warm, 'prod')).toEqual(['listed-a']);
    expect(reused('prod')).toBe(true);
  });

  it('builds a listed resource once the missing file is added, and reports it missing once removed', () => {
    const listing = {
      ...files,
      'apps/listed/kustomization.yaml': 'resources: [a.yaml, b.yaml]\n',
    };
    const added = warmAfter(listing, {
      ...listing,
      'apps/listed/b.yaml': cm('listed-b'),
    });
    expect(names(added.warm, 'prod')).toEqual(['listed-a', 'listed-b']);
    expect(added.warm.problems.map(p => p.rule)).not.toContain('missing-path');
    const removed = warmAfter(
      { ...listing, 'apps/listed/b.yaml': cm('listed-b') },
      listing,
    );
    expect(names(removed.warm, 'prod')).toEqual(['listed-a']);
    expect(removed.warm.problems.map(p => p.rule)).toContain('missing-path');
  });

  it('builds a plain-manifest path from its kustomization file once one is added', () => {
    const { warm } = warmAfter(
      { ...files, 'apps/plain/b.yaml': cm('b') },
      {
        ...files,
        'apps/plain/b.yaml': cm('b'),
        'apps/plain/kustomization.yaml': 'resources: [b.yaml]\n',
      },
    );
    expect(names(warm, 'dev')).toEqual(['b']);
  });

  it('reads a generator file once it is added', () => {
    const gen = {
      ...files,
      'apps/listed/kustomization.yaml': yamlText(`
      resources: [a.yaml]
      configMapGenerator:
        - name: settings
          files: [settings.env]
      generatorOptions: { disableNameSuffixHash: true }
      `),
    };
    const before = warmAfter(files, gen);
    expect(before.warm.problems.map(p => p.rule)).toContain('missing-path');
    const { warm } = warmAfter(gen, {
      ...gen,
      'apps/listed/settings.env': 'A=1\n',
    });
    expect(names(warm, 'prod')).toEqual(['listed-a', 'settings']);
  });

  it('drops a manifest a new .sourceignore excludes (source-controller never archives it)', () => {
    const { warm } = warmAfter(
      { ...files, 'apps/plain/b.yaml': cm('b') },
      {
        ...files,
        'apps/plain/b.yaml': cm('b'),
        'apps/plain/.sourceignore': 'b.yaml\n',
      },
    );
    expect(names(warm, 'dev')).toEqual(['a']);
  });

  it('finds a cluster whose directory is added, and forgets it when removed', () => {
    const withStage = {
      ...files,
      'clusters/stage/kustomization.yaml': 'resources: [../../apps/listed]\n',
    };
    const added = warmAfter(files, withStage);
    expect(added.warm.clusters.map(c => c.name)).toEqual([
      'dev',
      'prod',
      'stage',
    ]);
    const removed = warmAfter(
      withStage,
      without(withStage, 'clusters/stage/kustomization.yaml'),
    );
    expect(removed.warm.clusters.map(c => c.name)).toEqual(['dev', 'prod']);
  });
});
