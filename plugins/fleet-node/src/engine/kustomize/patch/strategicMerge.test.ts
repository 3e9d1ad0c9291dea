import { parse, stringify } from 'yaml';
import type { KObject } from '../../core/types';
import { strategicMerge } from './strategicMerge';
import { isStrategicMergeError } from './strategicMergeError';
import { kubectlBuildFiles } from '../../testing/kubectl';

const y = (text: string): KObject => parse(text) as KObject;

const deployment = (spec: string) =>
  y(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
${spec.replace(/^/gm, '      ')}`);

describe('strategicMerge', () => {
  it('merges maps recursively and lets patch scalars win', () => {
    const out = strategicMerge(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {a: "1"}}\ndata: {x: "1", y: "2"}',
      ),
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {b: "2"}}\ndata: {y: "3"}',
      ),
    );
    expect(out).toEqual(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {a: "1", b: "2"}}\ndata: {x: "1", y: "3"}',
      ),
    );
  });

  it('deletes a field the patch sets to null', () => {
    const out = strategicMerge(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: "1", y: "2"}',
      ),
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {y: null}',
      ),
    );
    expect(out).toEqual(
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: "1"}'),
    );
  });

  it('keeps a null of the target that the patch does not mention', () => {
    const out = strategicMerge(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, creationTimestamp: null}',
      ),
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}'),
    );
    expect(out).toEqual(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, creationTimestamp: null}\ndata: {a: b}',
      ),
    );
  });

  it('merges containers by name, patch elements first, then the remaining ones', () => {
    const out = strategicMerge(
      deployment(
        'containers: [{name: a, image: a}, {name: b, image: b}, {name: c, image: c}]',
      ),
      deployment('containers: [{name: c, image: c2}, {name: x, image: x}]'),
    );
    expect(out).toEqual(
      deployment(
        'containers: [{name: c, image: c2}, {name: x, image: x}, {name: a, image: a}, {name: b, image: b}]',
      ),
    );
  });

  it('removes a list element marked $patch: delete', () => {
    const out = strategicMerge(
      deployment(
        'containers: [{name: a, env: [{name: E1, value: "1"}, {name: E2, value: "2"}]}]',
      ),
      deployment(
        'containers: [{name: a, env: [{name: E1, $patch: delete}, {name: E3, value: "3"}]}]',
      ),
    );
    expect(out).toEqual(
      deployment(
        'containers: [{name: a, env: [{name: E3, value: "3"}, {name: E2, value: "2"}]}]',
      ),
    );
  });

  it('merges container ports by containerPort when no port sets a protocol', () => {
    const out = strategicMerge(
      deployment(
        'containers: [{name: a, ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]}]',
      ),
      deployment(
        'containers: [{name: a, ports: [{containerPort: 9090, name: prom}]}]',
      ),
    );
    expect(out).toEqual(
      deployment(
        'containers: [{name: a, ports: [{containerPort: 9090, name: prom}, {containerPort: 8080, name: http}]}]',
      ),
    );
  });

  it('keys container ports on protocol too once any port sets one, as kustomize does', () => {
    const out = strategicMerge(
      deployment(
        'containers: [{name: a, ports: [{containerPort: 8080, name: http}, {containerPort: 9090, name: metrics}]}]',
      ),
      deployment(
        'containers: [{name: a, ports: [{containerPort: 9090, name: prom}, {containerPort: 7070, protocol: UDP}]}]',
      ),
    );
    expect(out).toEqual(
      deployment(
        'containers: [{name: a, ports: [{containerPort: 7070, protocol: UDP}, {containerPort: 8080, name: http}, {containerPort: 9090, name: prom}]}]',
      ),
    );
  });

  it('unions primitive merge lists such as finalizers, patch values first', () => {
    const out = strategicMerge(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [a, b]}',
      ),
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [c, a]}',
      ),
    );
    expect(out).toEqual(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [c, a, b]}',
      ),
    );
  });

  it('replaces every list of a kind without schema, such as a HelmRelease', () => {
    const hr = (body: string) =>
      y(
        `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: hr}\n${body}`,
      );
    const out = strategicMerge(
      hr('spec: {values: {list: [{name: a, v: 1}, {name: b, v: 2}]}}'),
      hr('spec: {values: {list: [{name: a, v: 3}]}}'),
    );
    expect(out).toEqual(hr('spec: {values: {list: [{name: a, v: 3}]}}'));
  });

  it('replaces containers of an apiVersion missing from kustomize schema', () => {
    const old = (c: string) =>
      y(
        `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: o}\nspec: {template: {spec: {containers: ${c}}}}`,
      );
    expect(strategicMerge(old('[{name: a}]'), old('[{name: b}]'))).toEqual(
      old('[{name: b}]'),
    );
  });

  it('replaces a merge list holding a $patch: replace element', () => {
    const out = strategicMerge(
      deployment('volumes: [{name: v1, emptyDir: {}}]'),
      deployment('volumes: [{$patch: replace}, {name: v2, emptyDir: {}}]'),
    );
    expect(out).toEqual(deployment('volumes: [{name: v2, emptyDir: {}}]'));
  });

  it('replaces a map marked $patch: replace', () => {
    const out = strategicMerge(
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1", b: "2"}',
      ),
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: replace, c: "3"}',
      ),
    );
    expect(out).toEqual(
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {c: "3"}'),
    );
  });

  it('deletes a map marked $patch: delete', () => {
    const out = strategicMerge(
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}'),
      y(
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: delete}',
      ),
    );
    expect(out).toEqual(
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}'),
    );
  });

  it('returns null when the patch deletes the whole object', () => {
    const out = strategicMerge(
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}'),
      y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n$patch: delete'),
    );
    expect(out).toBeNull();
  });

  it('drops nulls inside a map the patch adds', () => {
    const out = strategicMerge(
      deployment('containers: [{name: a}]'),
      deployment(
        'containers: [{name: a, resources: {limits: null, requests: {cpu: 1, memory: null}}}]',
      ),
    );
    expect(out).toEqual(
      deployment('containers: [{name: a, resources: {requests: {cpu: 1}}}]'),
    );
  });

  it('leaves $setElementOrder in the output, since kustomize does not know it', () => {
    const out = strategicMerge(
      deployment('containers: [{name: a}]'),
      deployment('$setElementOrder/containers: [{name: a}]'),
    );
    expect(out).toEqual(
      deployment(
        'containers: [{name: a}]\n$setElementOrder/containers: [{name: a}]',
      ),
    );
  });

  it('keeps sibling keys of a retainKeys map, since kustomize ignores retainKeys', () => {
    const d = (s: string) =>
      y(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {strategy: ${s}}`,
      );
    const out = strategicMerge(
      d('{type: RollingUpdate, rollingUpdate: {maxSurge: 1}}'),
      d('{type: Recreate}'),
    );
    expect(out).toEqual(d('{type: Recreate, rollingUpdate: {maxSurge: 1}}'));
  });

  it('throws a StrategicMergeError when the patch has another type than the target', () => {
    let error: unknown;
    try {
      strategicMerge(
        y(
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}',
        ),
        y('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: [a]'),
      );
    } catch (e) {
      error = e;
    }
    expect(isStrategicMergeError(error)).toBe(true);
  });

  it('throws a StrategicMergeError for an unknown $patch directive', () => {
    expect(() =>
      strategicMerge(
        y(
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}',
        ),
        y(
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {$patch: drop}',
        ),
      ),
    ).toThrow("unknown patch strategy 'drop' at /data");
  });

  it('does not modify its arguments', () => {
    const target = deployment('containers: [{name: a, image: a}]');
    const patch = deployment(
      'containers: [{name: a, image: b, $patch: replace}]',
    );
    const before = [JSON.stringify(target), JSON.stringify(patch)];
    strategicMerge(target, patch);
    expect([JSON.stringify(target), JSON.stringify(patch)]).toEqual(before);
  });
});

