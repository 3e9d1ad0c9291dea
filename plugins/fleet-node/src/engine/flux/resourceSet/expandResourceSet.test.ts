import { parse } from 'yaml';
import type { KObject } from '../../core/types';
import { expandResourceSet } from './expandResourceSet';

const rset = (spec: string) =>
  parse(
    `apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata: {name: apps, namespace: flux-system}\nspec:\n${spec}`,
  ) as KObject;

const none = () => undefined;

describe('expandResourceSet', () => {
  it('renders resources once per inline input (Flatten), defaulting the namespace', () => {
    const out = expandResourceSet(
      rset(`  inputs: [{tenant: a}, {tenant: b}]
  resources:
    - apiVersion: v1
      kind: Namespace
      metadata: {name: << inputs.tenant >>}
    - apiVersion: v1
      kind: ServiceAccount
      metadata: {name: << inputs.tenant >>-sa}
`),
      none,
    );
    expect(out.problems).toEqual([]);
    expect(
      out.objects.map(
        o => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`,
      ),
    ).toEqual([
      'Namespace//a',
      'ServiceAccount/flux-system/a-sa',
      'Namespace//b',
      'ServiceAccount/flux-system/b-sa',
    ]);
  });

  it('renders resourcesTemplate and permutes Static providers by their normalized names', () => {
    const providers: Record<string, KObject> = {
      'flux-system/envs': parse(
        'kind: ResourceSetInputProvider\nmetadata: {name: envs}\nspec: {type: Static, defaultValues: {env: prod}}',
      ),
      'flux-system/app-list': parse(
        'kind: ResourceSetInputProvider\nmetadata: {name: app-list}\nspec: {type: Static, defaultValues: {app: web}}',
      ),
    };
    const out = expandResourceSet(
      rset(`  inputStrategy: {name: Permute}
  inputsFrom: [{name: envs}, {name: app-list}]
  resourcesTemplate: |
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: << inputs.app_list.app >>-<< inputs.envs.env >>
`),
      (_k, ns, n) => providers[`${ns}/${n}`],
    );
    expect(out.problems).toEqual([]);
    expect(out.objects.map(o => o.metadata?.name)).toEqual(['web-prod']);
  });

  it('records providers of external systems instead of guessing their inputs', () => {
    const out = expandResourceSet(
      rset(`  inputsFrom: [{name: prs}]
  resources: [{apiVersion: v1, kind: Namespace, metadata: {name: << inputs.id >>}}]
`),
      () =>
        parse(
          'kind: ResourceSetInputProvider\nspec: {type: GitHubPullRequest}',
        ) as KObject,
    );
    expect(out.objects).toEqual([]);
    expect(out.problems.map(p => p.rule)).toEqual([
      'resourceset-external-inputs',
    ]);
  });

  it('reports a template outside the subset and generates nothing', () => {
    const out = expandResourceSet(
      rset(`  resources: [{apiVersion: v1, kind: Namespace, metadata: {name: << inputs.x | sha1sum >>}}]
`),
      none,
    );
    expect(out.objects).toEqual([]);
    expect(out.problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        rule: 'resourceset-template',
      }),
    ]);
  });
});
