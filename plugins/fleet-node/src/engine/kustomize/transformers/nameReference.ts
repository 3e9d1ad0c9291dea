/*
 * kustomize's name reference transformer (api/internal/accumulator
 * namereferencetransformer.go, api/filters/nameref): after names changed
 * (prefix, suffix, namespace, hash), rewrite every field that refers to a
 * resource by its old name.
 */
import { resIdOf } from '../../core/resId';
import { type Resource } from '../types';
import type { FieldSpec, TransformContext } from '../types';
import { NAME_REFERENCE_SPECS, type BackReference } from './nameReferenceSpecs';
import {
  holderValue,
  setHolderValue,
  visitFieldSpec,
  type FieldHolder,
} from './walkFieldSpec';
import { gvkSelected, idString, type AffixedResource } from './resIds';
import {
  ReferralIndex,
  mayHoldAt,
  referableFrom,
  scopeOf,
  type IndexedResource,
  type ReferrerScope,
} from './referralIndex';
import { isRecord } from '../../core/records';
import { mergeNameReferences } from './transformerConfig';
import { own } from '../../core/sharedObjects';

type Obj = Record<string, unknown>;

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

type Candidate = (t: IndexedResource) => boolean;

class Referrer {
  private readonly referrer: Resource;
  private scopeMemo?: ReferrerScope;
  /** Set while a first pass only looks: it notes a write instead of making it. */
  private dry?: { wrote: boolean };

  constructor(
    private readonly entry: IndexedResource,
    private readonly spec: FieldSpec,
    private readonly target: BackReference,
    private readonly index: ReferralIndex,
    private errors: string[],
  ) {
    this.referrer = entry.resource;
  }

  /**
   * The referrer's scope, computed at the first lookup: before this
   * referrer wrote anything, so as kustomize computing it up front.
   */
  private get scope(): ReferrerScope {
    this.scopeMemo = this.scopeMemo ?? scopeOf(this.entry);
    return this.scopeMemo;
  }

  private readonly referable: Candidate = t => referableFrom(this.scope, t);

  run(): void {
    // most referrers need no change: look first, so a shared object is copied only when written
    const dry = { wrote: false };
    this.dry = dry;
    // without a createKind the spec's create flag is ignored: look up only
    visitFieldSpec(
      this.referrer.object,
      this.spec,
      h => this.set(h),
      undefined,
      dry,
    );
    this.dry = undefined;
    if (!dry.wrote) return;
    // the same decisions again on the resource's own copy; the look already reported the errors
    const errors = this.errors;
    this.errors = [];
    own(this.referrer);
    // its own copy from now on: what the shared object held no longer decides
    this.entry.held = null;
    visitFieldSpec(this.referrer.object, this.spec, h => this.set(h));
    this.errors = errors;
  }

  private set(h: FieldHolder): void {
    const v = holderValue(h);
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        if (isRecord(e)) this.setMapping(e);
        else if (e !== null && typeof e !== 'object')
          this.setScalar({ parent: v, key: i });
      });
    } else if (isRecord(v)) this.setMapping(v);
    else this.setScalar(h);
  }

  private setScalar(h: FieldHolder): void {
    const old = String(holderValue(h));
    const referral = this.select(old, this.referable, rs =>
      rs.every(r => r.object.metadata?.name === rs[0].object.metadata?.name),
    );
    if (referral && referral.object.metadata?.name !== old) {
      if (this.dry) this.dry.wrote = true;
      else setHolderValue(h, referral.object.metadata?.name);
    }
  }

  private setMapping(node: Obj): void {
    if (!('name' in node)) {
      this.errors.push(
        `path config error; no 'name' field in node at '${this.spec.path}'`,
      );
      return;
    }
    let cands = this.referable;
    if ('namespace' in node) {
      // as kustomize's GroupedByOriginalNamespace / GroupedByCurrentNamespace: keyed by effective namespace
      const ns = String(node.namespace);
      const referable = this.referable;
      cands = this.index.someOriginallyIn(this.scope, ns)
        ? t => t.orgNs === ns && referable(t)
        : t => !t.cluster && t.ns === ns && referable(t);
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
    if (this.dry) {
      // writing the values already there changes nothing: no copy for that
      if (
        node.name !== referral.object.metadata?.name ||
        (ns !== '' && node.namespace !== ns)
      )
        this.dry.wrote = true;
      return;
    }
    node.name = referral.object.metadata?.name;
    // as kustomize: an empty namespace is a wildcard, never written over "default"
    if (ns !== '') node.namespace = ns;
  }

  /** kustomize's selectReferral. */
  private select(
    oldName: string,
    candidate: Candidate,
    identical: (rs: Resource[]) => boolean,
  ): Resource | undefined {
    // as kustomize, narrowed by previous name first: the index has them at hand
    const roleRef = this.roleRefSieve();
    const sameNs = this.sameNamespaceSieve();
    let c = this.index
      .withPreviousName(oldName)
      .filter(
        t =>
          candidate(t) &&
          t.resource.prevIds.some(id => gvkSelected(id, this.target)) &&
          roleRef(t.resource) &&
          sameNs(t),
      )
      .map(t => t.resource);
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
    if (!this.spec.path.endsWith('roleRef/name') || !isRecord(roleRef))
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

  private sameNamespaceSieve(): Candidate {
    const { cluster, ns } = this.entry;
    if (cluster) return () => true;
    // as kustomize: cluster-scoped referrals and ServiceAccounts (bound across namespaces) pass
    return t => t.cluster || t.id.kind === 'ServiceAccount' || t.ns === ns;
  }
}

/**
 * Rewrites name references in every resource to the current names of the
 * resources they refer to, using kustomize's builtin nameReference
 * configuration (plus `ctx.config`'s nameReference entries), its candidate narrowing (previous names, kind, roleRef,
 * namespace, prefixes/suffixes) and its ambiguity rule. Referrers are chosen
 * by their original kind. Called once at the top level after
 * applyHashSuffixes. Resources are changed in place; ambiguities are reported.
 */
export function fixNameReferences(
  resources: Resource[],
  ctx: TransformContext,
): Resource[] {
  const index = new ReferralIndex(resources);
  // as kustomize: the builtin nameReference config merged with every `configurations:` of the build
  const specs = mergeNameReferences(
    NAME_REFERENCE_SPECS,
    ctx.config?.nameReference ?? [],
  );
  for (const backRef of specs) {
    for (const spec of backRef.referrers) {
      for (const e of index.withOriginalKind(spec.kind)) {
        if (!gvkSelected(e.org, spec) || !mayHoldAt(e, spec.path)) continue;
        const errors: string[] = [];
        new Referrer(e, spec, backRef, index, errors).run();
        for (const err of errors) {
          const r = e.resource;
          ctx.sink.report({
            severity: 'error',
            rule: 'name-reference',
            file: r.source.file,
            line: r.source.line,
            message: `updating name reference in '${
              spec.path
            }' field of ${idString(resIdOf(r))}: ${err}`,
          });
        }
      }
    }
  }
  return resources;
}