/** Targets and patches whose merge is compared with kubectl kustomize. */
const differentialCases: Array<[string, string, string]> = [
  [
    'ports with protocol on target',
    'containers: [{name: a, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 81}]}]',
    'containers: [{name: a, ports: [{containerPort: 80, name: x}, {containerPort: 81, protocol: UDP}]}]',
  ],
  [
    'ports adding a protocol twin',
    'containers: [{name: a, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 90}]}]',
    'containers: [{name: a, ports: [{containerPort: 80, protocol: UDP}, {containerPort: 90, name: http}]}]',
  ],
  [
    'volumeMounts by mountPath',
    'containers: [{name: a, volumeMounts: [{name: d, mountPath: /d}, {name: c, mountPath: /c}]}]',
    'containers: [{name: a, volumeMounts: [{name: e, mountPath: /c}, {name: f, mountPath: /f}]}]',
  ],
  [
    'initContainers and imagePullSecrets',
    'initContainers: [{name: i1}]\nimagePullSecrets: [{name: s1}]',
    'initContainers: [{name: i2}]\nimagePullSecrets: [{name: s2}, {name: s1}]',
  ],
  [
    'hostAliases by ip',
    'hostAliases: [{ip: 1.1.1.1, hostnames: [a]}]',
    'hostAliases: [{ip: 1.1.1.1, hostnames: [b]}, {ip: 2.2.2.2, hostnames: [c]}]',
  ],
  [
    'tolerations replaced',
    'tolerations: [{key: a, operator: Exists}]',
    'tolerations: [{key: b, operator: Exists}]',
  ],
  [
    'topologySpreadConstraints by topologyKey',
    'topologySpreadConstraints: [{topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}]',
    'topologySpreadConstraints: [{topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 2}, {topologyKey: host, whenUnsatisfiable: ScheduleAnyway, maxSkew: 1}]',
  ],
  [
    'duplicate env names collapse',
    'containers: [{name: a, env: [{name: X, value: "1"}, {name: X, value: "2"}]}]',
    'containers: [{name: a, image: i}]',
  ],
  [
    'args replaced',
    'containers: [{name: a, args: [x, y]}]',
    'containers: [{name: a, args: [z]}]',
  ],
  [
    'env list with replace directive',
    'containers: [{name: a, env: [{name: A, value: "1"}]}]',
    'containers: [{name: a, env: [{$patch: replace}, {name: B, value: "2"}]}]',
  ],
];

