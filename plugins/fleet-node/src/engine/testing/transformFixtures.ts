/*
 * Fixtures for generator and transformer tests: resources from inline YAML,
 * a TransformContext over an in-memory snapshot, the single-level pipeline
 * without patches, and the kubectl oracle sorted for comparison.
 */
import { parseAllDocuments } from 'yaml';
import { kubectlBuildFiles } from './kubectl';
import type { KObject, Problem } from '../core/types';
import { snapshotOf, yamlText } from './snapshots';
import type { Resource } from '../kustomize/types';
import type { Kustomization, TransformContext } from '../kustomize/types';
import { runGenerators } from '../kustomize/generators';
import { applyHashSuffixes } from '../kustomize/hash';
import { applyNamespace } from '../kustomize/transformers/namespace';
import { applyPrefixSuffix } from '../kustomize/transformers/prefixSuffix';
import { applyLabels } from '../kustomize/transformers/labels';
import { applyAnnotations } from '../kustomize/transformers/annotations';
import { applyReplicas } from '../kustomize/transformers/replicas';
import { applyImages } from '../kustomize/transformers/images';
import { applyReplacements } from '../kustomize/transformers/replacements';
import { fixNameReferences } from '../kustomize/transformers/nameReference';

/** Resources parsed from a multi-document YAML text (dedented), as if read from `file`. */
export function resourcesOf(text: string, file = 'app/r.yaml'): Resource[] {
  return parseAllDocuments(yamlText(text))
    .map(d => d.toJS() as KObject)
    .filter(o => o)
    .map((object, i) => ({
      object,
      source: { file, line: i + 1 },
      via: [],
      prevIds: [],
    }));
}

/** A context for the kustomization `app/kustomization.yaml` over `files`, collecting problems. */
export function contextOf(files: Record<string, string> = {}): {
  ctx: TransformContext;
  problems: Omit<Problem, 'cluster'>[];
} {
  const snapshot = snapshotOf(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, yamlText(v)])),
  );
  const problems: Omit<Problem, 'cluster'>[] = [];
  const ctx: TransformContext = {
    dir: 'app',
    kustFile: 'app/kustomization.yaml',
    snapshot,
    sink: { report: p => problems.push(p) },
    lineOf: () => 1,
    readFile: p => snapshot.files.get(p),
  };
  return { ctx, problems };
}

/** A minimal kustomization with the given fields. */
export function kust(fields: Partial<Kustomization>): Kustomization {
  return {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [],
    components: [],
    ...fields,
  };
}

/** The objects of a resource list. */
export const objectsOf = (rs: Resource[]): KObject[] => rs.map(r => r.object);

/** One level without patches, then the top-level hash and name reference steps, as a kustomize build. */
export function buildLevel(
  resources: Resource[],
  k: Kustomization,
  ctx: TransformContext,
): Resource[] {
  let list = runGenerators(resources, k, ctx);
  list = applyNamespace(list, k.namespace, ctx);
  list = applyPrefixSuffix(list, k.namePrefix, k.nameSuffix);
  list = applyLabels(list, k, ctx);
  list = applyAnnotations(list, k, ctx);
  list = applyReplicas(list, k, ctx);
  list = applyImages(list, k);
  list = applyReplacements(list, k, ctx);
  list = applyHashSuffixes(list);
  return fixNameReferences(list, ctx);
}

/** kubectl's build of `files` (path → dedented content) in `dir`, sorted by {@link sortObjects}. */
export function kubectlSorted(
  files: Record<string, string>,
  dir = 'app',
): KObject[] {
  const dedented = Object.fromEntries(
    Object.entries(files).map(([p, text]) => [p, yamlText(text)]),
  );
  return sortObjects(kubectlBuildFiles(dedented, dir));
}

/** Objects sorted by kind then namespace then name, for order-insensitive comparison. */
export function sortObjects(objs: KObject[]): KObject[] {
  const key = (o: KObject) =>
    `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  return [...objs].sort((a, b) => key(a).localeCompare(key(b)));
}
