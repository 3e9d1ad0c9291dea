/*
 * Differential suite: the engine's kustomize build against kubectl's
 * (kustomize v5.5.0, `--load-restrictor LoadRestrictionsNone`, as Flux
 * builds), object for object, then the printed text byte for byte
 * (renderYamlStream, what `fleet kustomize` prints) and both texts read by a
 * YAML 1.1 reader. Cases are data:
 *   - every directory of examples/fleet with a kustomization file;
 *   - cases/<nn-name>/: a kustomize tree whose root kustomization is built;
 *   - error-cases/<nn-name>/: trees kubectl refuses; the engine must report
 *     an error problem with the case's rule id (and never throw);
 *   - unsupported-cases/<nn-name>/: trees kubectl builds with a field the
 *     engine lacks; the engine must refuse the field by name.
 * A missing engine feature makes its case fail; nothing is skipped.
 */
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildKustomization } from '../kustomize/buildKustomization';
import { BuildCache } from '../kustomize/BuildCache';
import type { BuildResult } from '../kustomize/types';
import type { KObject, Problem, Snapshot } from '../core/types';
import { parseAllDocuments } from 'yaml';
import { renderYamlStream } from '../model/renderYaml';
import { describeDifferences } from './describeDifferences';
import { describeTextDifferences, readYaml11 } from './describeTextDifferences';
import { ERROR_CASE_RULES, UNSUPPORTED_CASE_FIELDS } from './errorCaseRules';
import {
  kubectlKustomizeTextAll,
  kubectlKustomizeVersion,
  type KubectlText,
} from './kubectlText';
import {
  kustomizationDirs,
  readTreeSnapshot,
  subdirectories,
} from './readTreeSnapshot';
import { freezeSharedObjects } from '../kustomize/sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

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
const unsupportedCases = ownCases('unsupported-cases', false);

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

let oracle = new Map<string, KubectlText>();

/** kubectl's objects, read as the suite always has (YAML 1.2, the yaml package). */
const objectsOf = (text: string): KObject[] =>
  parseAllDocuments(text)
    .map(doc => doc.toJS({ maxAliasCount: -1 }) as KObject | null)
    .filter((o): o is KObject => o !== null && typeof o === 'object');

beforeAll(async () => {
  const all = [
    ...fleetCases,
    ...featureCases,
    ...errorCases,
    ...unsupportedCases,
  ];
  oracle = await kubectlKustomizeTextAll(
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
    const diff = describeDifferences(actual, objectsOf(expected.stdout));
    if (diff) report.push(diff);
    const text = describeTextDifferences(
      renderYamlStream(actual),
      expected.stdout,
    );
    if (text) report.push(text);
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
  const rule = ERROR_CASE_RULES[path.basename(c.root)];
  if (!rule) report.push(`${c.name} has no expected rule in errorCaseRules.ts`);
  const errors = result?.problems.filter(p => p.severity === 'error') ?? [];
  if (result && !errors.some(p => p.rule === rule)) {
    report.push(
      `engine reported no ${rule} error; kubectl failed with:\n  ${expected.stderr.trim()}`,
      `engine problems:\n${describeProblems(result.problems) || '  (none)'}`,
    );
  }
  return report.join('\n');
}

/** '' when the engine refuses the field `c` uses (which kubectl builds), else why not. */
function refusedFieldReport(c: DiffCase): string {
  const expected = oracle.get(absDir(c))!;
  if (expected.code !== 0) {
    throw new Error(`kubectl could not build ${c.name}:\n${expected.stderr}`);
  }
  const field = UNSUPPORTED_CASE_FIELDS[path.basename(c.root)];
  if (!field) return `${c.name} has no field in errorCaseRules.ts`;
  const { result, thrown } = engineBuild(c);
  if (thrown) return `engine threw: ${thrown}`;
  const refused = result!.problems.some(
    p =>
      p.severity === 'error' &&
      p.rule === 'unsupported-field' &&
      p.message.includes(`"${field}"`),
  );
  return refused
    ? ''
    : `engine did not refuse "${field}":\n${
        describeProblems(result!.problems) || '  (no problems)'
      }`;
}

/**
 * '' when every case of `cases`, built twice from one cache per repository
 * root (bases reused, the cache's objects frozen), comes out as its cold
 * build; else the cases that differ.
 */
function warmBuildReport(cases: DiffCase[]): string {
  const caches = new Map<string, BuildCache>();
  const cold = new Map(
    cases.map(c => [c, engineBuild(c).result?.resources.map(r => r.object)]),
  );
  const differing: string[] = [];
  for (const pass of [1, 2]) {
    for (const c of cases) {
      let cache = caches.get(c.root);
      if (!cache) caches.set(c.root, (cache = new BuildCache()));
      try {
        const warm = buildKustomization(snapshotOf(c.root), c.dir, {
          cache,
          readOnly: true,
        }).resources.map(r => r.object);
        if (!isDeepStrictEqual(warm, cold.get(c)))
          differing.push(`pass ${pass}: ${c.name} differs from its cold build`);
      } catch (e) {
        differing.push(`pass ${pass}: ${c.name} threw ${(e as Error).message}`);
      }
    }
  }
  return differing.join('\n');
}

describe('differential: engine vs kubectl kustomize', () => {
  it('has the feature cases the suite promises', () => {
    expect(fleetCases.length).toBeGreaterThanOrEqual(20);
    expect(featureCases.length).toBeGreaterThanOrEqual(73);
    expect(errorCases.length).toBeGreaterThanOrEqual(28);
    expect(unsupportedCases.length).toBeGreaterThanOrEqual(1);
  });

  it('runs the oracle the cases were written against (kustomize v5.5.0)', () => {
    expect(kubectlKustomizeVersion()).toBe('v5.5.0');
  });

  it('compares text that a YAML 1.1 reader reads differently from a YAML 1.2 one', () => {
    // the check the text comparison adds: "on" and on are the same string
    // to the yaml package's YAML 1.2 reading, not to a YAML 1.1 reader
    expect(readYaml11('a: "on"\n')).not.toEqual(readYaml11('a: on\n'));
    expect(describeTextDifferences('a: on\n', 'a: "on"\n')).toMatch(
      /line 1:[\s\S]*a YAML 1.1 reader reads the two differently/,
    );
  });

  describe('examples/fleet', () => {
    it.each(fleetCases.map(c => [c.name, c] as const))(
      'builds %s as kubectl does',
      (_n, c) => {
        expect(sameBuildReport(c)).toBe('');
      },
    );

    it('builds every directory from one shared cache as it builds them cold', () => {
      expect(warmBuildReport(fleetCases)).toBe('');
    });
  });

  describe('feature cases', () => {
    it.each(featureCases.map(c => [c.name, c] as const))(
      'builds %s as kubectl does',
      (_n, c) => {
        expect(sameBuildReport(c)).toBe('');
      },
    );

    it('builds every case twice from one shared cache as it builds it cold', () => {
      expect(warmBuildReport(featureCases)).toBe('');
    });
  });

  describe('unsupported cases', () => {
    it.each(unsupportedCases.map(c => [c.name, c] as const))(
      'refuses the field %s uses instead of printing other output',
      (_n, c) => {
        expect(refusedFieldReport(c)).toBe('');
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
