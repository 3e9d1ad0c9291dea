/*
 * Strategic merge patch as kustomize v5.5 applies it: a port of kyaml's
 * merge2.Merge (walk.Walker + merge2.Merger) with the prepend list direction
 * of api/filters/patchstrategicmerge. Deliberately not apimachinery's
 * strategicpatch: kustomize never used it for builds, and the two differ
 * (kyaml has no $retainKeys, $setElementOrder or $deleteFromPrimitiveList; it
 * puts patch elements first; it replaces every list of a type it has no
 * schema for, CRDs included).
 *
 * One shortcut: kyaml walks the whole target even where the patch says
 * nothing; here such a subtree is returned as is unless its schema holds a
 * merge list (kyaml re-keys those: duplicate keys collapse). The only case
 * this differs is a typed object embedded under a field without schema,
 * which kyaml would look up by its own apiVersion/kind.
 */
import type { KObject } from '../../core/types';
import {
  elementPrimitiveValues,
  elementSetter,
  elementValues,
  setAssociativeSequenceElements,
} from './mergeAssociativeList';
import {
  type MergeSchema,
  hasMergeLists,
  isMergeList,
  schemaForType,
} from './mergeKeys';
import { StrategicMergeError } from './strategicMergeError';
import {
  type MapNode,
  type Node,
  cloneJson,
  isMissingOrNull,
  kindOf,
  scalarText,
} from './yamlNodes';
import { isRecord } from '../../core/records';

/** A target field that is null and absent from the patch: kept as null (kyaml VisitMap). */
const KEEP_NULL = Symbol('keep-null');

/** Field names from the root to the node being merged; joined only for error messages. */
const pathStack: string[] = [];
const currentPath = (): string => `/${pathStack.join('/')}`;

type Directive = 'merge' | 'replace' | 'delete';

function checkDirective(v: string): Directive {
  if (v === 'merge' || v === 'replace' || v === 'delete') return v;
  throw new StrategicMergeError(
    `unknown patch strategy '${v}' at ${currentPath()}`,
  );
}

/** As kyaml determineMappingNodePatchStrategy: reads and removes `$patch` from a patch map. */
function mapDirective(origin: MapNode): Directive {
  if (!Object.prototype.hasOwnProperty.call(origin, '$patch')) return 'merge';
  const d = checkDirective(scalarText(origin.$patch));
  delete origin.$patch;
  return d;
}

/** As kyaml determineSequenceNodePatchStrategy: a `- $patch: x` element alone in its map. */
function seqDirective(origin: Node[]): Directive {
  const elem = origin.find(
    e => isRecord(e) && Object.prototype.hasOwnProperty.call(e, '$patch'),
  );
  if (!isRecord(elem) || Object.keys(elem).length > 1) return 'merge';
  const v = scalarText(elem.$patch);
  const d = checkDirective(v);
  elementSetter(origin, undefined, ['$patch'], [v]);
  return d;
}

function schemaOfMeta(n: Node): MergeSchema | undefined {
  return isRecord(n) ? schemaForType(n.apiVersion, n.kind) : undefined;
}

function walk(dest: Node, origin: Node, schema: MergeSchema | undefined): Node {
  // as kyaml Walker.GetSchema: a node without a schema may carry its own apiVersion/kind
  const s = schema ?? schemaOfMeta(dest) ?? schemaOfMeta(origin);
  if (origin === undefined && !hasMergeLists(s)) {
    // nothing from the patch and no merge list below: kyaml's walk would return the target as is
    return dest === null ? KEEP_NULL : dest;
  }
  const destPresent = !isMissingOrNull(dest);
  const originPresent = !isMissingOrNull(origin);
  if (!destPresent && !originPresent)
    return origin === undefined && dest === null ? KEEP_NULL : undefined;
  const kind = kindOf(destPresent ? dest : origin);
  if (destPresent && originPresent && kindOf(origin) !== kind) {
    throw new StrategicMergeError(
      `cannot merge a ${kindOf(
        origin,
      )} from the patch into a ${kind} at ${currentPath()}`,
    );
  }
  if (kind === 'map') return walkMap(dest, origin, s);
  if (kind === 'seq' && isMergeList(s)) return walkMergeList(dest, origin, s!);
  // scalars and lists without a merge strategy: the patch's value wins (null clears)
  return origin !== undefined ? origin : dest;
}

