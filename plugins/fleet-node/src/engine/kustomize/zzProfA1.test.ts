jest.mock('../patch/applyPatches', () => ({ applyPatches: (r: unknown) => r, applyStrategicMergePatches: (r: unknown) => r, applyJson6902Patches: (r: unknown) => r }), { virtual: true });
import { snapshotOf } from '../testUtils';
import { BuildCache } from './BuildCache';
import { BuildEnv } from './buildEnv';
import { accumulateTarget, loadLevel } from './accumulate';
import { runGenerators } from './generators';
import { runTransformers } from './transformers/runTransformers';
import { applyHashSuffixes } from './hash';
import { fixNameReferences } from './transformers/nameReference';

function fleet(clusters: number, apps: number) {
  const files: Record<string, string> = {};
  for (let a = 0; a < apps; a++) {
    files[`apps/app-${a}/base/kustomization.yaml`] = `resources:\n- deployment.yaml\n- service.yaml\nconfigMapGenerator:\n- name: app-${a}-cfg\n  literals: [a=1]\n`;
    files[`apps/app-${a}/base/deployment.yaml`] = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${a}\nspec:\n  selector: {matchLabels: {app: app-${a}}}\n  template:\n    metadata: {labels: {app: app-${a}}}\n    spec:\n      containers:\n      - name: app\n        image: registry/app-${a}:1.0\n        envFrom: [{configMapRef: {name: app-${a}-cfg}}]\n`;
    files[`apps/app-${a}/base/service.yaml`] = `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${a}\nspec:\n  selector: {app: app-${a}}\n  ports: [{port: 80}]\n`;
  }
  for (let c = 0; c < clusters; c++) {
    const entries: string[] = [];
    for (let a = 0; a < apps; a++) {
      files[`clusters/c${c}/apps/app-${a}/kustomization.yaml`] = `namespace: c${c}\nresources:\n- ../../../../apps/app-${a}/base\nimages:\n- name: registry/app-${a}\n  newTag: "${c}"\n`;
      entries.push(`- app-${a}`);
    }
    files[`clusters/c${c}/apps/kustomization.yaml`] = `resources:\n${entries.join('\n')}\n`;
  }
  return files;
}

it('profiles', () => {
  const snapshot = snapshotOf(fleet(2, 500));
  const cache = new BuildCache();
  for (const [name, stages] of [['identity', { runGenerators: (r: any) => r, runTransformers: (r: any) => r }], ['real', { runGenerators, runTransformers }]] as const) {
    const t = Date.now();
    const env = new BuildEnv(snapshot, new BuildCache());
    env.chain.push('clusters/c0/apps');
    const level = loadLevel(env, 'clusters/c0/apps', { file: 'x', line: 1 })!;
    const res = accumulateTarget(env, level, [], stages as any);
    const t2 = Date.now();
    let r2 = applyHashSuffixes(res);
    const t3 = Date.now();
    r2 = fixNameReferences(r2, { dir: '', kustFile: '', snapshot, sink: env.sink, lineOf: () => 1, readFile: env.read });
    const t4 = Date.now();
    console.log(name, res.length, 'acc', t2 - t, 'hash', t3 - t2, 'nameref', t4 - t3, 'problems', env.root.problems.length, env.root.problems.slice(0, 2));
  }
  void cache;
});
