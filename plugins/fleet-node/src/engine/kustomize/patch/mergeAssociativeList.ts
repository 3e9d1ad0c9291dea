/*
 * Merging of lists with a merge strategy, ported from kyaml's
 * walk/associative_sequence.go and the ElementSetter / ElementMatcher filters
 * (kustomize v5.5, ListIncreaseDirection = prepend). The port is literal on
 * purpose: kustomize's observable quirks come from these exact steps — patch
 * elements first, then the remaining target elements; multi-key lists
 * (container ports: containerPort + protocol) matched only on the keys some
 * element sets; empty elements dropped.
 */
import { StrategicMergeError } from './strategicMergeError';
import {
  type MapNode,
  type Node,
  isEmptyMap,
  isMissingOrNull,
  scalarText,
} from './yamlNodes';
import { isRecord } from '../../core/records';

/** Merges one pair of elements (dest, patch); undefined/null deletes the element. */
export type ElementWalker = (dest: Node, origin: Node) => Node;

/** As kyaml FieldMatcher{Name, StringValue}: '' only asks for the field to be present. */
function fieldMatches(elem: Node, name: string, value: string): boolean {
  if (isMissingOrNull(elem)) return false;
  if (name === '') {
    if (isRecord(elem) || Array.isArray(elem)) {
      throw new StrategicMergeError(
        'a primitive list holds a non-scalar element',
      );
    }
    return scalarText(elem) === value;
  }
  if (!isRecord(elem))
    throw new StrategicMergeError(
      `a list keyed by ${name} holds a non-map element`,
    );
  if (!Object.prototype.hasOwnProperty.call(elem, name)) return false;
  return value === '' || scalarText(elem[name]) === value;
}

/**
 * As kyaml ElementSetter: replaces every element matching keys=values with
 * `element` (or removes them when element is undefined), appends it when
 * nothing matched, and drops empty elements on the way.
 */
export function elementSetter(
  list: Node[],
  element: Node,
  keys: string[],
  values: string[],
): void {
  const ks = keys.length === 0 ? [''] : keys;
  const mappingSetter = ks[0] !== '' && values.length > 0 && values[0] !== '';
  const next: Node[] = [];
  let matched = false;
  for (const elem of list) {
    if (isMissingOrNull(elem) || isEmptyMap(elem)) continue;
    if (!isRecord(elem) && mappingSetter) {
      next.push(elem);
      continue;
    }
    let found = false;
    for (let j = 0; j < ks.length; j++) {
      // as kyaml: a key without a value reuses the previous key's result
      if (j < values.length) found = fieldMatches(elem, ks[j], values[j]);
      if (!found) break;
    }
    if (!found) {
      if (values.length > 0) next.push(elem);
      continue;
    }
    matched = true;
    if (element !== undefined) next.push(element);
  }
  list.splice(0, list.length, ...next);
  if (isMissingOrNull(element)) return;
  if (!matched) list.push(element);
}

/** As kyaml ElementMatcher (MatchElementList): the first element whose keys equal the values. */
export function elementList(
  list: Node,
  keys: string[],
  values: string[],
): Node {
  if (!Array.isArray(list)) return undefined;
  const ks = keys.length === 0 ? [''] : keys;
  const vs = values.length === 0 ? [''] : values;
  if (ks[0] === '') return list.find(e => scalarText(e) === vs[0]);
  for (const elem of list) {
    if (!isRecord(elem)) continue;
    const all = ks.every(
      (k, i) =>
        Object.prototype.hasOwnProperty.call(elem, k) &&
        scalarText(elem[k]) === vs[i],
    );
    if (all) return elem;
  }
  return undefined;
}

/** As kyaml ElementValuesList: each element's key values, '' when unset. */
export function elementValuesList(list: Node, keys: string[]): string[][] {
  if (!Array.isArray(list)) return [];
  return list.map(e => keys.map(k => (isRecord(e) ? scalarText(e[k]) : '')));
}

function match(a: string[], b: string[]): string[] | undefined {
  if (a.length !== b.length) return undefined;
  let common = false;
  const res: string[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) {
      common = true;
      res.push(a[i]);
    } else if (a[i] !== '' && b[i] !== '') {
      return undefined;
    } else {
      res.push(a[i] !== '' ? a[i] : b[i]);
    }
  }
  return common ? res : undefined;
}

