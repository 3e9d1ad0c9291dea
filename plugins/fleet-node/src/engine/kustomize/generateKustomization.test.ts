import { snapshotOf } from '../testing/snapshots';
import { BuildEnv } from './buildEnv';
import { generateKustomization } from './generateKustomization';

const cm = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

function generate(files: Record<string, string>, dir: string) {
  const env = new BuildEnv(snapshotOf(files));
  const k = generateKustomization(env, dir);
  return { k, problems: env.root.problems.map(p => [p.rule, p.file]) };
}

describe('generateKustomization', () => {
  it('lists YAML files recursively in filepath.Walk order, as Flux', () => {
    const files = {
      'app/b.yaml': cm('b'),
      'app/a/x.yml': cm('x'),
      'app/a-b.yaml': cm('ab'),
      'app/README.md': '# not yaml',
      'app/values.json': '{}',
    };
    expect(generate(files, 'app')).toEqual({
      k: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: ['./a/x.yml', './a-b.yaml', './b.yaml'],
        components: [],
      },
      problems: [],
    });
  });

  it('adds a subdirectory with its own kustomization as one resource and does not descend into it', () => {
    const files = {
      'app/sub/kustomization.yaml': 'resources: [cm.yaml]\n',
      'app/sub/cm.yaml': cm('s'),
      'app/sub/deeper/d.yaml': cm('d'),
      'app/top.yaml': cm('t'),
    };
    expect(generate(files, 'app').k.resources).toEqual(['./sub', './top.yaml']);
  });

  it('leaves out and reports a YAML file that is not Kubernetes objects (Flux fails the build on it)', () => {
    const files = {
      'app/values.yaml': 'replicaCount: 2\n',
      'app/ok.yaml': cm('ok'),
    };
    expect(generate(files, 'app')).toMatchObject({
      k: { resources: ['./ok.yaml'] },
      problems: [['not-k8s-object', 'app/values.yaml']],
    });
  });

  it('keeps a YAML file with no documents, as Flux', () => {
    expect(
      generate({ 'app/empty.yaml': '# nothing\n' }, 'app').k.resources,
    ).toEqual(['./empty.yaml']);
  });
});
