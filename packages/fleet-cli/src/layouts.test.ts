/*
 * Fleets in the layouts of real public Flux repositories (Flux's
 * kustomize-helm and multi-tenancy examples, the Flux Operator's d2 fleet,
 * hub-and-spoke, plain manifests) and bad inputs of every kind, each run
 * through the real `fleet` command: the JSON names the problem (rule, file,
 * line, cluster), the healthy clusters keep their objects, and no stack trace
 * reaches stderr. The fixtures are original, written in those layouts.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBin } from './__testUtils__/runFleet';

const LAYOUTS = path.resolve(__dirname, '__fixtures__/layouts');
const STACK_TRACE = /\n\s+at /;

interface Matrix {
  clusters: { name: string; path: string }[];
  objects: {
    cluster: string;
    kind: string;
    namespace: string | null;
    name: string;
    fluxKustomization: string;
    unit: string | null;
    source: { file: string; line: number };
    via: { file: string; line: number }[];
    chart?: string;
    version?: string;
    images?: string[];
    replicas?: number;
  }[];
  units: { id: string; clusters: Record<string, { entry: string }> }[];
  problems: {
    severity: string;
    rule: string;
    cluster: string | null;
    file: string | null;
    line: number | null;
    message: string;
  }[];
}

/** Runs the real `fleet` command in a child process, as `yarn fleet` does. */
const fleet = (args: string[], cwd = LAYOUTS) => runBin(args, cwd);

/** `fleet matrix --json` of `repo`, asserting a clean exit without a stack trace. */
function matrix(repo: string, cwd = LAYOUTS): Matrix {
  const r = fleet(['matrix', '--repo', repo, '--json'], cwd);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout);
}

/** `Kind namespace/name <- fluxKustomization` of every object of `cluster`, sorted. */
function objectsOf(m: Matrix, cluster: string): string[] {
  return m.objects
    .filter(o => o.cluster === cluster)
    .map(
      o =>
        `${o.kind} ${o.namespace ?? '-'}/${o.name} <- ${o.fluxKustomization}`,
    )
    .sort();
}

/** `[severity, rule, cluster, file, line]` of every problem. */
const problemsOf = (m: Matrix) =>
  m.problems.map(p => [p.severity, p.rule, p.cluster, p.file, p.line]);

/** The YAML document of `fleet build` holding `kind` named `name`. */
function built(
  repo: string,
  cluster: string,
  kind: string,
  name: string,
): string | undefined {
  const r = fleet(['build', '--repo', repo, '--cluster', cluster]);
  expect(r.stderr).not.toMatch(STACK_TRACE);
  return r.stdout
    .split('\n---\n')
    .map(d => `${d.trimEnd()}\n`)
    .find(
      d => d.includes(`\nkind: ${kind}\n`) && d.includes(`\n  name: ${name}\n`),
    )
    ?.trimEnd();
}

const gotk = (ks = 'flux-system/flux-system') => [
  `GitRepository flux-system/flux-system <- ${ks}`,
  `Kustomization flux-system/flux-system <- ${ks}`,
];

/** The healthy cluster of every broken fixture: the web app of apps/base through flux-system/apps. */
const GOOD = [
  'Deployment web/web <- flux-system/apps',
  ...gotk(),
  'Kustomization flux-system/apps <- flux-system/flux-system',
  'Namespace -/web <- flux-system/apps',
].sort();