function walkMap(dest: Node, origin: Node, s: MergeSchema | undefined): Node {
  let d: MapNode;
  if (isMissingOrNull(dest)) {
    if (mapDirective(origin as MapNode) === 'delete') return undefined;
    d = origin as MapNode;
  } else {
    if (origin === null) return undefined;
    const directive = isRecord(origin) ? mapDirective(origin) : 'merge';
    if (directive === 'delete') return undefined;
    d = directive === 'replace' ? (origin as MapNode) : (dest as MapNode);
  }
  const o = isRecord(origin) ? origin : undefined;
  for (const name of fieldNames(d, o, s)) {
    pathStack.push(name);
    const child = walk(d[name], o?.[name], s?.fields?.[name]);
    pathStack.pop();
    if (child === undefined || child === null) delete d[name];
    else d[name] = child === KEEP_NULL ? null : child;
  }
  return d;
}

/**
 * The fields walkMap visits: as kyaml, all of both maps in sorted order (new
 * fields are appended in that order); without a patch map only the fields
 * whose schema holds a merge list, since no other field can change.
 */
function fieldNames(
  d: MapNode,
  o: MapNode | undefined,
  s: MergeSchema | undefined,
): string[] {
  if (!o) {
    return Object.keys(s?.fields ?? {}).filter(
      k =>
        Object.prototype.hasOwnProperty.call(d, k) &&
        hasMergeLists(s!.fields![k]),
    );
  }
  const names = new Set(Object.keys(d));
  if (o !== d) for (const k of Object.keys(o)) names.add(k);
  return [...names].sort();
}

/** True when kyaml's list merge would give back the target list itself: keys unique and set. */
function keyedUniquely(list: Node[], keys: string[]): boolean {
  if (keys.length > 1) return false;
  const seen = new Set<string>();
  for (const e of list) {
    let v: string;
    if (keys.length === 0) {
      if (typeof e === 'object' || e === undefined) return false;
      v = scalarText(e);
    } else {
      if (!isRecord(e) || !Object.prototype.hasOwnProperty.call(e, keys[0]))
        return false;
      v = scalarText(e[keys[0]]);
    }
    if (v === '' || seen.has(v)) return false;
    seen.add(v);
  }
  return true;
}

function walkMergeList(dest: Node, origin: Node, s: MergeSchema): Node {
  let d: Node[];
  if (isMissingOrNull(dest)) {
    d = origin as Node[];
  } else {
    if (origin === null) return undefined;
    const directive = Array.isArray(origin) ? seqDirective(origin) : 'merge';
    if (directive === 'delete') return undefined;
    d = (directive === 'replace' ? origin : dest) as Node[];
  }
  const walkElement = (a: Node, b: Node): Node => {
    pathStack.push('[]');
    const r = walk(a, b, s.items);
    pathStack.pop();
    return r === KEEP_NULL ? null : r;
  };
  const keys = s.keys ?? [];
  if (origin === undefined && keyedUniquely(d, keys))
    return d.map(e => walkElement(e, undefined));
  const values = elementValues(d, origin, keys);
  if (values.length > 0 || keys.length > 0) {
    return setAssociativeSequenceElements(values, keys, d, origin, walkElement);
  }
  return setAssociativeSequenceElements(
    elementPrimitiveValues(d, origin),
    [''],
    d,
    origin,
    walkElement,
  );
}

/**
 * Applies a strategic merge patch to an object the way kustomize v5.5 does
 * (kyaml merge2 with its v1.21.2 OpenAPI merge keys). Neither argument is
 * modified. Returns the merged object, or null when the patch deletes it
 * (`$patch: delete` at the top, or nothing left). Name, namespace and kind
 * are merged like any field: restoring them is the caller's business, as in
 * kustomize's Resource.ApplySmPatch.
 *
 * @throws StrategicMergeError when kustomize would fail: a patch value of
 * another type than the target's (map vs list vs scalar), or an unknown
 * `$patch` directive.
 */
export function strategicMerge(
  target: KObject,
  patch: KObject,
): KObject | null {
  pathStack.length = 0;
  const result = walk(cloneJson(target), cloneJson(patch), undefined);
  return isRecord(result) && Object.keys(result).length > 0
    ? (result as KObject)
    : null;
}
