import { snapshotOf, yamlText } from '../testing/snapshots';
import type { Resource } from './types';
import { BuildEnv } from './buildEnv';
import { accumulateTarget, loadLevel } from './accumulate';
import type { Stages } from './accumulate';
import { freezeSharedObjects } from './sharedObjects';

// the cache's objects are frozen: a write that forgot to copy one throws here
freezeSharedObjects(true);

const identity: Stages = { runGenerators: r => r, runTransformers: r => r };

function accumulate(
  files: Record<string, string>,
  dir: string,
  stages: Stages = identity,
) {
  const env = new BuildEnv(snapshotOf(files));
  env.chain.push(dir);
  const level = loadLevel(env, dir, { file: dir, line: 1 });
  const resources = level ? accumulateTarget(env, level, [], stages) : [];
  return {
    resources: resources.map(r => ({
      name: `${r.object.kind}/${r.object.metadata?.name}`,
      source: r.source,
      via: r.via,
    })),
    problems: env.root.problems.map(p => [p.rule, p.file, p.line, p.message]),
  };
}

const cm = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('accumulateTarget', () => {
  it('adds resource files in listed order with their source and via', () => {
    const files = {
      'app/kustomization.yaml': yamlText(`
        resources:
          - b.yaml
          - a.yaml
      `),
      'app/a.yaml': cm('a'),
      'app/b.yaml': `${cm('b1')}---\n${cm('b2')}`,
    };
    expect(accumulate(files, 'app')).toEqual({
      resources: [
        {
          name: 'ConfigMap/b1',
          source: { file: 'app/b.yaml', line: 1 },
          via: [{ file: 'app/kustomization.yaml', line: 2 }],
        },
        {
          name: 'ConfigMap/b2',
          source: { file: 'app/b.yaml', line: 6 },
          via: [{ file: 'app/kustomization.yaml', line: 2 }],
        },
        {
          name: 'ConfigMap/a',
          source: { file: 'app/a.yaml', line: 1 },
          via: [{ file: 'app/kustomization.yaml', line: 3 }],
        },
      ],
      problems: [],
    });
  });

  it('builds a directory resource as its own target, recording the via chain outermost first', () => {
    const files = {
      'clusters/prod/kustomization.yaml':
        'resources:\n- ../../apps/web/overlay\n',
      'apps/web/overlay/kustomization.yaml':
        'resources:\n- ../base\n- extra.yaml\n',
      'apps/web/overlay/extra.yaml': cm('extra'),
      'apps/web/base/kustomization.yml': 'resources: [cm.yaml]\n',
      'apps/web/base/cm.yaml': cm('base'),
    };
    expect(accumulate(files, 'clusters/prod').resources).toEqual([
      {
        name: 'ConfigMap/base',
        source: { file: 'apps/web/base/cm.yaml', line: 1 },
        via: [
          { file: 'clusters/prod/kustomization.yaml', line: 2 },
          { file: 'apps/web/overlay/kustomization.yaml', line: 2 },
          { file: 'apps/web/base/kustomization.yml', line: 1 },
        ],
      },
      {
        name: 'ConfigMap/extra',
        source: { file: 'apps/web/overlay/extra.yaml', line: 1 },
        via: [
          { file: 'clusters/prod/kustomization.yaml', line: 2 },
          { file: 'apps/web/overlay/kustomization.yaml', line: 3 },
        ],
      },
    ]);
  });

  it('appends deprecated bases after resources, as kustomize FixKustomization', () => {
    const files = {
      'k/kustomization.yaml': 'bases: [base]\nresources: [cm.yaml]\n',
      'k/cm.yaml': cm('own'),
      'k/base/Kustomization': 'resources: [cm.yaml]\n',
      'k/base/cm.yaml': cm('base'),
    };
    expect(
      accumulate(files, 'k').resources.map(r => [r.name, r.via[0].line]),
    ).toEqual([
      ['ConfigMap/own', 2],
      ['ConfigMap/base', 1],
    ]);
  });

  it('runs resources, generators, components, transformers in kustomize order', () => {
    const log: string[] = [];
    const stage =
      (name: string) => (r: Resource[], _k: unknown, ctx: { dir: string }) => {
        log.push(
          `${name}(${ctx.dir}): ${r
            .map(x => x.object.metadata?.name)
            .join(',')}`,
        );
        return r;
      };
    const files = {
      'k/kustomization.yaml': 'resources: [cm.yaml]\ncomponents: [../comp]\n',
      'k/cm.yaml': cm('own'),
      'comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [c.yaml]\n',
      'comp/c.yaml': cm('fromComponent'),
    };
    const result = accumulate(files, 'k', {
      runGenerators: stage('generators') as never,
      runTransformers: stage('transformers') as never,
    });
    expect(log).toEqual([
      'generators(k): own',
      'generators(comp): own,fromComponent',
      'transformers(comp): own,fromComponent',
      'transformers(k): own,fromComponent',
    ]);
    expect(result.resources[1].via).toEqual([
      { file: 'k/kustomization.yaml', line: 2 },
      { file: 'comp/kustomization.yaml', line: 3 },
    ]);
  });

  it('refuses a Component listed under resources, as kustomize', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [../comp, cm.yaml]\n',
      'k/cm.yaml': cm('own'),
      'comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [c.yaml]\n',
      'comp/c.yaml': cm('c'),
    };
    expect(accumulate(files, 'k')).toEqual({
      resources: [
        {
          name: 'ConfigMap/own',
          source: { file: 'k/cm.yaml', line: 1 },
          via: [{ file: 'k/kustomization.yaml', line: 1 }],
        },
      ],
      problems: [
        [
          'component-as-resource',
          'k/kustomization.yaml',
          1,
          "k/kustomization.yaml: comp is a Component; it may only be listed under components: (as kustomize: expected kind != 'Component').",
        ],
      ],
    });
  });

  it('refuses a Kustomization listed under components', () => {
    const files = {
      'k/kustomization.yaml': 'components: [../other]\n',
      'other/kustomization.yaml': 'resources: []\n',
    };
    expect(accumulate(files, 'k').problems).toEqual([
      [
        'not-a-component',
        'k/kustomization.yaml',
        1,
        'k/kustomization.yaml: other is listed under components: but its kind is Kustomization, not Component.',
      ],
    ]);
  });

  it('reports a cycle naming the chain and stops', () => {
    const files = {
      'a/kustomization.yaml': 'resources: [../b, cm.yaml]\n',
      'a/cm.yaml': cm('a'),
      'b/kustomization.yaml': 'resources:\n- ../a\n',
    };
    expect(accumulate(files, 'a')).toEqual({
      resources: [
        {
          name: 'ConfigMap/a',
          source: { file: 'a/cm.yaml', line: 1 },
          via: [{ file: 'a/kustomization.yaml', line: 1 }],
        },
      ],
      problems: [
        [
          'cycle',
          'b/kustomization.yaml',
          2,
          'cycle: a → b → a (as kustomize: "cycle detected: candidate root contains visited root").',
        ],
      ],
    });
  });

  it('reports a reference to an ancestor directory as a cycle, as kustomize', () => {
    const files = {
      'apps/kustomization.yaml': 'resources: [web]\n',
      'apps/web/kustomization.yaml': 'resources: [..]\n',
    };
    expect(accumulate(files, 'apps').problems.map(p => p[0])).toEqual([
      'cycle',
    ]);
  });

  it('reports escaping, absolute and remote references and keeps building', () => {
    const files = {
      'k/kustomization.yaml': yamlText(`
        resources:
          - ../../outside.yaml
          - /etc/passwd
          - https://github.com/org/repo//deploy?ref=v1
          - github.com/org/repo/base?ref=main
          - cm.yaml
      `),
      'k/cm.yaml': cm('kept'),
    };
    expect(accumulate(files, 'k')).toEqual({
      resources: [
        {
          name: 'ConfigMap/kept',
          source: { file: 'k/cm.yaml', line: 1 },
          via: [{ file: 'k/kustomization.yaml', line: 6 }],
        },
      ],
      problems: [
        [
          'path-escape',
          'k/kustomization.yaml',
          2,
          'k/kustomization.yaml: resources.0 ../../outside.yaml is outside the repository; it was skipped.',
        ],
        [
          'path-escape',
          'k/kustomization.yaml',
          3,
          'k/kustomization.yaml: resources.1 /etc/passwd is an absolute path; it was skipped.',
        ],
        [
          'remote-base',
          'k/kustomization.yaml',
          4,
          'k/kustomization.yaml: resources.2 https://github.com/org/repo//deploy?ref=v1 is a remote base, which the engine does not fetch; its resources are missing.',
        ],
        [
          'remote-base',
          'k/kustomization.yaml',
          5,
          'k/kustomization.yaml: resources.3 github.com/org/repo/base?ref=main is a remote base, which the engine does not fetch; its resources are missing.',
        ],
      ],
    });
  });

  it('reports a missing path and a directory without kustomization file', () => {
    const files = {
      'k/kustomization.yaml': 'resources:\n- gone.yaml\n- plain\n',
      'k/plain/cm.yaml': cm('x'),
    };
    expect(accumulate(files, 'k').problems).toEqual([
      [
        'missing-path',
        'k/kustomization.yaml',
        2,
        'k/kustomization.yaml: resources.0 gone.yaml does not exist (k/gone.yaml).',
      ],
      [
        'missing-kustomization',
        'k/kustomization.yaml',
        3,
        'k/plain has no kustomization.yaml, kustomization.yml or Kustomization (as kustomize: "unable to find one of ..."); it was skipped.',
      ],
    ]);
  });

  it('reports a duplicate id and keeps the first, treating namespace default as empty', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [a.yaml, b.yaml]\n',
      'k/a.yaml': cm('same'),
      'k/b.yaml': `${cm('same')}  namespace: default\n---\n${cm('other')}`,
    };
    expect(accumulate(files, 'k')).toEqual({
      resources: [
        {
          name: 'ConfigMap/same',
          source: { file: 'k/a.yaml', line: 1 },
          via: [{ file: 'k/kustomization.yaml', line: 1 }],
        },
        {
          name: 'ConfigMap/other',
          source: { file: 'k/b.yaml', line: 7 },
          via: [{ file: 'k/kustomization.yaml', line: 1 }],
        },
      ],
      problems: [
        [
          'duplicate-object',
          'k/kustomization.yaml',
          1,
          'ConfigMap default/same from k/b.yaml:1 is already defined by k/a.yaml:1 (as kustomize: may not add resource with an already registered id); the second was dropped.',
        ],
      ],
    });
  });

  it('keeps building the other resources when one file is malformed or huge', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [bad.yaml, huge.yaml, good.yaml]\n',
      'k/bad.yaml': 'kind: ConfigMap\nmetadata:\n  name: [x\n',
      'k/huge.yaml': `kind: ConfigMap\nmetadata: {name: huge}\ndata: {a: "${'x'.repeat(
        5 * 1024 * 1024,
      )}"}\n`,
      'k/good.yaml': cm('good'),
    };
    const result = accumulate(files, 'k');
    expect(result.resources.map(r => r.name)).toEqual(['ConfigMap/good']);
    expect(result.problems.map(p => [p[0], p[1], p[2]])).toEqual([
      ['yaml-parse', 'k/bad.yaml', 4],
      ['file-too-large', 'k/huge.yaml', null],
    ]);
  });

  it('reports two kustomization files in one directory, as kustomize', () => {
    const files = {
      'k/kustomization.yaml': 'resources: [sub]\n',
      'k/sub/kustomization.yaml': 'resources: []\n',
      'k/sub/kustomization.yml': 'resources: []\n',
    };
    expect(accumulate(files, 'k').problems.map(p => [p[0], p[1]])).toEqual([
      ['multiple-kustomizations', 'k/sub/kustomization.yml'],
    ]);
  });
});
