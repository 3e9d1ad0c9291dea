/*
 * Hostile graphs: kustomize cycles (self, a→b→a, through a component, an
 * ancestor as a base) each compared with kubectl's refusal, no false
 * positive on sibling overlays sharing a base or on a diamond (a base
 * reached twice, compared with kubectl), Flux dependsOn rings and dangling
 * references, and a cluster whose tree includes another cluster's.
 */
import { buildKustomization } from '../kustomize/buildKustomization';
import { describeDifferences } from '../__differential__/describeDifferences';
import { resolveFleet } from '../model/resolveFleet';
import { kubectlBuildFiles } from '../testing/kubectl';
import { snapshotOf } from '../testing/snapshots';
import {
  GOOD_OBJECTS,
  baseFleet,
  configMap,
  fluxKustomization,
  objectsOf,
  problemsOf,
} from './hostileFleet';

const cm = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const COMPONENT =
  'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';

/** [rule, file, line] of the engine's errors building `dir`. */
function engineErrors(files: Record<string, string>, dir: string) {
  const r = buildKustomization(snapshotOf(files), dir);
  return r.problems
    .filter(p => p.severity === 'error')
    .map(p => [p.rule, p.file, p.line]);
}

describe('kustomize cycles, as kubectl refuses them', () => {
  it.each([
    [
      'a directory listing itself',
      { 'a/kustomization.yaml': 'resources:\n- .\n' },
      'a',
      [['cycle', 'a/kustomization.yaml', 2]],
    ],
    [
      'a → b → a',
      {
        'a/kustomization.yaml': 'resources:\n- ../b\n',
        'b/kustomization.yaml': 'resources:\n- ../a\n',
      },
      'a',
      [['cycle', 'b/kustomization.yaml', 2]],
    ],
    [
      'a cycle through a component',
      {
        'a/kustomization.yaml': 'resources:\n- cm.yaml\ncomponents:\n- ../c\n',
        'a/cm.yaml': cm('a'),
        'c/kustomization.yaml': `${COMPONENT}resources:\n- ../a\n`,
      },
      'a',
      [['cycle', 'c/kustomization.yaml', 4]],
    ],
    [
      'an ancestor as a base',
      {
        'app/kustomization.yaml': 'resources:\n- cm.yaml\n- overlay\n',
        'app/cm.yaml': cm('app'),
        'app/overlay/kustomization.yaml': 'resources:\n- ..\n',
      },
      'app',
      [['cycle', 'app/overlay/kustomization.yaml', 2]],
    ],
  ])(
    'reports %s as a cycle at the entry that closes it',
    (_n, files, dir, errors) => {
      expect(() => kubectlBuildFiles(files, dir)).toThrow(
        /cycl|already|recursion/i,
      );
      expect(engineErrors(files, dir)).toEqual(errors);
    },
  );
});

describe('shared bases, as kubectl builds them', () => {
  const shared = {
    'base/kustomization.yaml': 'resources:\n- cm.yaml\n',
    'base/cm.yaml': cm('shared'),
  };

  it('builds sibling overlays sharing a base without a cycle', () => {
    const files = {
      ...shared,
      'overlays/dev/kustomization.yaml':
        'resources:\n- ../../base\nnameSuffix: -dev\n',
      'overlays/prod/kustomization.yaml':
        'resources:\n- ../../base\nnameSuffix: -prod\n',
      'all/kustomization.yaml':
        'resources:\n- ../overlays/dev\n- ../overlays/prod\n',
    };
    expect(engineErrors(files, 'all')).toEqual([]);
    const built = buildKustomization(snapshotOf(files), 'all');
    expect(
      describeDifferences(
        built.resources.map(r => r.object),
        kubectlBuildFiles(files, 'all'),
      ),
    ).toBe('');
  });

  it('refuses a diamond (one base reached twice, unrenamed) as kubectl does', () => {
    const files = {
      ...shared,
      'left/kustomization.yaml': 'resources:\n- ../base\n',
      'right/kustomization.yaml': 'resources:\n- ../base\n',
      'top/kustomization.yaml': 'resources:\n- ../left\n- ../right\n',
    };
    expect(() => kubectlBuildFiles(files, 'top')).toThrow(
      /already registered|id/i,
    );
    expect(engineErrors(files, 'top')).toEqual([
      ['duplicate-object', 'top/kustomization.yaml', 3],
    ]);
  });
});

