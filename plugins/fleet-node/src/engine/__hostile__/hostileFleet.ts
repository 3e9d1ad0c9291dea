/*
 * A small two-cluster fleet written to a temporary directory for the
 * hostile-path and hostile-graph suites: cluster `good` is always healthy,
 * cluster `bad` receives the attack. Beside the repository (outside it) lies
 * a Secret whose value must never appear in anything the engine returns.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadLocalSnapshot } from '../loader/loadLocalSnapshot';
import { resolveFleet } from '../model/resolveFleet';
import type { FleetModel } from '../model/types';

/** The value of the Secret planted outside the repository. */
export const OUTSIDE_SECRET = 'outside-secret-hunter2';

/** The Flux sync of cluster `name`: a GitRepository and a Kustomization reading `clusters/<name>`. */
export const gotkSync = (name: string) =>
  [
    'apiVersion: source.toolkit.fluxcd.io/v1',
    'kind: GitRepository',
    'metadata:',
    '  name: flux-system',
    '  namespace: flux-system',
    'spec:',
    '  url: https://example.com/fleet.git',
    '---',
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    'metadata:',
    '  name: flux-system',
    '  namespace: flux-system',
    'spec:',
    `  path: ./clusters/${name}`,
    '  sourceRef:',
    '    kind: GitRepository',
    '    name: flux-system',
    '',
  ].join('\n');

/** A Flux Kustomization `name` building `path`, with extra spec lines. */
export const fluxKustomization = (name: string, path: string, extra = '') =>
  [
    'apiVersion: kustomize.toolkit.fluxcd.io/v1',
    'kind: Kustomization',
    'metadata:',
    `  name: ${name}`,
    '  namespace: flux-system',
    'spec:',
    `  path: ${JSON.stringify(path)}`,
    '  sourceRef:',
    '    kind: GitRepository',
    '    name: flux-system',
    extra,
  ]
    .filter(l => l !== '')
    .join('\n')
    .concat('\n');

/** A ConfigMap named `name` in namespace default. */
export const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

/** The files of the healthy fleet; `bad` gets `clusters/bad/apps.yaml` building apps/bad. */
export function baseFleet(): Record<string, string> {
  return {
    'clusters/good/flux-system/gotk-sync.yaml': gotkSync('good'),
    'clusters/good/apps.yaml': fluxKustomization('apps', './apps/good'),
    'apps/good/kustomization.yaml': 'resources:\n- cm.yaml\n',
    'apps/good/cm.yaml': configMap('good'),
    'clusters/bad/flux-system/gotk-sync.yaml': gotkSync('bad'),
    'clusters/bad/apps.yaml': fluxKustomization('apps', './apps/bad'),
    'apps/bad/kustomization.yaml': 'resources:\n- cm.yaml\n',
    'apps/bad/cm.yaml': configMap('bad'),
  };
}

/** A temporary directory holding `repo/` (the fleet) and `outside/secret.yaml` beside it. */
export class HostileFleet {
  readonly dir = mkdtempSync(join(tmpdir(), 'fleet-hostile-'));
  readonly repo = join(this.dir, 'repo');
  readonly outside = join(this.dir, 'outside');

  constructor(files: Record<string, string>) {
    this.write(this.outside, {
      'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\n  namespace: default\nstringData:\n  password: ${OUTSIDE_SECRET}\n`,
      'secret.env': `PASSWORD=${OUTSIDE_SECRET}\n`,
      'kustomization.yaml': 'resources:\n- secret.yaml\n',
    });
    this.write(this.repo, files);
  }

  private write(root: string, files: Record<string, string>) {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    }
  }

  /** Loads and resolves the repository as the service does. */
  async resolve(): Promise<FleetModel> {
    const snapshot = await loadLocalSnapshot(this.repo, {
      readRevision: false,
    });
    return resolveFleet(snapshot);
  }

  remove() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** `kind/name` of every object of `cluster`, sorted. */
export const objectsOf = (m: FleetModel, cluster: string) =>
  m.objects
    .filter(o => o.cluster === cluster)
    .map(o => `${o.object.kind}/${o.object.metadata?.name}`)
    .sort();

/** `[severity, rule, cluster, file, line]` of every problem. */
export const problemsOf = (m: FleetModel) =>
  m.problems.map(p => [p.severity, p.rule, p.cluster, p.file, p.line]);

/** The objects of the healthy cluster. */
export const GOOD_OBJECTS = [
  'ConfigMap/good',
  'GitRepository/flux-system',
  'Kustomization/apps',
  'Kustomization/flux-system',
];
