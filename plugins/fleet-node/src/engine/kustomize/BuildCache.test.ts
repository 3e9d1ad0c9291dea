import { snapshotOf } from '../testing/snapshots';
import type { Snapshot } from '../core/types';
import { BuildCache } from './BuildCache';
import { BuildEnv } from './buildEnv';
import { accumulateDir } from './accumulate';
import type { Stages } from './accumulate';
import { freezeSharedObjects, isShared, own } from './sharedObjects';

const cm = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

/** Counts kustomization levels really accumulated (not served from the cache). */
function counting(): Stages & { dirs: string[] } {
  const dirs: string[] = [];
  return {
    dirs,
    runGenerators: (r, _k, ctx) => {
      dirs.push(ctx.dir);
      return r;
    },
    runTransformers: r => r,
  };
}

function build(
  snapshot: Snapshot,
  dir: string,
  cache: BuildCache,
  stages: Stages,
) {
  const env = new BuildEnv(snapshot, cache);
  const out =
    accumulateDir(env, dir, 'resource', [], stages, { file: 'top', line: 1 }) ??
    [];
  return {
    names: out.map(r => r.object.metadata?.name),
    via: out.map(r => r.via),
    problems: env.root.problems,
    reads: [...env.root.reads.files.keys()],
  };
}

const files = {
  'clusters/a/kustomization.yaml': 'resources: [../../base]\n',
  'clusters/b/kustomization.yaml': 'resources:\n- ../../base\n',
  'base/kustomization.yaml': 'resources: [cm.yaml, missing.yaml]\n',
  'base/cm.yaml': cm('shared'),
  'other/kustomization.yaml': 'resources: [cm.yaml]\n',
  'other/cm.yaml': cm('other'),
};

describe('BuildCache', () => {
  it('builds a base shared by two clusters once, replaying its problems and files read', () => {
    const cache = new BuildCache();
    const stages = counting();
    const snapshot = snapshotOf(files);
    const a = build(snapshot, 'clusters/a', cache, stages);
    const b = build(snapshot, 'clusters/b', cache, stages);
    expect(stages.dirs).toEqual(['base', 'clusters/a', 'clusters/b']);
    expect(b.names).toEqual(['shared']);
    expect(b.problems.map(p => p.rule)).toEqual(['missing-path']);
    expect(b.reads).toEqual(
      expect.arrayContaining(['base/cm.yaml', 'base/kustomization.yaml']),
    );
    expect(a.via[0][0]).toEqual({
      file: 'clusters/a/kustomization.yaml',
      line: 1,
    });
    expect(b.via[0][0]).toEqual({
      file: 'clusters/b/kustomization.yaml',
      line: 2,
    });
  });

  it('shares its objects copy-on-write: a caller that owns a result before writing leaves the cache as it was', () => {
    freezeSharedObjects(true);
    const cache = new BuildCache();
    const snapshot = snapshotOf(files);
    const env = new BuildEnv(snapshot, cache);
    const first = accumulateDir(env, 'base', 'resource', [], counting(), {
      file: 'top',
      line: 1,
    })!;
    // the cache's object is frozen in tests: a write that forgot to own it throws
    expect(isShared(first[0].object)).toBe(true);
    expect(() => {
      first[0].object.metadata!.name = 'unowned';
    }).toThrow(TypeError);
    own(first[0]).metadata!.name = 'mutated';
    first[0].via.push({ file: 'x', line: 1 });
    const again = accumulateDir(
      new BuildEnv(snapshot, cache),
      'base',
      'resource',
      [],
      counting(),
      { file: 'top', line: 1 },
    )!;
    expect([again[0].object.metadata?.name, again[0].via]).toEqual([
      'shared',
      [{ file: 'base/kustomization.yaml', line: 1 }],
    ]);
    expect(first[0].object.metadata?.name).toBe('mutated');
  });

  it('re-resolves only what read a changed file', () => {
    const cache = new BuildCache();
    build(snapshotOf(files), 'clusters/a', cache, counting());
    build(snapshotOf(files), 'other', cache, counting());
    const stages = counting();
    const changed = snapshotOf({ ...files, 'other/cm.yaml': cm('changed') });
    expect(build(changed, 'clusters/a', cache, stages).names).toEqual([
      'shared',
    ]);
    expect(build(changed, 'other', cache, stages).names).toEqual(['changed']);
    expect(stages.dirs).toEqual(['other']);
  });

  it('notices a file appearing where a build looked for it', () => {
    const cache = new BuildCache();
    build(snapshotOf(files), 'base', cache, counting());
    const stages = counting();
    const result = build(
      snapshotOf({ ...files, 'base/missing.yaml': cm('now-here') }),
      'base',
      cache,
      stages,
    );
    expect([result.names, result.problems, stages.dirs]).toEqual([
      ['shared', 'now-here'],
      [],
      ['base'],
    ]);
  });

  it('notices a second kustomization file appearing in a built directory', () => {
    const cache = new BuildCache();
    build(snapshotOf(files), 'base', cache, counting());
    const result = build(
      snapshotOf({ ...files, 'base/kustomization.yml': 'resources: []\n' }),
      'base',
      cache,
      counting(),
    );
    expect(result.problems.map(p => p.rule)).toEqual([
      'multiple-kustomizations',
    ]);
  });

  it('does not reuse a result whose directories would form a cycle with the new caller', () => {
    const cyclic = {
      'x/kustomization.yaml': 'resources: [../y]\n',
      'y/kustomization.yaml': 'resources: [../z]\n',
      'z/kustomization.yaml': 'resources: [cm.yaml]\n',
      'z/cm.yaml': cm('z'),
    };
    const cache = new BuildCache();
    const snapshot = snapshotOf(cyclic);
    build(snapshot, 'x', cache, counting());
    const env = new BuildEnv(snapshot, cache);
    env.chain.push('z');
    expect(
      accumulateDir(env, 'y', 'resource', [], counting(), {
        file: 'top',
        line: 1,
      }),
    ).toEqual([]);
    expect(env.root.problems.map(p => p.rule)).toEqual(['cycle']);
  });
});
