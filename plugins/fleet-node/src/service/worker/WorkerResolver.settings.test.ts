/*
 * What crosses the worker beside the bodies: the bound of a kustomization
 * file from app-config (`fleet.resolve.maxKustomizationBytes`, in the
 * resolve settings, for every kind of job) and the engine's records of
 * fields copied from Secret data.
 */
import { WorkerResolver } from './WorkerResolver';

const files: Array<[string, string]> = [
  [
    'clusters/dev/kustomization.yaml',
    'resources: [../../apps/a, ../../apps/big]\n',
  ],
  [
    'apps/a/kustomization.yaml',
    [
      'resources: [all.yaml]',
      'replacements:',
      '- source: {kind: Secret, name: s, fieldPath: data.pw}',
      '  targets: [{select: {kind: ConfigMap}, fieldPaths: [data.copy]}]',
      '- source: {kind: ConfigMap, name: c, fieldPath: data.user}',
      '  targets: [{select: {kind: Secret}, fieldPaths: [stringData.user]}]',
      '',
    ].join('\n'),
  ],
  [
    'apps/a/all.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {pw: aHVudGVyMg==}\nstringData: {user: x}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {copy: x, user: app}\n',
  ],
  // 3000 bytes: under the default bound, over the configured one
  ['apps/big/kustomization.yaml', `resources: []\n#${'x'.repeat(2984)}\n`],
];

describe('WorkerResolver settings and records', () => {
  const resolvers: WorkerResolver[] = [];
  afterEach(async () => {
    await Promise.all(resolvers.splice(0).map(r => r.close()));
  });
  const run = async (maxKustomizationBytes?: number) => {
    const resolver = new WorkerResolver(
      { timeoutMs: 120_000, maxMemoryMb: 1024 },
      { settings: { maxKustomizationBytes } },
    );
    resolvers.push(resolver);
    const result = await resolver.run({ kind: 'files', revision: 'r1', files });
    if (result.kind !== 'resolved') throw new Error(result.kind);
    return result;
  };
  const tooLarge = (r: Awaited<ReturnType<typeof run>>) =>
    r.model.problems
      .filter(p => p.rule === 'file-too-large')
      .map(p => [p.file, p.message.replace(/\d{4,}/g, '#')]);

  it('bounds a kustomization file by fleet.resolve.maxKustomizationBytes', async () => {
    expect(tooLarge(await run())).toEqual([]);
    expect(tooLarge(await run(2048))).toEqual([
      [
        'apps/big/kustomization.yaml',
        'apps/big/kustomization.yaml is # bytes, over the #-byte limit of a kustomization file (fleet.resolve.maxKustomizationBytes); it was not read.',
      ],
    ]);
  }, 120_000);

  it('carries the fields copied from Secret data to the main thread', async () => {
    const { model } = await run();
    const byKind = (kind: string) =>
      model.objects.find(o => o.object.kind === kind)!;
    expect(byKind('ConfigMap').secretPaths).toEqual([['data', 'copy']]);
    expect(byKind('Secret').plainPaths).toEqual([['stringData', 'user']]);
    expect(byKind('ConfigMap').object).toMatchObject({
      data: { copy: 'aHVudGVyMg==' },
    });
  }, 120_000);
});