/** Whole objects of other kinds (target, patch) compared with kubectl kustomize. */
const objectCases: Array<[string, string, string]> = [
  [
    'Service ports by port and protocol',
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, name: http}, {port: 443, protocol: TCP, name: https}]}',
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 443, name: tls}, {port: 80, protocol: UDP}]}',
  ],
  [
    'ServiceAccount secrets by name',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\nsecrets: [{name: a}]\nimagePullSecrets: [{name: a}]',
    'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\nsecrets: [{name: b}]\nimagePullSecrets: [{name: b}]',
  ],
  [
    'webhooks by name',
    'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: w}\nwebhooks: [{name: a, sideEffects: None}]',
    'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: w}\nwebhooks: [{name: b, sideEffects: None}]',
  ],
  [
    'batch/v1beta1 CronJob containers',
    'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a}]}}}}}',
    'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: b}]}}}}}',
  ],
  [
    'Pod ephemeralContainers and resourceClaims',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {ephemeralContainers: [{name: a}], resourceClaims: [{name: a}], containers: [{name: c}]}',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {ephemeralContainers: [{name: b}], resourceClaims: [{name: b}]}',
  ],
  [
    'ownerReferences by uid',
    'apiVersion: v1\nkind: Secret\nmetadata: {name: s, ownerReferences: [{uid: "1", name: a, kind: K, apiVersion: v1}]}',
    'apiVersion: v1\nkind: Secret\nmetadata: {name: s, ownerReferences: [{uid: "2", name: b, kind: K, apiVersion: v1}]}',
  ],
  [
    'Kustomization CRD finalizers replaced',
    'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: k, finalizers: [a]}\nspec: {patches: [{patch: x}]}',
    'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: k, finalizers: [b]}\nspec: {patches: [{patch: y}]}',
  ],
];

const differential = (t: KObject, p: KObject) =>
  kubectlBuildFiles({
    'kustomization.yaml': stringify({
      resources: ['t.yaml'],
      patches: [{ patch: stringify(p) }],
    }),
    't.yaml': stringify(t),
  });

describe('strategicMerge against kubectl kustomize', () => {
  it.each(objectCases)('matches kustomize: %s', (_name, target, patch) => {
    expect([strategicMerge(y(target), y(patch))]).toEqual(
      differential(y(target), y(patch)),
    );
  });

  it.each(differentialCases)(
    'matches kustomize: %s',
    (_name, target, patch) => {
      const t = deployment(target);
      const p = deployment(patch);
      const expected = kubectlBuildFiles({
        'kustomization.yaml': stringify({
          resources: ['t.yaml'],
          patches: [{ patch: stringify(p) }],
        }),
        't.yaml': stringify(t),
      });
      expect([strategicMerge(t, p)]).toEqual(expected);
    },
  );
});
