/*
 * Flux post-build substitution (kustomize-controller / fluxcd/pkg/kustomize
 * SubstituteVariables): variables come from `substituteFrom` ConfigMaps and
 * Secrets, then the inline `substitute` map wins; each resource is serialised
 * to YAML, substituted, and parsed back.
 */
import { Document, isScalar, visit } from 'yaml';
import { parseBounded } from '../yaml';
import type { BuiltResource } from '../kustomize/types';
import type { KObject, Problem, SourceRef } from '../core/types';
import { EnvsubstError, envsubst } from './envsubst';
import type { FluxKustomizationSpec } from './fluxObjects';
import { isRecord } from '../core/records';
import { markSecretCopy } from '../kustomize/transformers/secretCopies';

/** The annotation/label that opts a resource out of substitution. */
export const SUBSTITUTE_KEY = 'kustomize.toolkit.fluxcd.io/substitute';

// as kustomize-controller: var names must match ^[_[:alpha:]][_[:alpha:][:digit:]]*$
const VAR_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/** Finds a ConfigMap or Secret by kind, namespace and name among the cluster's objects. */
export type ObjectLookup = (
  kind: string,
  namespace: string,
  name: string,
) => KObject | undefined;

/** The variables of a Flux Kustomization, or the reason it cannot be applied. */
export interface SubstituteVars {
  vars: Map<string, string>;
  /** The variables whose value comes from a Secret (not overridden later). */
  secretVars: Set<string>;
  /** Non-empty when a required substituteFrom source is missing: Flux does not apply the Kustomization. */
  missing: string[];
}

/**
 * Collects the post-build variables of `spec`: substituteFrom entries in order
 * (later override earlier; Secret `data` base64-decoded, `stringData` as is),
 * then `substitute` (which wins). Newlines are removed from values, as Flux.
 */
export function collectVars(
  spec: FluxKustomizationSpec,
  lookup: ObjectLookup,
): SubstituteVars {
  const vars = new Map<string, string>();
  const secretVars = new Set<string>();
  const missing: string[] = [];
  for (const ref of spec.substituteFrom) {
    const obj =
      ref.kind === 'ConfigMap' || ref.kind === 'Secret'
        ? lookup(ref.kind, spec.namespace, ref.name)
        : undefined;
    if (!obj) {
      if (!ref.optional) missing.push(`${ref.kind}/${ref.name}`);
      continue;
    }
    for (const [k, v] of Object.entries(dataOf(obj))) {
      vars.set(k, v.replace(/\n/g, ''));
      if (ref.kind === 'Secret') secretVars.add(k);
      else secretVars.delete(k);
    }
  }
  for (const [k, v] of Object.entries(spec.substitute)) {
    vars.set(k, v.replace(/\n/g, ''));
    secretVars.delete(k);
  }
  return { vars, secretVars, missing };
}

/** `obj` as YAML, strings in `quoted` double-quoted (as the source wrote them). */
function toYaml(obj: KObject, quoted: Set<string>): string {
  const doc = new Document(obj, { aliasDuplicateObjects: false });
  if (quoted.size > 0) {
    visit(doc, {
      Scalar(_key, node) {
        if (
          isScalar(node) &&
          typeof node.value === 'string' &&
          quoted.has(node.value)
        )
          node.type = 'QUOTE_DOUBLE';
      },
    });
  }
  return doc.toString({ lineWidth: 0 });
}

/** The string data of a ConfigMap or Secret as the API server would hold it. */
function dataOf(obj: KObject): Record<string, string> {
  const out: Record<string, string> = {};
  const data = obj.data;
  if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      if (v === null || v === undefined) continue;
      out[k] =
        obj.kind === 'Secret'
          ? Buffer.from(String(v), 'base64').toString('utf8')
          : String(v);
    }
  }
  // the API server merges a Secret's stringData over its data
  const stringData = obj.kind === 'Secret' ? obj.stringData : undefined;
  if (stringData && typeof stringData === 'object') {
    for (const [k, v] of Object.entries(
      stringData as Record<string, unknown>,
    )) {
      if (v !== null && v !== undefined) out[k] = String(v);
    }
  }
  return out;
}

