/*
 * The Flux Operator's ResourceSet, expanded offline: input sets from inline
 * `spec.inputs` and from ResourceSetInputProviders of type Static declared
 * in the repository (their `defaultValues`), combined by `inputStrategy`
 * (Flatten: every set on its own; Permute: the cartesian product of the
 * providers, each set scoped by the provider's normalized name), then
 * `spec.resources` and `spec.resourcesTemplate` rendered once per set with
 * the `<< >>` template subset, then finished as the operator applies them
 * (finishResources: common metadata, deduplication, disabled objects left
 * out). Providers that read external systems (pull requests, branches, OCI
 * tags) are recorded, never guessed.
 */
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { KObject, Problem } from '../../core/types';
import { isRecord } from '../../core/records';
import { type RenderedObject, finishResources } from './finishResources';
import { renderTemplate, TemplateError } from './goTemplate';

/** The API group of ResourceSet and ResourceSetInputProvider. */
export const FLUX_OPERATOR_GROUP = 'fluxcd.controlplane.io';

/** A problem of one ResourceSet, placed by the caller at the ResourceSet. */
export type ResourceSetProblem = Pick<Problem, 'severity' | 'rule' | 'message'>;

/** What a ResourceSet generates. */
export interface ExpandedResourceSet {
  objects: KObject[];
  problems: ResourceSetProblem[];
}

/** True for a ResourceSet of the Flux Operator. */
export function isResourceSet(o: KObject): boolean {
  return (
    o.kind === 'ResourceSet' &&
    (o.apiVersion ?? '').startsWith(`${FLUX_OPERATOR_GROUP}/`)
  );
}

// kinds that have no namespace: the Flux Operator leaves them as rendered
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

const normalize = (name: string) =>
  name.toLowerCase().replace(/[^a-z0-9]+/g, '_');

type Lookup = (
  kind: string,
  namespace: string,
  name: string,
) => KObject | undefined;

/**
 * Expands `rset`. `lookup` finds objects the cluster's tree declares (for
 * ResourceSetInputProviders). Never throws: a template outside the subset,
 * an unknown provider or a rendered document that is no object becomes a
 * problem, and the ResourceSet generates nothing.
 */
export function expandResourceSet(
  rset: KObject,
  lookup: Lookup,
): ExpandedResourceSet {
  const problems: ResourceSetProblem[] = [];
  const name = `${rset.metadata?.namespace || 'default'}/${
    rset.metadata?.name
  }`;
  const namespace = rset.metadata?.namespace || 'default';
  const spec = isRecord(rset.spec) ? rset.spec : {};
  const groups: Array<{ name: string; inputs: Record<string, unknown>[] }> = [];
  const inline = Array.isArray(spec.inputs) ? spec.inputs.filter(isRecord) : [];
  if (inline.length > 0)
    groups.push({ name: String(rset.metadata?.name ?? ''), inputs: inline });
  for (const ref of Array.isArray(spec.inputsFrom)
    ? spec.inputsFrom.filter(isRecord)
    : []) {
    if (typeof ref.name !== 'string') {
      problems.push({
        severity: 'warning',
        rule: 'resourceset-external-inputs',
        message: `ResourceSet ${name} selects its input providers by labels; their inputs are recorded as external, not guessed.`,
      });
      continue;
    }
    const provider = lookup('ResourceSetInputProvider', namespace, ref.name);
    const pspec =
      provider && isRecord(provider.spec) ? provider.spec : undefined;
    if (!provider || !pspec) {
      problems.push({
        severity: 'warning',
        rule: 'resourceset-external-inputs',
        message: `ResourceSet ${name} takes inputs from ResourceSetInputProvider ${namespace}/${ref.name}, which this repository does not declare; recorded as external.`,
      });
      continue;
    }
    if (pspec.type !== 'Static') {
      problems.push({
        severity: 'warning',
        rule: 'resourceset-external-inputs',
        message: `ResourceSet ${name} takes inputs from ResourceSetInputProvider ${namespace}/${
          ref.name
        } of type ${String(
          pspec.type,
        )}, read from an external system; recorded, not guessed.`,
      });
      continue;
    }
    groups.push({
      name: ref.name,
      inputs: [isRecord(pspec.defaultValues) ? pspec.defaultValues : {}],
    });
  }
  const strategy = isRecord(spec.inputStrategy)
    ? spec.inputStrategy.name
    : undefined;
  let sets: Record<string, unknown>[];
  if (strategy === 'Permute') {
    sets = groups.reduce<Record<string, unknown>[]>(
      (acc, g) =>
        acc.flatMap(a => g.inputs.map(i => ({ ...a, [normalize(g.name)]: i }))),
      [{}],
    );
  } else if (strategy === undefined || strategy === 'Flatten') {
    sets = groups.flatMap(g => g.inputs);
    // as the Flux Operator: without inputs of any kind, resources are rendered once
    if (groups.length === 0 && !Array.isArray(spec.inputsFrom)) sets = [{}];
  } else {
    problems.push({
      severity: 'error',
      rule: 'resourceset-template',
      message: `ResourceSet ${name} has inputStrategy ${String(
        strategy,
      )}; only Flatten and Permute exist.`,
    });
    return { objects: [], problems };
  }
  const rendered: RenderedObject[] = [];
  try {
    for (const set of sets) {
      for (const r of Array.isArray(spec.resources) ? spec.resources : []) {
        const doc = parse(renderTemplate(stringify(r), set));
        if (doc !== null)
          rendered.push({ object: doc as KObject, fromResources: true });
      }
      if (typeof spec.resourcesTemplate === 'string') {
        for (const d of parseAllDocuments(
          renderTemplate(spec.resourcesTemplate, set),
        )) {
          if (d.errors.length > 0)
            throw new TemplateError(
              `the rendered resourcesTemplate is not valid YAML: ${d.errors[0].message}`,
            );
          const v = d.toJS();
          if (v !== null)
            rendered.push({ object: v as KObject, fromResources: false });
        }
      }
    }
  } catch (e) {
    problems.push({
      severity: 'error',
      rule: 'resourceset-template',
      message: `ResourceSet ${name} cannot be expanded: ${
        (e as Error).message
      }; its resources are not counted.`,
    });
    return { objects: [], problems };
  }
  for (const { object: o } of rendered) {
    if (!isRecord(o) || !o.kind || !isRecord(o.metadata) || !o.metadata.name) {
      problems.push({
        severity: 'error',
        rule: 'resourceset-template',
        message: `ResourceSet ${name} renders a document without kind or metadata.name; its resources are not counted.`,
      });
      return { objects: [], problems };
    }
    if (!o.metadata.namespace && !CLUSTER_SCOPED.has(o.kind))
      o.metadata.namespace = namespace;
  }
  return {
    objects: finishResources(rendered, spec.commonMetadata),
    problems,
  };
}
