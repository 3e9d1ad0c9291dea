/*
 * Finds and parses the kustomization file of a directory, as kustomize's
 * KustTarget.Load does: exactly one of the recognized file names, strict
 * fields (an unknown field is an error), EnforceFields on kind/apiVersion,
 * and FixKustomization folding of deprecated fields.
 */
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { RepoPath } from '../core/types';
import {
  aliasHazard,
  fastParseAll,
  goCustomTags,
  goLineBreaks,
  goTabHazard,
  isStackOverflowMessage,
  quotedMergeKeyLine,
  tooDeepMessage,
} from '../yaml';
import { dirnameOf, joinPath } from '../core/paths';
import type { SnapshotIndex } from '../core/snapshotIndex';
import type { Kustomization } from './types';
import type { ProblemSink } from './types';
import { readKustomizationFields } from './kustFields';

/** kustomize's konfig.RecognizedKustomizationFileNames, in its order. */
export const KUSTOMIZATION_FILE_NAMES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** A parsed kustomization file. */
export interface KustFile {
  file: RepoPath;
  dir: RepoPath;
  kustomization: Kustomization;
  /** The field path of each `resources` entry (`resources.N`, then `bases.N`, folded in by FixKustomization). */
  resourceFields: string[];
  /** Line of a dotted field path (`resources.2`); see TransformContext.lineOf. */
  lineOf(field: string): number;
}

/** The recognized kustomization files present in `dir` (more than one is an error for the caller). */
export function findKustomizationFiles(
  index: SnapshotIndex,
  dir: RepoPath,
): RepoPath[] {
  return KUSTOMIZATION_FILE_NAMES.map(n => joinPath(dir, n)).filter(p =>
    index.isFile(p),
  );
}

/**
 * The default bound of a kustomization file itself, in bytes
 * (`fleet.resolve.maxKustomizationBytes`): kustomize reads any size, but a
 * kustomization is a short list of entries, and one of many MB is an attack
 * on the parser (every entry becomes work for the build).
 */
export const DEFAULT_MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/** The UTF-8 size of `text`, over `max` or not, counting only when it may be. */
function overBytes(text: string, max: number): number | undefined {
  // a UTF-16 unit is at most 3 UTF-8 bytes, and at least one
  if (text.length * 3 <= max) return undefined;
  const bytes = Buffer.byteLength(text);
  return bytes > max ? bytes : undefined;
}

/**
 * Parses the kustomization file `file` with content `text`. Problems go to
 * `sink`; returns undefined when the file cannot be used at all (invalid
 * YAML, empty, not a mapping, wrong kind or apiVersion), as kustomize would
 * fail that directory.
 */
