/*
 * Types of the engine's YAML readers: the bounds applied to untrusted
 * input, the fast reader's documents and the Kubernetes documents of a file.
 */
import type { KObject, Problem } from '../core/types';

/** Bounds applied while parsing untrusted YAML. */
export interface YamlLimits {
  /** Largest file accepted, in characters. Default 5 MB. */
  maxBytes: number;
  /** yaml's maxAliasCount: bounds alias expansion. Default 100. */
  maxAliasCount: number;
  /** Deepest nesting of maps and sequences accepted. Default 100. */
  maxDepth: number;
}

/** One Kubernetes object of a file and the 1-based line where its document (or List item) starts. */
export interface YamlDoc {
  object: KObject;
  line: number;
}

/** Result of {@link parseYamlDocuments}; problems carry `cluster: null`. */
export interface ParsedYamlDocuments {
  docs: YamlDoc[];
  problems: Problem[];
}

/** One document: its JSON value and the 1-based line of its content (0 when empty). */
export interface FastDocument {
  value: unknown;
  line: number;
  /** Lines of the entries of a top-level `items:` sequence (for List kinds). */
  itemLines: number[];
}

/** Options of {@link fastParseAll}. */
export interface FastParseOptions {
  maxDepth: number;
  /** Receives the line of every map key and sequence item by dotted path (first document only). */
  lines?: Map<string, number>;
}