/**
 * Substitutes `vars` into every resource not opted out by the
 * `kustomize.toolkit.fluxcd.io/substitute: disabled` label or annotation.
 * With no variables at all nothing is substituted (as Flux). A failure (bad
 * variable name, malformed expression, invalid YAML after substitution) fails
 * the whole Kustomization: `ok` is false and a problem explains why.
 */
export function substituteResources(
  resources: BuiltResource[],
  vars: Map<string, string>,
  declaredAt: SourceRef,
  kustomizationId: string,
  quoted: (r: BuiltResource) => Set<string> = () => new Set(),
  secretVars: ReadonlySet<string> = new Set(),
): {
  resources: BuiltResource[];
  problems: Omit<Problem, 'cluster'>[];
  ok: boolean;
} {
  if (vars.size === 0) return { resources, problems: [], ok: true };
  const fail = (file: string, line: number, message: string) => ({
    resources: [],
    problems: [
      {
        severity: 'error' as const,
        rule: 'substitution-failed',
        file,
        line,
        message,
      },
    ],
    ok: false,
  });
  for (const name of vars.keys()) {
    if (!VAR_NAME.test(name)) {
      return fail(
        declaredAt.file,
        declaredAt.line,
        `Flux Kustomization ${kustomizationId}: variable name '${name}' is invalid (must match ^[_a-zA-Z][_a-zA-Z0-9]*$); Flux does not apply it.`,
      );
    }
  }
  const out: BuiltResource[] = [];
  for (const r of resources) {
    const meta = r.object.metadata;
    if (
      meta?.labels?.[SUBSTITUTE_KEY] === 'disabled' ||
      meta?.annotations?.[SUBSTITUTE_KEY] === 'disabled'
    ) {
      out.push(r);
      continue;
    }
    let text: string;
    try {
      text = envsubst(toYaml(r.object, quoted(r)), name => vars.get(name));
    } catch (e) {
      const reason = e instanceof EnvsubstError ? e.message : String(e);
      return fail(
        r.source.file,
        r.source.line,
        `Flux Kustomization ${kustomizationId}: variable substitution failed in ${r.object.kind}/${meta?.name}: ${reason}.`,
      );
    }
    let object: unknown;
    try {
      object = parseBounded(text);
    } catch (e) {
      return fail(
        r.source.file,
        r.source.line,
        `Flux Kustomization ${kustomizationId}: ${r.object.kind}/${
          meta?.name
        } is not valid YAML after substitution: ${
          (e as Error).message.split('\n')[0]
        }.`,
      );
    }
    if (!object || typeof object !== 'object' || Array.isArray(object)) {
      return fail(
        r.source.file,
        r.source.line,
        `Flux Kustomization ${kustomizationId}: ${r.object.kind}/${meta?.name} is not an object after substitution.`,
      );
    }
    const done: BuiltResource = { ...r, object: object as KObject };
    if (secretVars.size > 0)
      markSecretSubstitutions(r.object, done, vars, secretVars);
    out.push(done);
  }
  return { resources: out, problems: [], ok: true };
}

/**
 * Records on `done` (the substituted `before`) every string field that
 * reads a variable of a Secret, whatever the expression (`${PW}`,
 * `${PW:0:3}`, `${#PW}`): the whole field, as for kustomize's copies
 * (secretCopies.ts). A field is found at the path it had before, which
 * substitution keeps: values are substituted in scalars.
 */
function markSecretSubstitutions(
  before: unknown,
  done: BuiltResource,
  vars: Map<string, string>,
  secretVars: ReadonlySet<string>,
  path: (string | number)[] = [],
): void {
  if (typeof before === 'string') {
    if (!before.includes('$')) return;
    let secret = false;
    try {
      envsubst(before, name => {
        if (secretVars.has(name)) secret = true;
        return vars.get(name);
      });
    } catch {
      secret = [...secretVars].some(name => before.includes(name));
    }
    if (secret) markSecretCopy(done, path);
    return;
  }
  if (Array.isArray(before))
    before.forEach((v, i) =>
      markSecretSubstitutions(v, done, vars, secretVars, [...path, i]),
    );
  else if (isRecord(before))
    for (const [k, v] of Object.entries(before))
      markSecretSubstitutions(v, done, vars, secretVars, [...path, k]);
}
