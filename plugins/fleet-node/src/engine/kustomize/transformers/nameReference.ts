/*
 * kustomize's name reference transformer (api/internal/accumulator
 * namereferencetransformer.go, api/filters/nameref): after names changed
 * (prefix, suffix, namespace, hash), rewrite every field that refers to a
 * resource by its old name.
 */
import { resIdOf, type ResId, type Resource } from '../resource';
import type { FieldSpec, TransformContext } from '../kustomization';
import { NAME_REFERENCE_SPECS, type BackReference } from './nameReferenceSpecs';
import {
  holderValue,
  setHolderValue,
  visitFieldSpec,
  type FieldHolder,
} from './walkFieldSpec';
import {
  effectiveNamespace,
  gvkSelected,
  idIsClusterScoped,
  idString,
  orgId,
  type AffixedResource,
} from './resIds';

type Obj = Record<string, unknown>;
const isMap = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** kustomize's SameEndingSubSlice. */
function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length > b.length ? [b, a] : [a, b];
  const diff = long.length - short.length;
  if (short.length === 0) return diff === 0;
  return short.every((s, i) => long[i + diff] === s);
}

function affixesEqual(a: Resource, b: Resource): boolean {
  const x = (a as AffixedResource).nameAffixes ?? {
    prefixes: [],
    suffixes: [],
  };
  const y = (b as AffixedResource).nameAffixes ?? {
    prefixes: [],
    suffixes: [],
  };
  return (
    sameEnding(x.prefixes, y.prefixes) && sameEnding(x.suffixes, y.suffixes)
  );
}

/** kustomize's SubsetThatCouldBeReferencedByResource. */
function referable(referrer: Resource, all: Resource[]): Resource[] {
  const rid = resIdOf(referrer);
  if (idIsClusterScoped(rid)) return all;
  const rbNamespaces = new Set<string>();
  if (
    referrer.object.kind === 'RoleBinding' &&
    Array.isArray(referrer.object.subjects)
  ) {
    for (const s of referrer.object.subjects) {
      if (
        isMap(s) &&
        s.kind === 'ServiceAccount' &&
        typeof s.namespace === 'string'
      )
        rbNamespaces.add(s.namespace);
    }
  }
  return all.filter(t => {
    const id = resIdOf(t);
    return (
      idIsClusterScoped(id) ||
      effectiveNamespace(id) === effectiveNamespace(rid) ||
      rbNamespaces.has(id.namespace)
    );
  });
}

class Referrer {
  constructor(
    private readonly referrer: Resource,
    private readonly spec: FieldSpec,
    private readonly target: BackReference,
    private readonly candidates: Resource[],
    private readonly errors: string[],
  ) {}

  run(): void {
    visitFieldSpec(this.referrer.object, { path: this.spec.path }, h =>
      this.set(h),
    );
  }