describe('layouts of public Flux repositories', () => {
  describe('kustomize-helm (clusters/<env> with infrastructure.yaml and apps.yaml, apps/base + apps/<env> overlays)', () => {
    it('finds both clusters and every object, with no problem', () => {
      const m = matrix('kustomize-helm');
      expect(m.clusters).toEqual([
        { name: 'production', path: 'clusters/production' },
        { name: 'staging', path: 'clusters/staging' },
      ]);
      const expected = [
        'ClusterIssuer -/letsencrypt <- flux-system/infra-configs',
        ...gotk(),
        'HelmRelease cert-manager/cert-manager <- flux-system/infra-controllers',
        'HelmRelease ingress-nginx/ingress-nginx <- flux-system/infra-controllers',
        'HelmRelease podinfo/podinfo <- flux-system/apps',
        'HelmRepository ingress-nginx/ingress-nginx <- flux-system/infra-controllers',
        'HelmRepository podinfo/podinfo <- flux-system/apps',
        'Kustomization flux-system/apps <- flux-system/flux-system',
        'Kustomization flux-system/infra-configs <- flux-system/flux-system',
        'Kustomization flux-system/infra-controllers <- flux-system/flux-system',
        'Namespace -/cert-manager <- flux-system/infra-controllers',
        'Namespace -/ingress-nginx <- flux-system/infra-controllers',
        'Namespace -/podinfo <- flux-system/apps',
        'OCIRepository cert-manager/cert-manager <- flux-system/infra-controllers',
      ].sort();
      expect([objectsOf(m, 'production'), objectsOf(m, 'staging')]).toEqual([
        expected,
        expected,
      ]);
      expect(m.problems).toEqual([]);
    });

    it('gives each cluster its podinfo HelmRelease with the chart version its overlay patches in', () => {
      const m = matrix('kustomize-helm');
      const podinfo = (cluster: string) =>
        m.objects.find(
          o =>
            o.cluster === cluster &&
            o.kind === 'HelmRelease' &&
            o.name === 'podinfo',
        );
      expect(podinfo('staging')).toEqual({
        cluster: 'staging',
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        namespace: 'podinfo',
        name: 'podinfo',
        unit: 'apps/base/podinfo',
        fluxKustomization: 'flux-system/apps',
        source: { file: 'apps/base/podinfo/release.yaml', line: 1 },
        via: [
          { file: 'apps/staging/kustomization.yaml', line: 4 },
          { file: 'apps/base/podinfo/kustomization.yaml', line: 7 },
        ],
        chart: 'podinfo',
        version: '>=6.0.0-alpha',
      });
      expect([
        podinfo('production')?.chart,
        podinfo('production')?.version,
      ]).toEqual(['podinfo', '6.7.1']);
      const chartRef = m.objects.find(
        o =>
          o.cluster === 'staging' &&
          o.name === 'cert-manager' &&
          o.kind === 'HelmRelease',
      );
      expect([chartRef?.chart, chartRef?.version]).toEqual([
        'OCIRepository/cert-manager',
        undefined,
      ]);
      expect(m.units.map(u => [u.id, u.clusters])).toEqual([
        [
          'apps/base/podinfo',
          {
            production: { entry: 'apps/base/podinfo' },
            staging: { entry: 'apps/base/podinfo' },
          },
        ],
      ]);
    });

    it('merges the staging values patch into the base values and applies the production JSON patch', () => {
      expect(built('kustomize-helm', 'staging', 'HelmRelease', 'podinfo')).toBe(
        [
          'apiVersion: helm.toolkit.fluxcd.io/v2',
          'kind: HelmRelease',
          'metadata:',
          '  name: podinfo',
          '  namespace: podinfo',
          'spec:',
          '  chart:',
          '    spec:',
          '      chart: podinfo',
          '      sourceRef:',
          '        kind: HelmRepository',
          '        name: podinfo',
          "      version: '>=6.0.0-alpha'",
          '  install:',
          '    remediation:',
          '      retries: 3',
          '  interval: 50m',
          '  releaseName: podinfo',
          '  values:',
          '    ingress:',
          '      className: nginx',
          '      enabled: true',
          '      hosts:',
          '      - host: podinfo.staging.example.org',
        ].join('\n'),
      );
      expect(
        built('kustomize-helm', 'production', 'HelmRelease', 'podinfo'),
      ).toMatch(/\n {6}version: 6\.7\.1\n[\s\S]*\n {4}replicaCount: 3$/);
    });

    it('exits 0 from check', () => {
      const r = fleet(['check', '--repo', 'kustomize-helm', '--json']);
      expect([r.code, JSON.parse(r.stdout).problems, r.stderr]).toEqual([
        0,
        [],
        '',
      ]);
    });
  });

  describe('multi-tenancy (tenants with RBAC and a GitRepository of another repository, postBuild.substituteFrom)', () => {
    it('renders the tenant and records its own repository as an external source', () => {
      const m = matrix('multi-tenancy');
      expect(m.clusters.map(c => c.name)).toEqual(['staging']);
      expect(objectsOf(m, 'staging')).toEqual(
        [
          'ConfigMap flux-system/cluster-vars <- flux-system/flux-system',
          'GitRepository apps/dev-team <- flux-system/tenants',
          ...gotk(),
          'Kustomization apps/dev-team <- flux-system/tenants',
          'Kustomization flux-system/tenants <- flux-system/flux-system',
          'Namespace -/apps <- flux-system/tenants',
          'ResourceQuota apps/dev-team <- flux-system/tenants',
          'RoleBinding apps/dev-team-reconciler <- flux-system/tenants',
          'ServiceAccount apps/dev-team <- flux-system/tenants',
        ].sort(),
      );
      expect(problemsOf(m)).toEqual([
        [
          'warning',
          'external-source',
          'staging',
          'tenants/base/dev-team/sync.yaml',
          12,
        ],
      ]);
    });

    it('substitutes variables from the ConfigMap, the inline map and defaults; a missing optional Secret is no problem', () => {
      expect(built('multi-tenancy', 'staging', 'Namespace', 'apps')).toBe(
        [
          'apiVersion: v1',
          'kind: Namespace',
          'metadata:',
          '  labels:',
          '    example.org/env: staging',
          '    example.org/region: eu-west-1',
          '    toolkit.fluxcd.io/tenant: dev-team',
          '  name: apps',
        ].join('\n'),
      );
      expect(
        built('multi-tenancy', 'staging', 'ResourceQuota', 'dev-team'),
      ).toMatch(/\n {4}pods: "10"$/);
      expect(
        built('multi-tenancy', 'staging', 'Kustomization', 'dev-team'),
      ).toMatch(/\n {2}path: \.\/staging\n/);
    });
  });

  describe('flux-operator (FluxInstance sync, ArtifactGenerator / ExternalArtifact, ResourceSet)', () => {
    it('enters each cluster by its FluxInstance (Git or OCI sync) and builds the artifacts assembled from the repository', () => {
      const m = matrix('flux-operator');
      expect(m.clusters).toEqual([
        { name: 'prod-eu', path: 'clusters/prod-eu' },
        { name: 'staging', path: 'clusters/staging' },
      ]);
      const common = [
        'ArtifactGenerator flux-system/flux-system <- flux-system/flux-system',
        'Deployment frontend/frontend <- flux-system/apps',
        'FluxInstance flux-system/flux <- flux-system/flux-system',
        'HelmRelease monitoring/kube-prometheus-stack <- flux-system/infra',
        'HelmRepository monitoring/prometheus-community <- flux-system/infra',
        'Kustomization flux-system/apps <- flux-system/flux-system',
        'Kustomization flux-system/infra <- flux-system/flux-system',
        'Namespace -/frontend <- flux-system/apps',
        'Namespace -/monitoring <- flux-system/infra',
      ];
      expect(objectsOf(m, 'prod-eu')).toEqual(common.sort());
      expect(objectsOf(m, 'staging')).toEqual(
        [
          ...common,
          'ResourceSet flux-system/tenants <- flux-system/flux-system',
          // generated by the ResourceSet, applied with it
          'Kustomization backend/apps <- flux-system/flux-system',
          'Kustomization frontend/apps <- flux-system/flux-system',
          'Namespace -/backend <- flux-system/flux-system',
          'Namespace -/frontend <- flux-system/flux-system',
        ].sort(),
      );
      const frontend = (c: string) =>
        m.objects.find(o => o.cluster === c && o.kind === 'Deployment');
      expect([
        frontend('prod-eu')?.images,
        frontend('staging')?.images,
        frontend('staging')?.source,
      ]).toEqual([
        ['ghcr.io/acme/frontend:1.9.3'],
        ['ghcr.io/acme/frontend:2.0.0-rc.1'],
        { file: 'apps/base/frontend.yaml', line: 1 },
      ]);
    });

    it('expands the tenants ResourceSet and records the OCI source of its Kustomizations', () => {
      const m = matrix('flux-operator');
      const generated = m.objects
        .filter(
          o =>
            o.source.file === 'clusters/staging/tenants.yaml' &&
            o.kind !== 'ResourceSet',
        )
        .map(o => `${o.kind}/${o.namespace ?? ''}/${o.name}`);
      expect(generated).toEqual([
        'Namespace//frontend',
        'Kustomization/frontend/apps',
        'Namespace//backend',
        'Kustomization/backend/apps',
      ]);
      expect(
        m.problems
          .filter(p => p.file === 'clusters/staging/tenants.yaml')
          .map(p => p.rule),
      ).toEqual(['external-source', 'external-source']);
    });
  });

  describe('no-kustomization-files (plain manifests: Flux generates the kustomization; .sourceignore, .sops.yaml, .github)', () => {
    it('takes every manifest under the path, a subdirectory with its own kustomization as one resource, nothing source-controller ignores', () => {
      const m = matrix('no-kustomization-files');
      expect(objectsOf(m, 'dev')).toEqual(
        [
          'ConfigMap web/backend-config <- flux-system/apps',
          'CronJob web/worker <- flux-system/apps',
          'Deployment web/backend <- flux-system/apps',
          'Deployment web/frontend <- flux-system/apps',
          ...gotk(),
          'Kustomization flux-system/apps <- flux-system/flux-system',
          'Namespace -/web <- flux-system/flux-system',
          'Service web/frontend <- flux-system/apps',
        ].sort(),
      );
      const worker = m.objects.find(o => o.name === 'worker');
      expect([worker?.images, worker?.source]).toEqual([
        ['registry.example.org/worker:3.1.0'],
        { file: 'deploy/apps/worker/job.yaml', line: 1 },
      ]);
      expect(m.problems).toEqual([]);
    });
  });

  describe('grouped-clusters (clusters/<environment>/<cluster>, each bootstrapped on itself)', () => {
    it('finds every cluster of every group, namesakes named by their path, each with its environment overlay', () => {
      const m = matrix('grouped-clusters');
      expect(m.clusters).toEqual([
        { name: 'production-eu-1', path: 'clusters/production/eu-1' },
        { name: 'staging-eu-1', path: 'clusters/staging/eu-1' },
        { name: 'us-1', path: 'clusters/production/us-1' },
      ]);
      expect(m.clusters.map(c => objectsOf(m, c.name))).toEqual([
        GOOD,
        GOOD,
        GOOD,
      ]);
      expect(
        m.objects
          .filter(o => o.kind === 'Deployment')
          .map(o => [o.cluster, o.replicas]),
      ).toEqual([
        ['production-eu-1', 3],
        ['staging-eu-1', 1],
        ['us-1', 3],
      ]);
      expect(m.problems).toEqual([]);
    });
  });

  describe('hub-spoke (a hub bootstrapped at hub/ applying to spokes through spec.kubeConfig)', () => {
    it('finds the hub beside clusters/ and keeps the spokes objects out of it', () => {
      const m = matrix('hub-spoke');
      expect(m.clusters).toEqual([
        { name: 'hub', path: 'hub' },
        { name: 'production', path: 'clusters/production' },
        { name: 'staging', path: 'clusters/staging' },
      ]);
      expect(objectsOf(m, 'hub')).toEqual(
        [
          ...gotk(),
          'Kustomization production/apps-sync <- flux-system/flux-system',
          'Kustomization staging/apps-sync <- flux-system/flux-system',
          'Namespace -/production <- flux-system/flux-system',
          'Namespace -/staging <- flux-system/flux-system',
        ].sort(),
      );
      const spoke = [
        'HelmRelease podinfo/podinfo <- flux-system/flux-system',
        'Namespace -/podinfo <- flux-system/flux-system',
        'OCIRepository podinfo/podinfo <- flux-system/flux-system',
      ];
      expect([objectsOf(m, 'production'), objectsOf(m, 'staging')]).toEqual([
        spoke,
        spoke,
      ]);
      expect(problemsOf(m)).toEqual([
        ['warning', 'remote-cluster', 'hub', 'hub/production.yaml', 6],
        ['warning', 'remote-cluster', 'hub', 'hub/staging.yaml', 6],
      ]);
      expect(
        built('hub-spoke', 'production', 'HelmRelease', 'podinfo'),
      ).toMatch(/\n {2}values:\n {4}env: production\n {4}replicaCount: 3$/);
    });
  });
});

