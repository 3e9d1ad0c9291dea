/*
 * Fixtures for generator and transformer tests: resources from inline YAML,
 * a TransformContext over an in-memory snapshot, the single-level pipeline
 * without patches, and kubectl kustomize as the oracle.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { parseAllDocuments } from 'yaml';
import type { KObject, Problem } from '../../../types';
import { snapshotOf, yamlText } from '../../../testUtils';
import type { Resource } from '../../resource';
import type { Kustomization, TransformContext } from '../../kustomization';
import { runGenerators } from '../../generators';
import { applyHashSuffixes } from '../../hash';
import { applyNamespace } from '../namespace';
import { applyPrefixSuffix } from '../prefixSuffix';
import { applyLabels } from '../labels';
import { applyAnnotations } from '../annotations';
import { applyReplicas } from '../replicas';
import { applyImages } from '../images';
import { applyReplacements } from '../replacements';
import { fixNameReferences } from '../nameReference';

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

/** Runs `kubectl kustomize` on `files` (path → dedented content) in a temp dir; returns objects sorted by kind/name. */
export function kubectlKustomize(
  files: Record<string, string>,
  dir = 'app',
): KObject[] {
  const root = mkdtempSync(join(tmpdir(), 'fleet-a2-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), yamlText(text));
    }
    const out = execFileSync(
      'kubectl',
      [
        'kustomize',
        '--load-restrictor',
        'LoadRestrictionsNone',
        join(root, dir),
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return sortObjects(parseAllDocuments(out).map(d => d.toJS() as KObject));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Objects sorted by kind then namespace then name, for order-insensitive comparison. */
export function sortObjects(objs: KObject[]): KObject[] {
  const key = (o: KObject) =>
    `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
  return [...objs].sort((a, b) => key(a).localeCompare(key(b)));
}
