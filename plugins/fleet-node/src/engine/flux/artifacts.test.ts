import { snapshotOf } from '../testing/snapshots';
import type { KObject } from '../core/types';
import { assembleArtifact } from './artifacts';

const repo = snapshotOf({
  'infrastructure/controllers/kustomization.yaml': 'k1',
  'infrastructure/controllers/nginx/release.yaml': 'k2',
  'apps/base/podinfo/kustomization.yaml': 'k3',
  'apps/staging/kustomization.yaml': 'k4',
  'apps/staging/README.md': 'k5',
  'apps/production/kustomization.yaml': 'k6',
});

const generator = (
  artifacts: unknown[],
  sources: unknown[] = [
    { alias: 'monorepo', kind: 'GitRepository', name: 'flux-system' },
  ],
): KObject => ({
  apiVersion: 'source.extensions.fluxcd.io/v1beta1',
  kind: 'ArtifactGenerator',
  metadata: { name: 'flux-system', namespace: 'flux-system' },
  spec: { sources, artifacts },
});
const isRepo = (kind: string, ns: string, name: string) =>
  kind === 'GitRepository' && `${ns}/${name}` === 'flux-system/flux-system';

describe('assembleArtifact', () => {
  it('maps `@alias/dir/**` to the destination directory, keeping relative paths', () => {
    const view = assembleArtifact(
      repo,
      generator([
        {
          name: 'apps',
          copy: [
            { from: '@monorepo/apps/base/**', to: '@artifact/base/' },
            { from: '@monorepo/apps/staging/**', to: '@artifact/staging/' },
          ],
        },
      ]),
      'apps',
      isRepo,
    );
    expect('toRepo' in view && Object.fromEntries(view.toRepo)).toEqual({
      'base/podinfo/kustomization.yaml': 'apps/base/podinfo/kustomization.yaml',
      'staging/kustomization.yaml': 'apps/staging/kustomization.yaml',
      'staging/README.md': 'apps/staging/README.md',
    });
  });

  it('copies a directory named without a glob under its own name, as cp -r', () => {
    const view = assembleArtifact(
      repo,
      generator([
        {
          name: 'infra',
          copy: [{ from: '@monorepo/infrastructure', to: '@artifact/' }],
        },
      ]),
      'infra',
      isRepo,
    );
    expect('toRepo' in view && [...view.toRepo.keys()]).toEqual([
      'infrastructure/controllers/kustomization.yaml',
      'infrastructure/controllers/nginx/release.yaml',
    ]);
  });

  it('keeps the full match path for other globs and honours exclude', () => {
    const view = assembleArtifact(
      repo,
      generator([
        {
          name: 'ks',
          copy: [
            {
              from: '@monorepo/apps/*/kustomization.yaml',
              to: '@artifact/all/',
              exclude: ['production/**'],
            },
          ],
        },
      ]),
      'ks',
      isRepo,
    );
    expect('toRepo' in view && Object.fromEntries(view.toRepo)).toEqual({
      'all/apps/staging/kustomization.yaml': 'apps/staging/kustomization.yaml',
    });
  });

  it('gives the artifact files the content of their repository files', () => {
    const view = assembleArtifact(
      repo,
      generator([
        {
          name: 'a',
          copy: [
            {
              from: '@monorepo/apps/staging/kustomization.yaml',
              to: '@artifact/k.yaml',
            },
          ],
        },
      ]),
      'a',
      isRepo,
    );
    expect(
      'snapshot' in view && Object.fromEntries(view.snapshot.files),
    ).toEqual({ 'k.yaml': 'k4' });
  });

  it('records an artifact copied from another source as external', () => {
    const view = assembleArtifact(
      repo,
      generator(
        [{ name: 'a', copy: [{ from: '@oci/**', to: '@artifact/' }] }],
        [{ alias: 'oci', kind: 'OCIRepository', name: 'charts' }],
      ),
      'a',
      isRepo,
    );
    expect(view).toMatchObject({
      severity: 'warning',
      rule: 'external-source',
      external: true,
    });
  });

  it('reports a copy strategy other than Overwrite as unsupported', () => {
    const view = assembleArtifact(
      repo,
      generator([
        {
          name: 'a',
          copy: [
            { from: '@monorepo/apps/**', to: '@artifact/', strategy: 'Merge' },
          ],
        },
      ]),
      'a',
      isRepo,
    );
    expect(view).toEqual({
      severity: 'error',
      rule: 'unsupported-artifact-mapping',
      message:
        "ArtifactGenerator flux-system/flux-system, artifact a: copy strategy 'Merge' is not supported.",
    });
  });

  it('reports a copy that matches nothing, as source-watcher fails the artifact', () => {
    const view = assembleArtifact(
      repo,
      generator([
        {
          name: 'a',
          copy: [{ from: '@monorepo/nowhere/**', to: '@artifact/' }],
        },
      ]),
      'a',
      isRepo,
    );
    expect(view).toMatchObject({ severity: 'error', rule: 'missing-path' });
  });
});
