/*
 * Splits a YAML file into Kubernetes objects the way kustomize's resource
 * factory does (api/resource/factory.go SliceFromBytes): empty documents are
 * dropped, every object needs a kind and a metadata.name, and `*List` kinds
 * with `items` are expanded. Bounded against hostile input: file size, alias
 * expansion (billion laughs) and nesting depth.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
} from 'yaml';
import type { KObject, Problem, RepoPath } from '../core/types';
import { fastParseAll } from './fastYaml';
import type {
  FastDocument,
  ParsedYamlDocuments,
  YamlDoc,
  YamlLimits,
} from './types';
import { goCustomTags } from './goScalars';
import { goBlockScalars } from './goFolded';
import { dropQuotedMergeKeys, goLineBreaks, goTabHazard } from './goLexical';
import {
  aliasHazard,
  isStackOverflowMessage,
  tooDeepMessage,
} from './yamlHazards';

/** The defaults used when no limits are given. */
export const DEFAULT_YAML_LIMITS: YamlLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 100,
};

/**
 * Parses `text` (the content of `file`) into Kubernetes objects. Never
 * throws: a bad document is reported (`yaml-parse`, `not-k8s-object`,
 * `yaml-too-deep`, `yaml-alias-limit`, `file-too-large`) and skipped while
 * the other documents of the file are kept. `fast` is what
 * `fastParseAll(text, { maxDepth: limits.maxDepth })` returned, when the
 * caller already ran it (it is not run again).
 */
export function parseYamlDocuments(
  file: RepoPath,
  text: string,
  limits: Partial<YamlLimits> = {},
  fast?: FastDocument[],
): ParsedYamlDocuments {
  const lim = { ...DEFAULT_YAML_LIMITS, ...limits };
  const problems: Problem[] = [];
  const report = (rule: string, line: number | null, message: string) =>
    problems.push({
      severity: 'error',
      rule,
      cluster: null,
      file,
      line,
      message,
    });
  if (text.length > lim.maxBytes) {
    report(
      'file-too-large',
      null,
      `${file} is ${text.length} bytes, more than the ${lim.maxBytes} bytes allowed; it was not read.`,
    );
    return { docs: [], problems };
  }
  const lists: YamlDoc[] = [];
  const docs: YamlDoc[] = [];
  const bad = (l: number, m: string) =>
    report('not-k8s-object', l, `${file}:${l} ${m}`);
  const read = fast ?? fastParseAll(text, { maxDepth: lim.maxDepth });
  if (read) {
    for (const d of read) {
      if (d.value !== null && d.value !== '')
        collect(d.value, d.line, d.itemLines, docs, lists, bad);
    }
    return { docs: expandLists(docs, lists, bad), problems: capped(problems) };
  }
  // go-yaml's reading where it differs from the yaml package's (goLexical.ts)
  const goText = goLineBreaks(text);
  const tab = goTabHazard(goText);
  if (tab) {
    report(
      'yaml-parse',
      tab.line,
      `${file}:${tab.line} is not valid YAML: it ${tab.message}.`,
    );
    return { docs: [], problems };
  }
  const lineCounter = new LineCounter();
  let parsed;
  try {
    parsed = parseAllDocuments(goText, {
      lineCounter,
      uniqueKeys: true,
      merge: true,
      customTags: goCustomTags,
    });
  } catch (e) {
    report(
      'yaml-parse',
      null,
      `${file} is not valid YAML: ${(e as Error).message}`,
    );
    return { docs: [], problems };
  }
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const line = err.linePos?.[0].line ?? null;
      if (isStackOverflowMessage(err.message)) {
        report(
          'yaml-too-deep',
          line,
          `${file}${line ? `:${line}` : ''} ${tooDeepMessage(
            lim.maxDepth,
          )}; the document was skipped.`,
        );
        continue;
      }
      report(
        'yaml-parse',
        line,
        `${file}${line ? `:${line}` : ''} is not valid YAML: ${firstLine(
          err.message,
        )}`,
      );
      continue;
    }
    const contents = doc.contents;
    if (
      contents === null ||
      (isScalar(contents) && (contents.value === null || contents.value === ''))
    ) {
      continue;
    }
    const line = contents.range
      ? lineCounter.linePos(contents.range[0]).line
      : 1;
    if (nodeDepth(contents) > lim.maxDepth) {
      report(
        'yaml-too-deep',
        line,
        `${file}:${line} nests deeper than ${lim.maxDepth} levels; the document was skipped.`,
      );
      continue;
    }
    const hazard = aliasHazard(doc, lineCounter);
    if (hazard) {
      report(
        hazard.rule,
        hazard.line ?? line,
        `${file}:${hazard.line ?? line} ${
          hazard.message
        }; the document was skipped.`,
      );
      continue;
    }
    // block scalars read as yaml.v3 reads them (goFolded.ts)
    goBlockScalars(doc, goText, true);
    // as kyaml: a quoted `<<` key is not merged and its pair is dropped
    dropQuotedMergeKeys(doc, goText);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: lim.maxAliasCount });
    } catch (e) {
      report(
        'yaml-alias-limit',
        line,
        `${file}:${line} could not be expanded: ${firstLine(
          (e as Error).message,
        )}`,
      );
      continue;
    }
    const itemLines = isMap(contents)
      ? listItemLines(contents, lineCounter)
      : [];
    collect(value, line, itemLines, docs, lists, bad);
  }
  return { docs: expandLists(docs, lists, bad), problems: capped(problems) };
}

