import {
  emptyConfig,
  mergeConfig,
  mergeFieldSpecs,
  mergeNameReferences,
  readConfigurationFile,
} from './transformerConfig';

describe('readConfigurationFile', () => {
  it('reads every field spec kind and ignores unknown keys, as kustomize', () => {
    const config = readConfigurationFile(
      [
        'nameReference:',
        '  - kind: ConfigMap',
        '    version: v1',
        '    fieldSpecs:',
        '      - {path: spec/valuesFrom/name, kind: HelmRelease}',
        'namePrefix: [{path: spec/a, kind: X}]',
        'commonLabels: [{path: spec/l, kind: X, create: true}]',
        'varReference: [{path: spec/url, group: example.com}]',
        'labels: [{path: spec/ignored}]',
      ].join('\n'),
    );
    expect(config).toEqual({
      ...emptyConfig(),
      nameReference: [
        {
          kind: 'ConfigMap',
          version: 'v1',
          referrers: [{ path: 'spec/valuesFrom/name', kind: 'HelmRelease' }],
        },
      ],
      namePrefix: [{ path: 'spec/a', kind: 'X' }],
      commonLabels: [{ path: 'spec/l', kind: 'X', create: true }],
      varReference: [{ path: 'spec/url', group: 'example.com' }],
    });
  });

  it('returns an error for text that is not a mapping', () => {
    expect(readConfigurationFile('- a')).toEqual({ error: 'not a mapping' });
    expect(readConfigurationFile('')).toEqual(emptyConfig());
  });
});

describe('mergeConfig', () => {
  it('keeps a spec of the same gvk and path once, in first-seen order', () => {
    const a = { ...emptyConfig(), images: [{ path: 'spec/image', kind: 'A' }] };
    const b = {
      ...emptyConfig(),
      images: [
        { path: 'spec/image', kind: 'A' },
        { path: 'spec/image', kind: 'B' },
      ],
    };
    expect(mergeConfig(a, b).images).toEqual([
      { path: 'spec/image', kind: 'A' },
      { path: 'spec/image', kind: 'B' },
    ]);
    expect(a.images).toHaveLength(1);
  });

  it('joins nameReference referrers of the same gvk and appends other gvks', () => {
    const builtin = [
      {
        kind: 'ConfigMap',
        version: 'v1',
        referrers: [{ path: 'a', kind: 'P' }],
      },
    ];
    const merged = mergeNameReferences(builtin, [
      {
        kind: 'ConfigMap',
        version: 'v1',
        referrers: [{ path: 'b', kind: 'Q' }],
      },
      { kind: 'ConfigMap', referrers: [{ path: 'c', kind: 'R' }] },
    ]);
    expect(merged).toEqual([
      {
        kind: 'ConfigMap',
        version: 'v1',
        referrers: [
          { path: 'a', kind: 'P' },
          { path: 'b', kind: 'Q' },
        ],
      },
      { kind: 'ConfigMap', referrers: [{ path: 'c', kind: 'R' }] },
    ]);
    expect(builtin[0].referrers).toHaveLength(1);
  });
});

describe('mergeFieldSpecs', () => {
  it('drops a spec whose gvk selects one already there, as FsSlice.MergeOne', () => {
    const base = [{ path: 'spec/x', kind: 'Deployment', create: true }];
    expect(mergeFieldSpecs(base, [{ path: 'spec/x', create: true }])).toEqual(
      base,
    );
    expect(
      mergeFieldSpecs([{ path: 'spec/x' }], [{ path: 'spec/x', kind: 'A' }]),
    ).toEqual([{ path: 'spec/x' }, { path: 'spec/x', kind: 'A' }]);
  });

  it('tells a conflict: the same field with and without create', () => {
    const conflicts: string[] = [];
    mergeFieldSpecs(
      [{ path: 'spec/x', kind: 'Deployment', create: true }],
      [{ path: 'spec/x', kind: 'Deployment' }],
      f => conflicts.push(f.path),
    );
    expect(conflicts).toEqual(['spec/x']);
  });
});