export function parseKustomizationFile(
  file: RepoPath,
  text: string,
  sink: ProblemSink,
  maxBytes: number = DEFAULT_MAX_KUSTOMIZATION_BYTES,
): KustFile | undefined {
  const fail = (rule: string, line: number | null, message: string) => {
    sink.report({ severity: 'error', rule, file, line, message });
    return undefined;
  };
  const bytes = overBytes(text, maxBytes);
  if (bytes !== undefined) {
    return fail(
      'file-too-large',
      null,
      `${file} is ${bytes} bytes, over the ${maxBytes}-byte limit of a kustomization file (fleet.resolve.maxKustomizationBytes); it was not read.`,
    );
  }
  // go-yaml's line breaks, tab rules and quoted `<<` keys (yaml/goLexical.ts)
  const goText = goLineBreaks(text);
  const tab = goTabHazard(goText);
  if (tab)
    return fail(
      'yaml-parse',
      tab.line,
      `${file}:${tab.line} is not valid YAML: it ${tab.message}.`,
    );
  const lines = new Map<string, number>();
  const fast = fastParseAll(goText, { maxDepth: 100, lines });
  let raw: unknown;
  if (fast && fast.length === 1) {
    raw = fast[0].value;
  } else {
    lines.clear();
    const lineCounter = new LineCounter();
    // kustomize reads the kustomization file with sigs.k8s.io/yaml (go-yaml
    // v2), which keeps the last of duplicate keys: kubectl builds such a file
    const doc = parseDocument(goText, {
      lineCounter,
      uniqueKeys: false,
      merge: true,
      customTags: goCustomTags,
    });
    if (doc.errors.length > 0) {
      const line = doc.errors[0].linePos?.[0].line ?? null;
      if (isStackOverflowMessage(doc.errors[0].message))
        return fail(
          'yaml-too-deep',
          line,
          `${file}${line ? `:${line}` : ''} ${tooDeepMessage(
            100,
          )}; the directory was skipped.`,
        );
      return fail(
        'yaml-parse',
        line,
        `${file}${line ? `:${line}` : ''} is not valid YAML: ${
          doc.errors[0].message.split('\n')[0]
        }`,
      );
    }
    const merge = quotedMergeKeyLine(doc, lineCounter);
    if (merge !== undefined)
      return fail(
        'yaml-parse',
        merge,
        `${file}:${merge} has a quoted "<<" key, which kustomize refuses in a kustomization file (it is read as a merge key once the file's fields are passed on); the directory was skipped.`,
      );
    const hazard = aliasHazard(doc, lineCounter);
    if (hazard)
      return fail(
        hazard.rule,
        hazard.line,
        `${file}${hazard.line ? `:${hazard.line}` : ''} ${
          hazard.message
        }; the directory was skipped.`,
      );
    try {
      raw = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return fail(
        'yaml-alias-limit',
        1,
        `${file} could not be expanded: ${(e as Error).message}`,
      );
    }
    if (doc.contents !== null)
      collectLines(doc.contents as YamlNode, '', lineCounter, lines, 0);
  }
  if (raw === null || raw === undefined) {
    // as kustomize: "kustomization.yaml is empty"
    return fail('invalid-kustomization', 1, `${file} is empty.`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return fail('invalid-kustomization', 1, `${file} is not a YAML mapping.`);
  }
  if (
    Object.entries(raw).every(
      ([key, v]) => key === 'apiVersion' || key === 'kind' || v === null,
    )
  ) {
    // as kustomize: a kustomization with nothing but its type (or only null fields) "is empty"
    return fail('invalid-kustomization', 1, `${file} is empty.`);
  }
  const lineOf = (field: string): number => {
    for (let f = field; ; ) {
      const line = lines.get(f);
      if (line !== undefined) return line;
      const i = f.lastIndexOf('.');
      if (i < 0) return 1;
      f = f.slice(0, i);
    }
  };
  const obj = raw as Record<string, unknown>;
  // as kustomize Kustomization.EnforceFields
  const kind = obj.kind ?? 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') {
    return fail(
      'invalid-kustomization',
      lineOf('kind'),
      `${file}: kind should be Kustomization or Component, not ${String(
        kind,
      )}.`,
    );
  }
  const required =
    kind === 'Component'
      ? 'kustomize.config.k8s.io/v1alpha1'
      : 'kustomize.config.k8s.io/v1beta1';
  if (obj.apiVersion !== undefined && obj.apiVersion !== required) {
    return fail(
      'invalid-kustomization',
      lineOf('apiVersion'),
      `${file}: apiVersion for ${kind} should be ${required}.`,
    );
  }
  const kustomization = readKustomizationFields(obj, {
    file,
    dir: dirnameOf(file),
    sink,
    lineOf,
  });
  kustomization.kind = kind;
  kustomization.apiVersion = required;
  const strings = (v: unknown) =>
    Array.isArray(v) && v.every(x => typeof x === 'string') ? v.length : 0;
  const resourceFields = [
    ...Array.from(
      { length: strings(obj.resources) },
      (_, i) => `resources.${i}`,
    ),
    ...Array.from({ length: strings(obj.bases) }, (_, i) => `bases.${i}`),
  ];
  return { file, dir: dirnameOf(file), kustomization, resourceFields, lineOf };
}

function collectLines(
  node: YamlNode,
  path: string,
  lc: LineCounter,
  out: Map<string, number>,
  depth: number,
): void {
  if (depth > 20) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (typeof key !== 'string') continue;
      const keyPath = path === '' ? key : `${path}.${key}`;
      const range = (pair.key as YamlNode).range;
      if (range) out.set(keyPath, lc.linePos(range[0]).line);
      if (pair.value)
        collectLines(pair.value as YamlNode, keyPath, lc, out, depth + 1);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const itemPath = `${path}.${i}`;
      const range = (item as YamlNode).range;
      if (range) out.set(itemPath, lc.linePos(range[0]).line);
      collectLines(item as YamlNode, itemPath, lc, out, depth + 1);
    });
  }
}
