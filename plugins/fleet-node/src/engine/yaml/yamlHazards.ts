/*
 * Hostile YAML the `yaml` package parses without complaint but the engine
 * must not pass on: an anchor whose value holds an alias to itself (toJS
 * then returns a circular object, and every walk over it loops forever), and
 * the parser's own stack overflow on deep nesting, which it reports as a
 * parse error reading "Maximum call stack size exceeded". yaml.v3 refuses the
 * first ("anchor 'a' value contains itself"); kubectl v1.32 hangs or
 * overflows on it. Neither reaches a user as anything but a clear problem.
 */
import { isAlias, isCollection, parseDocument, visit } from 'yaml';
import type {
  Document,
  DocumentOptions,
  LineCounter,
  Node as YamlNode,
  ParseOptions,
  SchemaOptions,
} from 'yaml';

/** A hazard found in a parsed document: the rule to report and a sentence (without the file name). */
export interface YamlHazard {
  rule: 'yaml-alias-limit' | 'yaml-too-deep';
  line: number | null;
  message: string;
}

/**
 * The first anchor of `doc` whose value contains an alias to that anchor,
 * as a hazard; undefined when there is none. Call it only on a document
 * whose depth is already bounded: `visit` recurses.
 */
export function circularAnchor(
  doc: Document,
  lineCounter?: LineCounter,
): YamlHazard | undefined {
  let found: YamlHazard | undefined;
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (target && isCollection(target) && path.includes(target)) {
        const offset = alias.range?.[0];
        found = {
          rule: 'yaml-alias-limit',
          line:
            offset !== undefined && lineCounter
              ? lineCounter.linePos(offset).line
              : null,
          message: `anchor &${alias.source} contains an alias to itself, which would expand forever (yaml.v3: "anchor value contains itself")`,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * True when a document holds an alias at all; documents without one need no
 * {@link circularAnchor} walk.
 */
export function hasAlias(root: YamlNode | null): boolean {
  if (root === null) return false;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return true;
    if (isCollection(node)) {
      for (const item of node.items as unknown[]) {
        if (item && typeof item === 'object' && 'key' in item) {
          const pair = item as { key: unknown; value: unknown };
          stack.push(pair.key, pair.value);
        } else stack.push(item);
      }
    }
  }
  return false;
}

/** True when a parser error is the yaml package's own stack overflow on deep nesting. */
export function isStackOverflowMessage(message: string): boolean {
  return /Maximum call stack size exceeded|too much recursion/i.test(message);
}

/**
 * The words for a document the parser could not read because it nests too
 * deeply (callers add what was skipped): no stack trace or "Maximum call
 * stack" text reaches a user.
 */
export function tooDeepMessage(maxDepth: number): string {
  return `nests too deeply to be read (more than ${maxDepth} levels of maps, sequences or flow brackets are refused)`;
}

/**
 * `yaml`'s `parse` for untrusted text, bounded: throws an Error with a
 * sentence a person can act on for invalid YAML, nesting too deep for the
 * parser, an anchor that contains itself, or alias expansion over
 * `maxAliasCount` (default 100). Never returns a circular value.
 */
export function parseBounded(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions = {},
  maxAliasCount = 100,
): unknown {
  const doc = parseDocument(text, options);
  const error = doc.errors[0];
  if (error) {
    if (isStackOverflowMessage(error.message)) {
      const line = error.linePos?.[0].line;
      throw new Error(`${line ? `line ${line} ` : ''}${tooDeepMessage(100)}`);
    }
    throw error;
  }
  const hazard = aliasHazard(doc);
  if (hazard) throw new Error(hazard.message);
  return doc.toJS({ maxAliasCount });
}

/** Nodes an alias may add to a document, all aliases together (quadratic expansion). */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * A hazard when the aliases of `doc` expand to more than `max` nodes in
 * all: one large anchor referenced many times, which the `yaml` package's
 * `maxAliasCount` lets through (it weighs only aliases nested in aliases)
 * and kustomize expands without bound (kyaml's DeAnchor). Call it only on
 * a document without a circular anchor and with bounded depth.
 */
export function aliasExpansion(
  doc: Document,
  max = MAX_ALIAS_EXPANSION,
): YamlHazard | undefined {
  const sizes = new Map<unknown, number>();
  const size = (node: unknown): number => {
    if (isAlias(node)) return size(node.resolve(doc));
    if (!isCollection(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let n = 1;
    for (const item of node.items as unknown[]) {
      if (item && typeof item === 'object' && 'key' in item) {
        const pair = item as { key: unknown; value: unknown };
        n += size(pair.key) + size(pair.value);
      } else n += size(item);
      if (n > max) break;
    }
    sizes.set(node, n);
    return n;
  };
  let expanded = 0;
  let found: YamlHazard | undefined;
  visit(doc, {
    Alias(_key, alias) {
      expanded += size(alias.resolve(doc));
      if (expanded <= max) return undefined;
      found = {
        rule: 'yaml-alias-limit',
        line: null,
        message: `aliases expand to more than ${max} nodes (quadratic alias expansion)`,
      };
      return visit.BREAK;
    },
  });
  return found;
}

/** The first alias hazard of `doc` (circular anchor, then over-large expansion), if any. */
export function aliasHazard(
  doc: Document,
  lineCounter?: LineCounter,
): YamlHazard | undefined {
  if (!hasAlias(doc.contents)) return undefined;
  return circularAnchor(doc, lineCounter) ?? aliasExpansion(doc);
}
