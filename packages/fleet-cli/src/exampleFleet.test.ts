import * as path from 'node:path';
import { runBin } from './__testUtils__/runFleet';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs the real `fleet` command from the repository root, as `yarn fleet` does. */
const fleet = (args: string[]) => runBin(args, ROOT, 120_000);

type Obj = {
  cluster: string;
  kind: string;
  name: string;
  namespace: string | null;
  unit: string | null;
  replicas?: number;
};

describe('the bundled example fleet (the seed)', () => {
  const run = fleet(['matrix', '--repo', 'examples/fleet', '--json']);
  const matrix = JSON.parse(run.stdout) as {
    clusters: { name: string }[];
    objects: Obj[];
    problems: { severity: string }[];
  };
  const where = (pred: (o: Obj) => boolean) =>
    [...new Set(matrix.objects.filter(pred).map(o => o.cluster))].sort();

  it('has the clusters dev, prod and test and no error problems', () => {
    expect(run.code).toBe(0);
    expect(matrix.clusters.map(c => c.name)).toEqual(['dev', 'prod', 'test']);
    expect(matrix.problems.filter(p => p.severity === 'error')).toEqual([]);
  });

  it('runs podinfo everywhere with 1, 2 and 3 replicas', () => {
    const podinfo = matrix.objects.filter(
      o => o.kind === 'Deployment' && o.name === 'podinfo',
    );
    expect(
      Object.fromEntries(podinfo.map(o => [o.cluster, o.replicas])),
    ).toEqual({ dev: 1, test: 2, prod: 3 });
  });

  it('runs foo-app and creates namespace foo only in test', () => {
    expect(where(o => o.unit === 'apps/foo-app')).toEqual(['test']);
    expect(where(o => o.kind === 'Namespace' && o.name === 'foo')).toEqual([
      'test',
    ]);
  });

  it('puts the policy sets where the seed puts them', () => {
    expect(
      where(o => o.unit === 'infrastructure/policies/kyverno/shared'),
    ).toEqual(['dev', 'prod', 'test']);
    expect(
      where(o => o.unit === 'infrastructure/policies/kyverno/test-only'),
    ).toEqual(['test']);
    expect(
      where(o => o.unit === 'infrastructure/policies/kyverno/prod'),
    ).toEqual(['prod']);
  });

  it('passes its own checks', () => {
    const check = fleet(['check', '--repo', 'examples/fleet']);
    expect(check.stderr).not.toMatch(/\n\s+at /);
    expect(check.code).toBe(0);
  });
});
