/*
 * A synthetic fleet repository in the seed's layout (clusters/<c> with
 * flux-system, infra.yaml, apps.yaml and the infra/apps lists; shared
 * infrastructure/ and apps/<app>/base + overlays/<cluster>), for the
 * benchmark. Deterministic: the same options always give the same files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KUST, infrastructureFiles, list } from './infrastructureFiles';

/** Size of the synthetic fleet. */
export interface FleetShape {
  clusters: number;
  apps: number;
  /**
   * Each cluster applies each app through a Flux Kustomization of its own
   * (`clusters/<c>/apps/<app>.yaml`, path `./apps/<app>/overlays/<c>`, the
   * `ks.yaml`-per-app layout) instead of one kustomization listing every
   * overlay. Default false.
   */
  fluxPerApp?: boolean;
}

/** Cluster names: `c01`, `c02`, …; the stage (dev/test/prod) cycles with the index. */
export function clusterNames(shape: FleetShape): string[] {
  return Array.from(
    { length: shape.clusters },
    (_, i) => `c${String(i + 1).padStart(2, '0')}`,
  );
}

const stageOf = (clusterIndex: number) =>
  (['dev', 'test', 'prod'] as const)[clusterIndex % 3];
const appName = (j: number) => `app-${String(j + 1).padStart(4, '0')}`;
const teamOf = (j: number) => `team-${j % 10}`;
/** Absence is represented by absence: every 7th (cluster, app) pair is not deployed. */
const deployed = (i: number, j: number) => (i + j) % 7 !== 0;

function fluxKustomization(
  name: string,
  path_: string,
  dependsOn?: string,
): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 5m
  prune: true
  wait: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  path: ${path_}
${dependsOn ? `  dependsOn:\n    - name: ${dependsOn}\n` : ''}`;
}

function clusterFiles(
  files: Map<string, string>,
  cluster: string,
  i: number,
  shape: FleetShape,
) {
  const root = `clusters/${cluster}`;
  files.set(
    `${root}/kustomization.yaml`,
    `${KUST}resources:\n${list([
      './flux-system',
      './infra.yaml',
      './apps.yaml',
    ])}`,
  );
  files.set(
    `${root}/flux-system/kustomization.yaml`,
    `${KUST}resources:\n${list(['gotk-components.yaml', 'gotk-sync.yaml'])}`,
  );
  files.set(
    `${root}/flux-system/gotk-components.yaml`,
    `# stand-in for flux bootstrap's components\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n`,
  );
  files.set(
    `${root}/flux-system/gotk-sync.yaml`,
    `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m0s
  ref:
    branch: main
  url: ssh://git@github.com/example-org/fleet
---
${fluxKustomization('flux-system', `./${root}`).replace('  wait: true\n', '')}`,
  );
  files.set(
    `${root}/infra.yaml`,
    fluxKustomization('infra', `./${root}/infra`),
  );
  files.set(
    `${root}/apps.yaml`,
    fluxKustomization('apps', `./${root}/apps`, 'infra'),
  );
  const stage = stageOf(i);
  const infra = [
    '../../../infrastructure/controllers/kyverno',
    '../../../infrastructure/namespaces/common',
    '../../../infrastructure/namespaces/teams',
    '../../../infrastructure/policies/kyverno/shared',
    ...(stage === 'test'
      ? [
          '../../../infrastructure/policies/kyverno/test-only',
          '../../../infrastructure/namespaces/test-only',
        ]
      : []),
    ...(stage === 'prod'
      ? ['../../../infrastructure/policies/kyverno/prod']
      : []),
  ];
  files.set(
    `${root}/infra/kustomization.yaml`,
    `${KUST}resources:\n${list(infra)}`,
  );
  const apps = ['../../../apps/common'];
  for (let j = 0; j < shape.apps; j++) {
    if (!deployed(i, j)) continue;
    const overlay = `apps/${appName(j)}/overlays/${cluster}`;
    if (!shape.fluxPerApp) {
      apps.push(`../../../${overlay}`);
      continue;
    }
    apps.push(`${appName(j)}.yaml`);
    files.set(
      `${root}/apps/${appName(j)}.yaml`,
      fluxKustomization(appName(j), `./${overlay}`, 'infra'),
    );
  }
  files.set(
    `${root}/apps/kustomization.yaml`,
    `${KUST}resources:\n${list(apps)}`,
  );
}

function appFiles(files: Map<string, string>, j: number, clusters: string[]) {
  const name = appName(j);
  const ns = teamOf(j);
  const base = `apps/${name}/base`;
  const withConfig = j % 5 === 0;
  files.set(
    `${base}/kustomization.yaml`,
    `${KUST}resources:\n${list(['deployment.yaml', 'service.yaml'])}${
      withConfig
        ? `configMapGenerator:\n  - name: ${name}-config\n    namespace: ${ns}\n    literals:\n      - APP=${name}\n      - LOG_LEVEL=info\n`
        : ''
    }`,
  );
  files.set(
    `${base}/deployment.yaml`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    backstage.io/kubernetes-id: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: ghcr.io/example-org/${name}:1.0.${j % 10}
          ports:
            - containerPort: 8080
${
  withConfig
    ? `          envFrom:\n            - configMapRef:\n                name: ${name}-config\n`
    : ''
}          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
`,
  );
  files.set(
    `${base}/service.yaml`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${name}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n`,
  );
  clusters.forEach((cluster, i) => {
    if (!deployed(i, j)) return;
    files.set(
      `apps/${name}/overlays/${cluster}/kustomization.yaml`,
      `${KUST}resources:\n  - ../../base\nimages:\n  - name: ghcr.io/example-org/${name}\n    newTag: 1.${i}.${
        j % 10
      }\npatches:\n  - target:\n      kind: Deployment\n      name: ${name}\n    patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: ${name}\n      spec:\n        replicas: ${
        (i % 3) + 1
      }\n`,
    );
  });
}

/**
 * The files of a synthetic fleet of `shape.clusters` clusters and
 * `shape.apps` apps, by repository path. Each app has a base and one
 * overlay per cluster it is deployed to (every 7th cluster/app pair is
 * left out); every fifth app has a configMapGenerator.
 */
export function fleetFiles(shape: FleetShape): Map<string, string> {
  const files = new Map<string, string>();
  const clusters = clusterNames(shape);
  infrastructureFiles(files);
  clusters.forEach((c, i) => clusterFiles(files, c, i, shape));
  for (let j = 0; j < shape.apps; j++) appFiles(files, j, clusters);
  return files;
}

/** Writes {@link fleetFiles} under `dir` (created if needed); returns the number of files written. */
export function generateFleet(dir: string, shape: FleetShape): number {
  const files = fleetFiles(shape);
  const made = new Set<string>();
  for (const [rel, text] of files) {
    const abs = path.join(dir, rel);
    const parent = path.dirname(abs);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(abs, text);
  }
  return files.size;
}
