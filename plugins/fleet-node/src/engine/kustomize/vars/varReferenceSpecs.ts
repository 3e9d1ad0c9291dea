/*
 * kustomize's builtin varReference configuration as data
 * (api/internal/konfig/builtinpluginconsts/varreference.go, v5.5): the
 * fields where `$(VAR)` is substituted, in kustomize's order. The per-workload
 * container fields are generated from the one list kustomize spells out for
 * each kind.
 */
import type { FieldSpec } from '../types';

const CONTAINER_FIELDS = [
  'containers/args',
  'containers/command',
  'containers/env/value',
  'containers/volumeMounts/mountPath',
  'initContainers/args',
  'initContainers/command',
  'initContainers/env/value',
  'initContainers/volumeMounts/mountPath',
];

const pod = (kind: string, prefix: string): FieldSpec[] =>
  CONTAINER_FIELDS.map(f => ({ path: `${prefix}${f}`, kind }));

/** The builtin varReference field specs. */
export const VAR_REFERENCE_SPECS: FieldSpec[] = [
  ...pod('CronJob', 'spec/jobTemplate/spec/template/spec/'),
  ...pod('DaemonSet', 'spec/template/spec/'),
  ...pod('Deployment', 'spec/template/spec/'),
  { path: 'spec/rules/host', kind: 'Ingress' },
  { path: 'spec/tls/hosts', kind: 'Ingress' },
  { path: 'spec/tls/secretName', kind: 'Ingress' },
  ...pod('Job', 'spec/template/spec/'),
  ...pod('Pod', 'spec/'),
  ...pod('ReplicaSet', 'spec/template/spec/'),
  { path: 'spec/ports/port', kind: 'Service' },
  { path: 'spec/ports/targetPort', kind: 'Service' },
  ...pod('StatefulSet', 'spec/template/spec/'),
  { path: 'metadata/labels' },
];