/** As kyaml mergeValues: key tuples differing only by unset keys become one. */
function mergeValues(list: string[][]): void {
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    for (let j = 0; j < list.length; j++) {
      const merged = match(a, list[j]);
      if (merged) {
        list[i] = merged;
        list[j] = merged;
      }
    }
  }
}

/** The keys some element sets (kyaml validateKeys' validKeySet). */
function keysInUse(all: string[][], keys: string[]): Set<string> {
  const set = new Set<string>();
  for (const vs of all) vs.forEach((v, i) => v !== '' && set.add(keys[i]));
  return set;
}

/** As kyaml validateKeys: only the keys some element sets take part in matching. */
export function validateKeys(
  set: Set<string>,
  values: string[],
  keys: string[],
): [string[], string[]] {
  if (set.size === 0) return [keys, values];
  if (set.size === keys.length) return [keys, values];
  return [
    keys.filter(k => set.has(k)),
    values.filter((v, i) => v !== '' || set.has(keys[i])),
  ];
}

/** As kyaml appendListNode: puts src's elements into dst by key. */
function appendListNode(dst: Node[], src: Node[], keys: string[]): Node[] {
  for (const elem of [...src]) {
    if (keys[0] === '') {
      elementSetter(dst, elem, [''], [scalarText(elem)]);
      continue;
    }
    const v: string[] = [];
    for (const key of keys) {
      if (!isRecord(elem) || !Object.prototype.hasOwnProperty.call(elem, key)) {
        dst.push(elem);
        continue;
      }
      v.push(scalarText((elem as MapNode)[key]));
    }
    if (keys.length > 1) elementSetter(dst, undefined, keys, v);
    elementSetter(dst, elem, keys, v);
  }
  return dst;
}

/**
 * As kyaml setAssociativeSequenceElements: merges the patch list `origin`
 * into `dest` element by element; returns the new list.
 */
export function setAssociativeSequenceElements(
  valuesList: string[][],
  keys: string[],
  dest: Node[],
  origin: Node,
  walkElement: ElementWalker,
): Node[] {
  const items: Node[] = [];
  if (keys.length > 1) mergeValues(valuesList);
  const inUse = keysInUse(valuesList, keys);
  let validKeys: string[] = keys;
  let validValues: string[] = [];
  for (const values of valuesList) {
    if (values.length === 0) continue;
    [validKeys, validValues] = validateKeys(inUse, values, keys);
    const [k2, v2] = validateKeys(
      keysInUse([validValues], validKeys),
      validValues,
      validKeys,
    );
    const val = walkElement(
      elementList(dest, k2, v2),
      elementList(origin, k2, v2),
    );
    if (isMissingOrNull(val) || isEmptyMap(val)) {
      elementSetter(dest, undefined, validKeys, validValues);
      continue;
    }
    if (isRecord(val)) {
      for (let i = 0; i < validKeys.length; i++) {
        if (!(validKeys[i] in val) && validValues[i] !== '')
          val[validKeys[i]] = validValues[i];
      }
    }
    elementSetter(items, val, validKeys, validValues);
  }
  return valuesList.length > 0 ? appendListNode(items, dest, validKeys) : dest;
}

/** As kyaml elementValues (prepend): key tuples of the patch's elements, then the target's. */
export function elementValues(
  dest: Node,
  origin: Node,
  keys: string[],
): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const src of [origin, dest]) {
    for (const vs of elementValuesList(src, keys)) {
      const id = JSON.stringify(vs);
      if (vs.length === 0 || seen.has(id)) continue;
      out.push(vs);
      seen.add(id);
    }
  }
  return out;
}

/** As kyaml elementPrimitiveValues (prepend): distinct scalar values, patch first. */
export function elementPrimitiveValues(dest: Node, origin: Node): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const src of [origin, dest]) {
    if (!Array.isArray(src)) continue;
    for (const item of src) {
      const v = scalarText(item);
      if (seen.has(v)) continue;
      out.push([v]);
      seen.add(v);
    }
  }
  return out;
}
