import type { FleetModel, ModelObject } from './resolveFleet';
import { toFleetObject, toMatrix } from './toMatrix';

const obj = (
  object: ModelObject['object'],
  extra: Partial<ModelObject> = {},
): ModelObject => ({
  object,
  source: { file: 'apps/x/a.yaml', line: 1 },
  via: [{ file: 'clusters/dev/apps/kustomization.yaml', line: 3 }],
  fluxKustomization: 'flux-system/apps',
  cluster: 'dev',
  unit: 'apps/x',
  ...extra,
});

const podTemplate = (containers: unknown[], initContainers?: unknown[]) => ({
  template: {
    spec: { containers, ...(initContainers ? { initContainers } : {}) },
  },
});

describe('toMatrix', () => {
  it('gives workloads their images and replicas, HelmReleases their chart, and no object bodies', () => {
    const model: FleetModel = {
      revision: 'abc',
      clusters: [
        {
          name: 'dev',
          path: 'clusters/dev',
          entrypoint: 'clusters/dev',
          kustomizations: [],
          filesRead: new Set(),
        },
      ],
      objects: [
        obj({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'team-x' },
          spec: {
            replicas: 2,
            ...podTemplate(
              [{ name: 'web', image: 'nginx:1.27' }],
              [{ name: 'init', image: 'busybox:1' }],
            ),
          },
        }),
        obj({
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db' },
          spec: podTemplate([{ image: 'postgres:16' }]),
        }),
        obj({
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'job' },
          spec: { jobTemplate: { spec: podTemplate([{ image: 'alpine:3' }]) } },
        }),
        obj(
          {
            apiVersion: 'helm.toolkit.fluxcd.io/v2',
            kind: 'HelmRelease',
            metadata: { name: 'kyverno', namespace: 'kyverno' },
            spec: { chart: { spec: { chart: 'kyverno', version: '3.2.x' } } },
          },
          { unit: null, fluxKustomization: 'flux-system/infra' },
        ),
        obj({
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 's' },
          data: { password: 'c2VjcmV0' },
        }),
      ],
      units: [
        {
          id: 'apps/x',
          kind: 'app',
          name: 'x',
          clusters: { dev: { entry: 'apps/x/base' } },
        },
      ],
      problems: [
        {
          severity: 'warning',
          rule: 'r',
          cluster: 'dev',
          file: 'f',
          line: 2,
          message: 'm',
        },
      ],
    };
    const via = [{ file: 'clusters/dev/apps/kustomization.yaml', line: 3 }];
    const source = { file: 'apps/x/a.yaml', line: 1 };
    const base = {
      cluster: 'dev',
      unit: 'apps/x',
      fluxKustomization: 'flux-system/apps',
      source,
      via,
    };
    expect(toMatrix(model)).toEqual({
      revision: 'abc',
      clusters: [{ name: 'dev', path: 'clusters/dev' }],
      objects: [
        {
          ...base,
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'team-x',
          name: 'web',
          images: ['busybox:1', 'nginx:1.27'],
          replicas: 2,
        },
        {
          ...base,
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          namespace: null,
          name: 'db',
          images: ['postgres:16'],
          replicas: 1,
        },
        {
          ...base,
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          namespace: null,
          name: 'job',
          images: ['alpine:3'],
        },
        {
          ...base,
          unit: null,
          fluxKustomization: 'flux-system/infra',
          apiVersion: 'helm.toolkit.fluxcd.io/v2',
          kind: 'HelmRelease',
          namespace: 'kyverno',
          name: 'kyverno',
          chart: 'kyverno',
          version: '3.2.x',
        },
        {
          ...base,
          apiVersion: 'v1',
          kind: 'Secret',
          namespace: null,
          name: 's',
        },
      ],
      units: [
        {
          id: 'apps/x',
          kind: 'app',
          name: 'x',
          clusters: { dev: { entry: 'apps/x/base' } },
        },
      ],
      problems: [
        {
          severity: 'warning',
          rule: 'r',
          cluster: 'dev',
          file: 'f',
          line: 2,
          message: 'm',
        },
      ],
    });
  });

  it('reads images and a chart without what kustomize copied from Secret data', () => {
    const deployment = obj(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: podTemplate([
          { name: 'a', image: 'registry/app:cGFzc3dvcmQ=' },
          { name: 'b', image: 'nginx:1' },
        ]),
      },
      {
        secretPaths: [['spec', 'template', 'spec', 'containers', 0, 'image']],
      },
    );
    const release = obj(
      {
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'r' },
        spec: { chart: { spec: { chart: 'c', version: 's3cr3t-1' } } },
      },
      { secretPaths: [['spec', 'chart', 'spec', 'version']] },
    );
    expect(toFleetObject(deployment)).toMatchObject({
      name: 'd',
      images: ['<redacted>', 'nginx:1'],
    });
    expect(toFleetObject(release)).toMatchObject({
      chart: 'c',
      version: '<redacted>',
    });
    expect(JSON.stringify(deployment.object)).toContain('cGFzc3dvcmQ=');
  });

  it('marks a SOPS-encrypted Secret encrypted, and shows none of its values', () => {
    const sops = obj({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'db' },
      stringData: { password: 'ENC[AES256_GCM,data:Tr7o=,type:str]' },
      sops: { lastmodified: '2024-03-10T09:15:42Z', mac: 'ENC[AES256_GCM]' },
    });
    const plain = obj({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'plain', namespace: 'db' },
      stringData: { password: 'hunter2' },
    });
    const [encrypted, notEncrypted] = [sops, plain].map(toFleetObject);
    expect([encrypted.encrypted, notEncrypted.encrypted]).toEqual([
      true,
      undefined,
    ]);
    expect(JSON.stringify(encrypted)).not.toMatch(/ENC\[|Tr7o|lastmodified/);
  });
});
