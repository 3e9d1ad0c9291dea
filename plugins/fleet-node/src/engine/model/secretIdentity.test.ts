import { snapshotOf } from '../testing/snapshots';
import { resolveFleet } from './resolveFleet';
import { toMatrix } from './toMatrix';

// short values, each a needle of its own
const files = (replacements: string, extra: Record<string, string> = {}) => ({
  'clusters/dev/kustomization.yaml': 'resources: [../../apps/a]\n',
  'apps/a/kustomization.yaml': `resources: [all.yaml]\nreplacements:\n${replacements}`,
  'apps/a/all.yaml': `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: n}
stringData: {ns: Kq3v, name: Wx8p, label: Jm2t, part: "a:b"}
---
apiVersion: v1
kind: Namespace
metadata: {name: n}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: n, labels: {team: x}, annotations: {a: x}}
spec: {replicas: 1, template: {spec: {containers: [{name: web, image: "web:1"}]}}}
`,
  ...extra,
});

const copy = (key: string, to: string) =>
  `- source: {kind: Secret, name: creds, fieldPath: stringData.${key}}\n  targets: [{select: {kind: Deployment}, ${to}}]\n`;

const resolve = (replacements: string) =>
  toMatrix(resolveFleet(snapshotOf(files(replacements))));

describe('a Secret value copied into an object identity', () => {
  it('is shown as a placeholder naming where the object is defined', () => {
    const m = resolve(
      copy('name', 'fieldPaths: [metadata.name]') +
        copy('ns', 'fieldPaths: [metadata.namespace]'),
    );
    const web = m.objects.find(o => o.kind === 'Deployment')!;
    expect([web.namespace, web.name]).toEqual([
      '<redacted>@apps/a/all.yaml:10',
      '<redacted>@apps/a/all.yaml:10',
    ]);
    const text = JSON.stringify(m);
    expect(text).not.toContain('Wx8p');
    expect(text).not.toContain('Kq3v');
  });

  it('is reported once per object, and by no other check in plain', () => {
    const m = resolve(
      copy('ns', 'fieldPaths: [metadata.namespace]') +
        copy(
          'label',
          'fieldPaths: [metadata.labels.team, metadata.annotations.a]',
        ),
    );
    expect(
      m.problems.map(p => [p.severity, p.rule, p.file, p.line, p.message]),
    ).toEqual([
      [
        'warning',
        'namespace-missing',
        'apps/a/all.yaml',
        10,
        "Deployment <redacted>@apps/a/all.yaml:10/web goes to namespace <redacted>@apps/a/all.yaml:10, which cluster dev's tree does not create.",
      ],
      [
        'error',
        'secret-in-identity',
        'apps/a/all.yaml',
        10,
        'A Secret value was copied into metadata.namespace, metadata.labels, metadata.annotations of Deployment <redacted>@apps/a/all.yaml:10/web (defined at apps/a/all.yaml:10); it is not shown. Anyone who may list this object in the cluster can read it: copy Secret data into data fields only.',
      ],
    ]);
  });

  it('leaves an object whose identity holds no copy as it is', () => {
    const m = resolve(copy('label', 'fieldPaths: [metadata.labels.team]'));
    const web = m.objects.find(o => o.kind === 'Deployment')!;
    expect([web.namespace, web.name]).toEqual(['n', 'web']);
  });
});

describe('a replacement from a Secret that fails', () => {
  it('names the value as Secret data instead of quoting it', () => {
    const m = resolve(
      `- source: {kind: Secret, name: creds, fieldPath: stringData.part, options: {delimiter: ":", index: 5}}\n  targets: [{select: {kind: Deployment}, fieldPaths: [metadata.name]}]\n`,
    );
    expect(m.problems.map(p => p.message).join('\n')).toContain(
      'options.index 5 is out of bounds for value read from Secret data',
    );
    const typed = resolve(copy('label', 'fieldPaths: [spec.replicas]'));
    const text = typed.problems.map(p => p.message).join('\n');
    expect(text).toContain(
      'cannot decode a value read from Secret data as the number of the target field',
    );
    expect(text).not.toContain('Jm2t');
  });
});
