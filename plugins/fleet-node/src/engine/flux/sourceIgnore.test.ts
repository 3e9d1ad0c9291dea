import { snapshotOf } from '../testing/snapshots';
import { isSourceIgnored, sourceArtifactView } from './sourceIgnore';

const files = (view: ReturnType<typeof sourceArtifactView>) =>
  [...view.files.keys()].sort();

describe('sourceArtifactView', () => {
  it('leaves out what source-controller excludes by default', () => {
    const view = sourceArtifactView(
      snapshotOf({
        '.github/workflows/ci.yaml': 'on: push\n',
        'clusters/dev/.sops.yaml': 'creation_rules: []\n',
        'clusters/dev/apps.yaml': 'kind: Kustomization\n',
        'docs/diagram.png': 'png',
        'ci/cloudbuild.yaml': 'steps: []\n',
        '.gitignore': 'dist/\n',
      }),
    );
    expect(files(view)).toEqual(['clusters/dev/apps.yaml']);
  });

  it('applies every .sourceignore in its own directory, last match winning, an excluded directory skipped whole', () => {
    const view = sourceArtifactView(
      snapshotOf({
        '.sourceignore': '# Flux ignore\ndocs/\n*.md\n!KEEP.md\n',
        'README.md': 'readme',
        'KEEP.md': 'kept',
        'apps/docs/values.yaml': 'replicaCount: 3\n',
        'apps/docs/keep.yaml': 'kind: ConfigMap\n',
        'apps/web/.sourceignore': '/tests\n!docs/\n',
        'apps/web/tests/fixture.yaml': 'x: 1\n',
        'apps/web/deploy/tests/job.yaml': 'kind: Job\n',
        'apps/web/deployment.yaml': 'kind: Deployment\n',
      }),
    );
    expect(files(view)).toEqual([
      '.sourceignore',
      'KEEP.md',
      'apps/web/.sourceignore',
      'apps/web/deploy/tests/job.yaml',
      'apps/web/deployment.yaml',
    ]);
  });

  it('judges paths the snapshot does not hold (files the loader refused)', () => {
    const snapshot = snapshotOf({
      '.sourceignore': 'docs/\n',
      'apps/a.yaml': 'kind: ConfigMap\n',
    });
    expect(
      [
        'docs/screen.mp4',
        '.github/big.bin',
        'apps/huge.yaml',
        'site/logo.png',
      ].map(p => isSourceIgnored(snapshot, p)),
    ).toEqual([true, true, false, true]);
  });

  it("applies a GitRepository's spec.ignore after the .sourceignore files, at the root", () => {
    const snapshot = snapshotOf({
      '.sourceignore': '!docs/keep.yaml\n',
      'kubernetes/apps/app.yaml': 'kind: ConfigMap\n',
      'docs/keep.yaml': 'kind: ConfigMap\n',
      'shared/base.yaml': 'kind: ConfigMap\n',
      'README.md': '# home\n',
    });
    // cluster-template's spec.ignore: everything out, kubernetes/ back in
    const ignore =
      '# exclude all\n/*\n# include kubernetes directory\n!/kubernetes\n';
    expect(files(sourceArtifactView(snapshot, ignore))).toEqual([
      'kubernetes/apps/app.yaml',
    ]);
    expect(isSourceIgnored(snapshot, 'docs/keep.yaml', ignore)).toBe(true);
    // without it, the same snapshot keeps every file
    expect(files(sourceArtifactView(snapshot))).toHaveLength(5);
  });

  it('is the snapshot itself when nothing is excluded', () => {
    const snapshot = snapshotOf({
      'clusters/dev/kustomization.yaml': 'resources: []\n',
    });
    expect(sourceArtifactView(snapshot)).toBe(snapshot);
  });
});