describe('layouts of issue 10: clusters declared elsewhere, tenants as ResourceSets', () => {
  it('home-lab: one cluster from the flux-instance HelmRelease values, apps as ks.yaml Kustomizations', () => {
    const m = matrix('home-lab');
    expect(m.clusters.map(c => [c.name, c.path])).toEqual([
      ['default', 'kubernetes/flux/cluster'],
    ]);
    expect(m.problems).toEqual([]);
    const at = (kind: string, ns: string | null, name: string) =>
      m.objects
        .filter(o => o.kind === kind && o.namespace === ns && o.name === name)
        .map(o => [o.fluxKustomization, o.source.file, o.source.line]);
    expect(at('Deployment', 'default', 'echo')).toEqual([
      [
        'flux-system/echo',
        'kubernetes/apps/default/echo/app/deployment.yaml',
        1,
      ],
    ]);
  });

  it('home-lab: the tenants ResourceSet makes each tenant a namespace and a followed Kustomization, attributed to its file', () => {
    const m = matrix('home-lab');
    const rs = 'kubernetes/apps/tenants/app/tenants.yaml';
    expect(
      m.objects
        .filter(o => o.source.file === rs && o.kind !== 'ResourceSet')
        .map(o => [o.kind, o.namespace, o.name, o.source.line]),
    ).toEqual([
      ['Namespace', null, 'team-a', 1],
      ['Kustomization', 'flux-system', 'team-a-apps', 1],
      ['Namespace', null, 'team-b', 1],
      ['Kustomization', 'flux-system', 'team-b-apps', 1],
    ]);
    expect(
      m.objects
        .filter(o => o.name === 'tenant-app')
        .map(o => [o.namespace, o.fluxKustomization, o.replicas]),
    ).toEqual([
      ['team-a', 'flux-system/team-a-apps', 1],
      ['team-b', 'flux-system/team-b-apps', 2],
    ]);
  });

  it('cluster-template: the root applied by kubectl apply -k is the cluster, named by the directory above flux/config', () => {
    const m = matrix('cluster-template');
    expect(m.clusters.map(c => [c.name, c.path])).toEqual([
      ['main', 'kubernetes/main'],
    ]);
    expect(
      m.objects
        .filter(o => o.kind === 'Deployment')
        .map(o => [o.namespace, o.name, o.fluxKustomization]),
    ).toEqual([['podinfo', 'podinfo', 'flux-system/cluster-apps']]);
  });

  it('cluster-template: the GitRepository spec.ignore publishes kubernetes/ only, so a Kustomization of shared/ fails as in Flux', () => {
    const m = matrix('cluster-template');
    // shared/echo exists in the repository, but not in the artifact (/* then !/kubernetes)
    expect(
      m.problems
        .filter(p => p.severity === 'error')
        .map(p => [p.rule, p.cluster, p.file, p.line]),
    ).toEqual([
      ['missing-path', 'main', 'kubernetes/main/flux/shared.yaml', 1],
    ]);
    expect(m.objects.filter(o => o.kind === 'ConfigMap')).toEqual([]);
    expect(
      m.objects
        .filter(o => o.fluxKustomization === 'flux-system/cluster-apps')
        .map(o => `${o.kind}/${o.name}`),
    ).toEqual(['Namespace/podinfo', 'Deployment/podinfo']);
  });
});