describe('Flux graphs', () => {
  const fleet = (files: Record<string, string>) =>
    resolveFleet(snapshotOf({ ...baseFleet(), ...files }));

  it('reports a dependsOn ring once, at its first member, and keeps the objects', () => {
    const m = fleet({
      'clusters/bad/apps.yaml': [
        fluxKustomization(
          'apps',
          './apps/bad',
          '  dependsOn:\n  - name: infra',
        ),
        fluxKustomization(
          'infra',
          './apps/infra',
          '  dependsOn:\n  - name: apps',
        ),
      ].join('---\n'),
      'apps/infra/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'apps/infra/cm.yaml': configMap('infra'),
    });
    expect(problemsOf(m)).toEqual([
      ['error', 'dependson-cycle', 'bad', 'clusters/bad/apps.yaml', 1],
    ]);
    expect(objectsOf(m, 'bad')).toContain('ConfigMap/infra');
    expect(objectsOf(m, 'good')).toEqual(GOOD_OBJECTS);
  });

  it('reports a Kustomization depending on itself', () => {
    const m = fleet({
      'clusters/bad/apps.yaml': fluxKustomization(
        'apps',
        './apps/bad',
        '  dependsOn:\n  - name: apps',
      ),
    });
    expect(problemsOf(m)).toEqual([
      ['error', 'dependson-cycle', 'bad', 'clusters/bad/apps.yaml', 1],
    ]);
  });

  it('reports a dangling dependsOn at the Kustomization naming it', () => {
    const m = fleet({
      'clusters/bad/apps.yaml': fluxKustomization(
        'apps',
        './apps/bad',
        '  dependsOn:\n  - name: nowhere',
      ),
    });
    expect(problemsOf(m)).toEqual([
      ['error', 'dependson-missing', 'bad', 'clusters/bad/apps.yaml', 1],
    ]);
    expect(objectsOf(m, 'bad')).toContain('ConfigMap/bad');
  });

  it('flags a cluster whose tree includes another cluster’s, follows it once, and keeps the other cluster intact', () => {
    const m = fleet({
      'clusters/bad/other.yaml': fluxKustomization('other', './clusters/good'),
    });
    expect(problemsOf(m)).toEqual([
      [
        'warning',
        'duplicate-flux-kustomization',
        'bad',
        'clusters/good/apps.yaml',
        1,
      ],
      ['error', 'cycle', 'bad', 'clusters/good/flux-system/gotk-sync.yaml', 9],
      [
        'warning',
        'cross-cluster-reference',
        'bad',
        'clusters/bad/other.yaml',
        1,
      ],
      ['warning', 'duplicate-object', 'bad', 'clusters/good/apps.yaml', 1],
      [
        'warning',
        'duplicate-object',
        'bad',
        'clusters/good/flux-system/gotk-sync.yaml',
        9,
      ],
      [
        'warning',
        'duplicate-object',
        'bad',
        'clusters/good/flux-system/gotk-sync.yaml',
        1,
      ],
    ]);
    expect(objectsOf(m, 'good')).toEqual(GOOD_OBJECTS);
    expect(objectsOf(m, 'bad')).toContain('ConfigMap/bad');
  });

  it('reports a Flux Kustomization that applies itself again from its own tree as applied twice, and follows it once', () => {
    const m = fleet({
      'clusters/bad/apps.yaml': fluxKustomization('apps', './apps/loop'),
      'apps/loop/kustomization.yaml': 'resources:\n- again.yaml\n',
      'apps/loop/again.yaml': fluxKustomization('apps', './apps/loop'),
    });
    expect(problemsOf(m)).toEqual([
      ['warning', 'duplicate-object', 'bad', 'apps/loop/again.yaml', 1],
      [
        'warning',
        'unreferenced-definition',
        null,
        'apps/bad/kustomization.yaml',
        1,
      ],
    ]);
    expect(objectsOf(m, 'bad')).toEqual([
      'GitRepository/flux-system',
      'Kustomization/apps',
      'Kustomization/apps',
      'Kustomization/flux-system',
    ]);
    expect(objectsOf(m, 'good')).toEqual(GOOD_OBJECTS);
  });
});
