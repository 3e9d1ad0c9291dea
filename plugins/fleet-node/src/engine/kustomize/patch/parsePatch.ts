/*
 * Tells a strategic merge patch from a JSON 6902 patch the way kustomize's
 * PatchTransformer.Config does: it tries both readings and keeps the one that
 * parses. JSON 6902 is a list of operation objects (JSON when the text starts
 * with `[`, else YAML); a strategic merge patch is one or more YAML documents,
 * each an object with a kind and a metadata.name.
 */
import { parse } from 'yaml';
import type { KObject, Problem, RepoPath } from '../../core/types';
import {
  DEFAULT_YAML_LIMITS,
  fastParseAll,
  firstYaml11Value,
  parseYamlDocuments,
  type FastDocument,
} from '../../yaml';
import type { Json6902Op } from './json6902';
import { isRecord } from '../../core/records';

/** A strategic merge patch document and the line where it starts (in its file). */
export interface SmpDoc {
  object: KObject;
  line: number;
}

/** What a patch text holds. */
export type ParsedPatch =
  | { type: 'smp'; docs: SmpDoc[] }
  | { type: 'json6902'; ops: Json6902Op[] }
  | { type: 'invalid'; problems: Omit<Problem, 'cluster'>[] };

function jsonOps(value: unknown): Json6902Op[] | undefined {
  return Array.isArray(value) && value.every(isRecord)
    ? (value as Json6902Op[])
    : undefined;
}

/**
 * Whether the first non-null document the fast reader produced is a list.
 * Null-ness and structure are the same under YAML 1.1 and yaml.v3, so this
 * agrees with the YAML 1.1 reading on whether a list comes first.
 */
function firstIsList(docs: FastDocument[]): boolean {
  const first = docs.find(d => d.value !== null && d.value !== undefined);
  return Array.isArray(first?.value);
}

/** Parsed patches by file, line and text: overlays repeat the same patch across clusters. */
const cache = new Map<string, ParsedPatch>();
const CACHE_LIMIT = 5000;

/**
 * Reads a patch text. `file` names where problems are reported: the patch
 * file, or the kustomization file for inline patches (then `line` is the
 * entry's line and document lines are not used). Results are memoized and
 * shared: callers must not modify the returned documents or operations.
 */
export function parsePatch(
  text: string,
  file: RepoPath,
  inlineLine?: number,
): ParsedPatch {
  const key = `${file}\0${inlineLine ?? ''}\0${text}`;
  let parsed = cache.get(key);
  if (!parsed) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    parsed = readPatchText(text, file, inlineLine);
    cache.set(key, parsed);
  }
  return parsed.type === 'invalid'
    ? { type: 'invalid', problems: parsed.problems.map(p => ({ ...p })) }
    : parsed;
}

function readPatchText(
  text: string,
  file: RepoPath,
  inlineLine?: number,
): ParsedPatch {
  const lineOf = (l: number | null) => inlineLine ?? l ?? 1;
  const where =
    inlineLine !== undefined
      ? `the inline patch at ${file}:${inlineLine}`
      : file;
  const invalid = (
    message: string,
    line: number | null = null,
  ): ParsedPatch => ({
    type: 'invalid',
    problems: [
      {
        severity: 'error',
        rule: 'patch-invalid',
        file,
        line: lineOf(line),
        message,
      },
    ],
  });
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    // as kustomize jsonPatchFromBytes: text starting with `[` is decoded as strict JSON
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      try {
        value = parse(trimmed);
      } catch {
        value = undefined;
      }
      const hint = jsonOps(value)
        ? ' (kustomize reads a patch starting with "[" as strict JSON)'
        : '';
      return invalid(
        `${where} is neither a strategic merge patch nor a JSON 6902 patch${hint}.`,
      );
    }
    const ops = jsonOps(value);
    return ops
      ? { type: 'json6902', ops }
      : invalid(
          `${where} is a JSON value but not a list of JSON 6902 operations.`,
        );
  }
  // the fast reader settles whether the first document is a list; only a list needs the YAML 1.1 reading
  const fast = fastParseAll(text, { maxDepth: DEFAULT_YAML_LIMITS.maxDepth });
  const first = fast && !firstIsList(fast) ? undefined : firstYaml11Value(text);
  if (Array.isArray(first)) {
    const ops = jsonOps(first);
    return ops
      ? { type: 'json6902', ops }
      : invalid(`${where} is a list but not a list of JSON 6902 operations.`);
  }
  const parsed = parseYamlDocuments(file, text, {}, fast);
  if (parsed.problems.length > 0) {
    return {
      type: 'invalid',
      problems: parsed.problems.map(({ cluster: _cluster, ...p }) => ({
        ...p,
        rule: 'patch-invalid',
        line: lineOf(p.line),
        message: `${where} is neither a strategic merge patch nor a JSON 6902 patch: ${p.message}`,
      })),
    };
  }
  return { type: 'smp', docs: parsed.docs };
}

/** Directives of apimachinery's strategic merge that kustomize (kyaml) does not implement. */
const UNSUPPORTED_DIRECTIVES = [
  '$setElementOrder/',
  '$deleteFromPrimitiveList/',
  '$retainKeys',
];

/** The first directive key kyaml would copy literally into the output, if any. */
export function unsupportedDirective(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      // one by one: spreading a hostile list of 200k items overflows the stack
      for (const item of v) stack.push(item);
    } else if (isRecord(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (UNSUPPORTED_DIRECTIVES.some(d => k.startsWith(d))) return k;
        stack.push(child);
      }
    }
  }
  return undefined;
}
