import { overview } from '../../__fixtures__/fleet';
import { cellSummary, defaultFilter, overviewItems } from './overviewRows';

const names = (items: ReturnType<typeof overviewItems>) =>
  items.map(i =>
    i.type === 'group' ? `# ${i.title} (${i.count})` : i.row.name,
  );

describe('overviewItems', () => {
  it('groups by kind and hides the bootstrap rows by default', () => {
    expect(names(overviewItems(overview.rows, defaultFilter))).toEqual([
      '# Apps (2)',
      'foo-app',
      'podinfo',
      '# Namespaces (1)',
      'test-only',
      '# Policies (1)',
      'shared',
    ]);
    expect(
      names(
        overviewItems(overview.rows, { ...defaultFilter, showBootstrap: true }),
      ),
    ).toContain('flux-system');
  });

  it('filters by kind, cluster, search and owner', () => {
    expect(
      names(
        overviewItems(overview.rows, {
          ...defaultFilter,
          kinds: ['app'],
          cluster: 'prod',
        }),
      ),
    ).toEqual(['# Apps (1)', 'podinfo']);
    expect(
      names(overviewItems(overview.rows, { ...defaultFilter, search: 'FOO' })),
    ).toEqual(['# Apps (1)', 'foo-app']);
    const owners = new Map([
      ['component:default/podinfo', 'group:default/team-x'],
    ]);
    expect(
      names(
        overviewItems(
          overview.rows,
          { ...defaultFilter, owner: 'group:default/team-x' },
          owners,
        ),
      ),
    ).toEqual(['# Apps (1)', 'podinfo']);
  });
});

describe('cellSummary', () => {
  it('says version and replicas, or the policy stage, or the object count', () => {
    expect(cellSummary(overview.rows[0].clusters.prod)).toBe('6.9.0 · ×3');
    expect(cellSummary(overview.rows[3].clusters.prod)).toBe('Enforce');
    expect(cellSummary({ entry: 'x', objects: 1, problems: 0 })).toBe(
      '1 object',
    );
    expect(
      cellSummary({
        entry: 'x',
        objects: 2,
        problems: 0,
        chart: 'kyverno',
        version: '3.3.0',
      }),
    ).toBe('kyverno 3.3.0');
  });
});