  private set(h: FieldHolder): void {
    const v = holderValue(h);
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        if (isMap(e)) this.setMapping(e);
        else if (e !== null && typeof e !== 'object')
          this.setScalar({ parent: v, key: i });
      });
    } else if (isMap(v)) this.setMapping(v);
    else this.setScalar(h);
  }

  private setScalar(h: FieldHolder): void {
    const old = String(holderValue(h));
    const referral = this.select(old, this.candidates, rs =>
      rs.every(r => r.object.metadata?.name === rs[0].object.metadata?.name),
    );
    if (referral && referral.object.metadata?.name !== old)
      setHolderValue(h, referral.object.metadata?.name);
  }

  private setMapping(node: Obj): void {
    if (!('name' in node)) {
      this.errors.push(
        `path config error; no 'name' field in node at '${this.spec.path}'`,
      );
      return;
    }
    let cands = this.candidates;
    if ('namespace' in node) {
      // as kustomize's GroupedByOriginalNamespace / GroupedByCurrentNamespace: keyed by effective namespace
      const ns = String(node.namespace);
      const inNs = (id: ResId) =>
        !idIsClusterScoped(id) && effectiveNamespace(id) === ns;
      const byOrg = cands.filter(r => inNs(orgId(r)));
      cands = byOrg.length ? byOrg : cands.filter(r => inNs(resIdOf(r)));
    }
    const old = String(node.name);
    const referral = this.select(old, cands, rs =>
      rs.every(
        r =>
          r.object.metadata?.name === rs[0].object.metadata?.name &&
          (r.object.metadata?.namespace ?? '') ===
            (rs[0].object.metadata?.namespace ?? ''),
      ),
    );
    if (!referral) return;
    const ns = referral.object.metadata?.namespace ?? '';
    if (referral.object.metadata?.name === old && ns === '') return;
    node.name = referral.object.metadata?.name;
    // as kustomize: an empty namespace is a wildcard, never written over "default"
    if (ns !== '') node.namespace = ns;
  }

  /** kustomize's selectReferral. */
  private select(
    oldName: string,
    candidates: Resource[],
    identical: (rs: Resource[]) => boolean,
  ): Resource | undefined {
    let c = candidates.filter(r => r.prevIds.some(id => id.name === oldName));
    c = c.filter(r => r.prevIds.some(id => gvkSelected(id, this.target)));
    c = c.filter(this.roleRefSieve());
    c = c.filter(this.sameNamespaceSieve());
    if (c.length === 1) return c[0];
    c = c.filter(r => affixesEqual(r, this.referrer));
    if (c.length === 1) return c[0];
    if (c.length === 0) return undefined;
    if (identical(c)) return c[0];
    this.errors.push(
      `found multiple possible referrals for '${oldName}': ${c
        .map(r => idString(resIdOf(r)))
        .join(', ')}`,
    );
    return undefined;
  }

  private roleRefSieve(): (r: Resource) => boolean {
    const roleRef = this.referrer.object.roleRef;
    if (!this.spec.path.endsWith('roleRef/name') || !isMap(roleRef))
      return () => true;
    if (
      roleRef.apiGroup === undefined ||
      roleRef.apiGroup === null ||
      roleRef.kind === undefined ||
      roleRef.kind === null
    ) {
      return () => true;
    }
    const sel = { group: String(roleRef.apiGroup), kind: String(roleRef.kind) };
    return r => r.prevIds.some(id => gvkSelected(id, sel));
  }

  private sameNamespaceSieve(): (r: Resource) => boolean {
    const rid = resIdOf(this.referrer);
    if (idIsClusterScoped(rid)) return () => true;
    return r => {
      const id = resIdOf(r);
      // as kustomize: cluster-scoped referrals and ServiceAccounts (bound across namespaces) pass
      return (
        idIsClusterScoped(id) ||
        id.kind === 'ServiceAccount' ||
        effectiveNamespace(id) === effectiveNamespace(rid)
      );
    };
  }
}

/**
 * Rewrites name references in every resource to the current names of the
 * resources they refer to, using kustomize's builtin nameReference
 * configuration, its candidate narrowing (previous names, kind, roleRef,
 * namespace, prefixes/suffixes) and its ambiguity rule. Referrers are chosen
 * by their original kind. Called once at the top level after
 * applyHashSuffixes. Resources are changed in place; ambiguities are reported.
 */
export function fixNameReferences(
  resources: Resource[],
  ctx: TransformContext,
): Resource[] {
  const orgIds: ResId[] = resources.map(orgId);
  for (const backRef of NAME_REFERENCE_SPECS) {
    for (const spec of backRef.referrers) {
      resources.forEach((r, i) => {
        if (!gvkSelected(orgIds[i], spec)) return;
        const errors: string[] = [];
        new Referrer(r, spec, backRef, referable(r, resources), errors).run();
        for (const e of errors) {
          ctx.sink.report({
            severity: 'error',
            rule: 'name-reference',
            file: r.source.file,
            line: r.source.line,
            message: `updating name reference in '${
              spec.path
            }' field of ${idString(resIdOf(r))}: ${e}`,
          });
        }
      });
    }
  }
  return resources;
}
