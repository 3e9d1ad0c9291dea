import {
  addResource,
  entryFor,
  entryTarget,
  listResources,
  removeResource,
} from './editResources';

const LIST = 'clusters/prod/apps/kustomization.yaml';

describe('editResources', () => {
  it('appends an entry in an indented block list and keeps every comment', () => {
    const text = [
      '# prod apps: keep this list boring',
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - ../../../apps/common # baseline',
      '  # podinfo runs everywhere',
      '  - ../../../apps/podinfo/overlays/prod',
      '',
    ].join('\n');
    expect(addResource(text, LIST, '../../../apps/foo-app/base')).toBe(
      `${text.trimEnd()}\n  - ../../../apps/foo-app/base\n`,
    );
  });

  it('leaves a comment on the key line, blank lines and quoting where they are', () => {
    const text =
      'resources: # explicit list\n\n  - "../../../apps/common"\n\npatches: []\n';
    expect(addResource(text, LIST, '../../../apps/foo-app/base')).toBe(
      'resources: # explicit list\n\n  - "../../../apps/common"\n  - "../../../apps/foo-app/base"\n\npatches: []\n',
    );
  });

  it("keeps the seed's unindented list style", () => {
    const text = 'kind: Kustomization\nresources:\n- ../../../apps/common\n';
    expect(addResource(text, LIST, '../../../apps/foo-app/base')).toBe(
      'kind: Kustomization\nresources:\n- ../../../apps/common\n- ../../../apps/foo-app/base\n',
    );
  });

  it('keeps a flow list a flow list', () => {
    const text = 'kind: Kustomization\nresources: [../../../apps/common]\n';
    expect(addResource(text, LIST, '../../../apps/foo-app/base')).toBe(
      'kind: Kustomization\nresources: [../../../apps/common, ../../../apps/foo-app/base]\n',
    );
  });

  it('is idempotent, also when the existing entry is spelled differently', () => {
    const text = 'resources:\n  - ./../../../apps/foo-app/base/\n';
    expect(addResource(text, LIST, '../../../apps/foo-app/base')).toBe(text);
  });

  it('creates the list when the file has none', () => {
    expect(addResource('kind: Kustomization\n', LIST, 'x.yaml')).toBe(
      'kind: Kustomization\nresources:\n  - x.yaml\n',
    );
  });

  it('removes the entries resolving to a path and leaves the rest as it was', () => {
    const text =
      'resources:\n  - ../../../apps/common # baseline\n  - ../../../apps/foo-app/base\n';
    expect(removeResource(text, LIST, 'apps/foo-app/base')).toBe(
      'resources:\n  - ../../../apps/common # baseline\n',
    );
    expect(removeResource(text, LIST, 'apps/nope')).toBe(text);
  });

  it('resolves and writes entries relative to the list file', () => {
    expect(entryTarget(LIST, '../../../apps/foo-app/base/')).toBe(
      'apps/foo-app/base',
    );
    expect(
      entryFor(LIST, 'infrastructure/namespaces/test-only/ns-foo.yaml'),
    ).toBe('../../../infrastructure/namespaces/test-only/ns-foo.yaml');
    expect(listResources('resources:\n- a\n- b\n')).toEqual(['a', 'b']);
    expect(listResources('kind: Kustomization\n')).toBeNull();
  });
});
