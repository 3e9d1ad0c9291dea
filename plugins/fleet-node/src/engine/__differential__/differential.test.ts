/*
 * Differential suite: the engine's kustomize build against kubectl's
 * (kustomize v5.5.0, `--load-restrictor LoadRestrictionsNone`, as Flux
 * builds), object for object. Cases are data:
 *   - every directory of examples/fleet with a kustomization file;
 *   - cases/<nn-name>/: a kustomize tree whose root kustomization is built;
 *   - error-cases/<nn-name>/: trees kubectl refuses; the engine must report
 *     an error problem for them (and never throw).
 * A missing engine feature makes its case fail; nothing is skipped.
 */
import os from 'node:os';
import path from 'node:path';
import { buildKustomization } from '../kustomize/buildKustomization';
import type { BuildResult } from '../kustomize/types';
import type { KObject, Problem, Snapshot } from '../core/types';
import { describeDifferences } from './describeDifferences';
import { kubectlKustomizeAll, type KubectlOutcome } from '../testing/kubectl';
import {
  kustomizationDirs,
  readTreeSnapshot,
  subdirectories,
} from './readTreeSnapshot';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const FLEET_ROOT = path.join(REPO_ROOT, 'examples/fleet');

interface DiffCase {
  /** Name shown in the test title. */
  name: string;
  /** Directory the snapshot is read from (the case's repository root). */
  root: string;
  /** Directory to build, relative to `root`. */
  dir: string;
  /** True for error-cases: kubectl fails and the engine must report an error. */
  expectError: boolean;
}

const fleetCases: DiffCase[] = kustomizationDirs(FLEET_ROOT).map(dir => ({
  name: `examples/fleet/${dir}`,
  root: FLEET_ROOT,
  dir,
  expectError: false,
}));
const ownCases = (folder: string, expectError: boolean): DiffCase[] =>
  subdirectories(path.join(__dirname, folder)).map(name => ({
    name: `${folder}/${name}`,
    root: path.join(__dirname, folder, name),
    dir: '',
    expectError,
  }));
const featureCases = ownCases('cases', false);
const errorCases = ownCases('error-cases', true);

const absDir = (c: DiffCase) => path.join(c.root, c.dir);
const snapshots = new Map<string, Snapshot>();
const snapshotOf = (root: string): Snapshot => {
  let s = snapshots.get(root);
  if (!s) {
    s = readTreeSnapshot(root);
    snapshots.set(root, s);
  }
  return s;
};

let oracle = new Map<string, KubectlOutcome>();

beforeAll(async () => {
  const all = [...fleetCases, ...featureCases, ...errorCases];
  oracle = await kubectlKustomizeAll(
    all.map(absDir),
    Math.max(2, os.cpus().length + 1),
  );
}, 180_000);

/** Builds with the engine; a throw is turned into a report line, since the engine must never throw. */
function engineBuild(c: DiffCase): { result?: BuildResult; thrown?: string } {
  try {
    return { result: buildKustomization(snapshotOf(c.root), c.dir) };
  } catch (e) {
    return {
      thrown: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e),
    };
  }
}

const describeProblems = (problems: Problem[]) =>
  problems
    .map(
      p =>
        `  ${p.severity} ${p.rule} ${p.file ?? '-'}:${p.line ?? '-'} ${
          p.message
        }`,
    )
    .join('\n');

/** '' when the engine builds `c` as kubectl does, else a readable report of the differences. */
function sameBuildReport(c: DiffCase): string {
  const expected = oracle.get(absDir(c))!;
  if (expected.code !== 0) {
    throw new Error(
      `kubectl could not build ${c.name} (the case itself is broken):\n${expected.stderr}`,
    );
  }
  const { result, thrown } = engineBuild(c);
  const report: string[] = [];
  if (thrown) report.push(`engine threw: ${thrown}`);
  if (result) {
    const errors = result.problems.filter(p => p.severity === 'error');
    if (errors.length)
      report.push(`engine reported errors:\n${describeProblems(errors)}`);
    const actual: KObject[] = result.resources.map(r => r.object);
    const diff = describeDifferences(actual, expected.objects);
    if (diff) report.push(diff);
  }
  return report.join('\n');
}

/** '' when the engine reports an error problem for `c` (which kubectl refuses), else why not. */
function reportedErrorReport(c: DiffCase): string {
  const expected = oracle.get(absDir(c))!;
  if (expected.code === 0) {
    throw new Error(`kubectl built ${c.name}, so it is not an error case`);
  }
  const { result, thrown } = engineBuild(c);
  const report: string[] = [];
  if (thrown)
    report.push(`engine threw instead of reporting a problem: ${thrown}`);
  if (result && !result.problems.some(p => p.severity === 'error')) {
    report.push(
      `engine reported no error problem; kubectl failed with:\n  ${expected.stderr.trim()}`,
      `engine problems:\n${describeProblems(result.problems) || '  (none)'}`,
    );
  }
  return report.join('\n');
}

describe('differential: engine vs kubectl kustomize', () => {
  it('has the feature cases the suite promises', () => {
    expect(fleetCases.length).toBeGreaterThanOrEqual(20);
    expect(featureCases.length).toBeGreaterThanOrEqual(45);
    expect(errorCases.length).toBeGreaterThanOrEqual(10);
  });

  describe('examples/fleet', () => {
    it.each(fleetCases.map(c => [c.name, c] as const))(
      'builds %s as kubectl does',
      (_n, c) => {
        expect(sameBuildReport(c)).toBe('');
      },
    );
  });

  describe('feature cases', () => {
    it.each(featureCases.map(c => [c.name, c] as const))(
      'builds %s as kubectl does',
      (_n, c) => {
        expect(sameBuildReport(c)).toBe('');
      },
    );
  });

  describe('error cases', () => {
    it.each(errorCases.map(c => [c.name, c] as const))(
      'reports an error for %s as kubectl fails',
      (_n, c) => {
        expect(reportedErrorReport(c)).toBe('');
      },
    );
  });
});