describe('bad inputs: the problem is named, the healthy cluster is intact', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-layouts-'));
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  /** A copy of fixture `name` under the temporary directory (for inputs made at runtime). */
  const copy = async (name: string) => {
    await fs.cp(path.join(LAYOUTS, name), path.join(tmp, name), {
      recursive: true,
    });
    return path.join(tmp, name);
  };

  /** Runs matrix (exit 0) and check (exit 1) on `repo`; returns the matrix after asserting the good cluster. */
  const judge = (repo: string, cwd = LAYOUTS) => {
    const m = matrix(repo, cwd);
    expect(m.clusters.map(c => c.name)).toEqual(['bad', 'good']);
    expect(objectsOf(m, 'good')).toEqual(GOOD);
    const check = fleet(['check', '--repo', repo, '--json'], cwd);
    expect(check.stderr).not.toMatch(STACK_TRACE);
    expect([check.code, JSON.parse(check.stdout).problems]).toEqual([
      1,
      m.problems,
    ]);
    return m;
  };

  /** The bad cluster still has what does not depend on the broken input. */
  const BAD_ROOT = [
    ...gotk(),
    'Kustomization flux-system/apps <- flux-system/flux-system',
  ].sort();
  const BAD_WITH_BASE = [...GOOD];

  it('malformed YAML: yaml-parse at the line, the rest of the bad cluster built', () => {
    const m = judge('broken-yaml');
    expect(problemsOf(m)).toEqual([
      ['error', 'yaml-parse', 'bad', 'apps/bad/config.yaml', 8],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
  });

  it('a Flux Kustomization path leaving the repository: path-escape where it is declared', () => {
    const m = judge('flux-path-escape');
    expect(problemsOf(m)).toEqual([
      ['error', 'path-escape', 'bad', 'clusters/bad/apps.yaml', 1],
      [
        'warning',
        'unreferenced-definition',
        null,
        'apps/bad/kustomization.yaml',
        1,
      ],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_ROOT);
  });

  it('a kustomization resource leaving the repository by ..: path-escape at its entry', () => {
    const m = judge('kustomize-path-escape');
    expect(problemsOf(m)).toEqual([
      ['error', 'path-escape', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
  });

  it('a Flux Kustomization path that does not exist: missing-path where it is declared', () => {
    const m = judge('missing-path');
    expect(problemsOf(m)).toEqual([
      ['error', 'missing-path', 'bad', 'clusters/bad/apps.yaml', 1],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_ROOT);
  });

  it('Flux Kustomizations declaring each other: cycle where the loop closes, followed once', () => {
    const m = judge('flux-cycle');
    expect(problemsOf(m)).toEqual([
      ['error', 'cycle', 'bad', 'loops/b/loop-a.yaml', 1],
      ['warning', 'duplicate-object', 'bad', 'loops/b/loop-a.yaml', 1],
    ]);
    expect(m.problems[0].message).toContain(
      'flux-system/loop-a → flux-system/loop-b → flux-system/loop-a',
    );
    expect(objectsOf(m, 'bad')).toEqual(
      [
        ...BAD_WITH_BASE,
        'Kustomization flux-system/loop-a <- flux-system/apps',
        'Kustomization flux-system/loop-a <- flux-system/loop-b',
        'Kustomization flux-system/loop-b <- flux-system/loop-a',
      ].sort(),
    );
  });

  it('Flux Kustomizations depending on each other: dependson-cycle at the first of the ring', () => {
    const m = judge('dependson-cycle');
    expect(problemsOf(m)).toEqual([
      ['error', 'dependson-cycle', 'bad', 'clusters/bad/apps.yaml', 1],
    ]);
    expect(m.problems[0].message).toContain(
      'flux-system/apps → flux-system/infra → flux-system/apps',
    );
  });

  it('kustomizations including each other: cycle at the entry that closes it', () => {
    const m = judge('kustomize-cycle');
    expect(problemsOf(m)).toEqual([
      ['error', 'cycle', 'bad', 'apps/loop/kustomization.yaml', 2],
    ]);
  });

  it('a remote base: remote-base at its entry, nothing fetched', () => {
    const m = judge('remote-base');
    expect(problemsOf(m)).toEqual([
      ['error', 'remote-base', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
  });

  it('the same object twice in one kustomization: duplicate-object at the second entry', () => {
    const m = judge('duplicate-object');
    expect(problemsOf(m)).toEqual([
      ['error', 'duplicate-object', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
  });

  it('a YAML bomb: yaml-alias-limit, not expanded', () => {
    const m = judge('yaml-bomb');
    expect(problemsOf(m)).toEqual([
      ['error', 'yaml-alias-limit', 'bad', 'apps/bad/bomb.yaml', 1],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
    // expanded, the bomb is 9^10 strings "lol"; none of it reaches the output
    const build = fleet(['build', '--repo', 'yaml-bomb', '--cluster', 'bad']);
    expect(build.stdout).not.toContain('lol');
    expect(build.stdout.length).toBeLessThan(20_000);
  });

  it('a symlink out of the repository: symlink-escape at the entry that reads it, the target never read', async () => {
    const repo = await copy('symlink-escape');
    await fs.writeFile(
      path.join(tmp, 'outside.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\nstringData:\n  password: hunter2\n',
    );
    await fs.symlink(
      path.join(tmp, 'outside.yaml'),
      path.join(repo, 'apps/bad/leaked.yaml'),
    );
    const m = judge('symlink-escape', tmp);
    expect(problemsOf(m)).toEqual([
      ['error', 'symlink-escape', null, 'apps/bad/leaked.yaml', null],
      ['error', 'symlink-escape', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
    expect(
      fleet(['build', '--repo', 'symlink-escape', '--cluster', 'bad'], tmp)
        .stdout,
    ).not.toContain('hunter2');
  });

  it('a symlink out of the repository in plain manifests: symlink-escape at the Flux Kustomization that would take it', async () => {
    const repo = await copy('no-kustomization-files');
    await fs.writeFile(
      path.join(tmp, 'token.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: s3cret\n',
    );
    await fs.symlink(
      path.join(tmp, 'token.yaml'),
      path.join(repo, 'deploy/apps/frontend/token.yaml'),
    );
    const m = matrix('no-kustomization-files', tmp);
    expect(problemsOf(m)).toEqual([
      [
        'error',
        'symlink-escape',
        null,
        'deploy/apps/frontend/token.yaml',
        null,
      ],
      ['error', 'symlink-escape', 'dev', 'clusters/dev/apps.yaml', 1],
    ]);
    expect(
      m.objects.filter(o => o.name === 'frontend').map(o => o.kind),
    ).toEqual(['Service', 'Deployment']);
    expect(
      fleet(
        ['build', '--repo', 'no-kustomization-files', '--cluster', 'dev'],
        tmp,
      ).stdout,
    ).not.toContain('s3cret');
  });

  it('a huge file: file-too-large at the entry that reads it, the file never parsed', async () => {
    const repo = await copy('huge-file');
    const row = `  key: "${'x'.repeat(1000)}"\n`;
    const rows = Array.from({ length: 6000 }, (_, i) =>
      row.replace('key', `k${i}`),
    ).join('');
    // the file ends in broken YAML: had it been parsed, a yaml-parse
    // problem would be reported too
    await fs.writeFile(
      path.join(repo, 'apps/bad/huge.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\n  namespace: web\ndata:\n${rows}broken: [unclosed\n`,
    );
    const m = judge('huge-file', tmp);
    expect(problemsOf(m)).toEqual([
      ['error', 'file-too-large', null, 'apps/bad/huge.yaml', null],
      ['error', 'file-too-large', 'bad', 'apps/bad/kustomization.yaml', 3],
    ]);
    expect(objectsOf(m, 'bad')).toEqual(BAD_WITH_BASE);
  });
});