/** Problems listed per file; a hostile file of 300k bad documents gets one line for the rest. */
const MAX_PROBLEMS_PER_FILE = 50;

function capped(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const rest = problems[MAX_PROBLEMS_PER_FILE];
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  return [
    ...problems.slice(0, MAX_PROBLEMS_PER_FILE),
    {
      ...rest,
      message: `${rest.file} has ${more} more problems like the ones above (from line ${rest.line}); they are not listed one by one.`,
    },
  ];
}

/** as kustomize inlineAnyEmbeddedLists: items of a List are queued after the file's other documents. */
function expandLists(
  docs: YamlDoc[],
  lists: YamlDoc[],
  bad: (line: number, message: string) => void,
): YamlDoc[] {
  for (let i = 0; i < lists.length; i++)
    collect(lists[i].object, lists[i].line, [], docs, lists, bad);
  return docs;
}

function collect(
  value: unknown,
  line: number,
  itemLines: number[],
  docs: YamlDoc[],
  lists: YamlDoc[],
  bad: (line: number, message: string) => void,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    bad(
      line,
      'is not a Kubernetes object (a YAML mapping was expected); the document was skipped.',
    );
    return;
  }
  const obj = value as KObject;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (kind === '') {
    bad(
      line,
      'has no kind (as kustomize: "missing kind in object"); the document was skipped.',
    );
    return;
  }
  if (kind.endsWith('List') && 'items' in obj) {
    const items = obj.items;
    if (items === null || items === undefined) return;
    if (!Array.isArray(items)) {
      bad(
        line,
        `expected an array in ${kind}/items; the document was skipped.`,
      );
      return;
    }
    items.forEach((item, i) =>
      lists.push({ object: item as KObject, line: itemLines[i] ?? line }),
    );
    return;
  }
  const name = obj.metadata?.name;
  if (!kind.endsWith('List') && (typeof name !== 'string' || name === '')) {
    bad(
      line,
      `${kind} has no metadata.name (as kustomize: "missing metadata.name"); the document was skipped.`,
    );
    return;
  }
  if (hasNonFinite(obj)) {
    bad(
      line,
      `${kind} ${name} holds .inf or .nan, which kustomize cannot encode (json: unsupported value); the document was skipped.`,
    );
    return;
  }
  if (hasNullListItem(obj)) {
    bad(
      line,
      `${kind} ${name} has an empty item in a list (as kustomize: "empty item"); the document was skipped.`,
    );
    return;
  }
  docs.push({ object: obj, line });
}

/** Lines of the entries of a top-level `items:` sequence. */
function listItemLines(map: import('yaml').YAMLMap, lc: LineCounter): number[] {
  const items = map.get('items', true);
  if (!isSeq(items)) return [];
  return items.items.map(n => {
    const range = (n as { range?: [number, number, number] }).range;
    return range ? lc.linePos(range[0]).line : 0;
  });
}

/** Nesting depth of a node tree, walked without recursion so hostile input cannot overflow the stack. */
function nodeDepth(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      max = Math.max(max, depth);
      for (const item of node.items) stack.push([item, depth + 1]);
    } else if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isAlias(node) || isScalar(node)) {
      continue;
    }
  }
  return max;
}

function hasNonFinite(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) return true;
    // one by one: spreading a list of 200k items overflows the call stack
    if (typeof v === 'object' && v !== null)
      for (const child of Object.values(v)) stack.push(child);
  }
  return false;
}

function hasNullListItem(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) {
        if (item === null || item === undefined) return true;
        stack.push(item);
      }
    } else if (typeof v === 'object' && v !== null) {
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return false;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
