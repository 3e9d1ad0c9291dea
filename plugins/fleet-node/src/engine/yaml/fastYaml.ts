/*
 * A fast path for the plain block-style YAML that fills Kubernetes
 * repositories: a line-based reader producing JSON values with the scalar
 * resolution kustomize applies (yaml.v3, see goScalars.ts), four to five
 * times cheaper than the yaml package, whose lexer dominates the cost of
 * parsing thousands of small files. Anything outside
 * its subset (anchors, aliases, tags, directives, explicit keys, folded or
 * indented block scalars, multi-line plain or quoted scalars, multi-line
 * flow collections, tabs, duplicate keys...) makes it give up, and the caller
 * parses with the yaml package, which also produces the errors. A fuzz test
 * holds it to the yaml package's results.
 */
import {
  GiveUp,
  giveUp,
  inlineValue,
  keyOf as readKey,
} from './fastYamlInline';
import type { FastDocument, FastParseOptions } from './types';

interface Line {
  /** 1-based line number. */
  no: number;
  indent: number;
  /** The line without its indentation. */
  text: string;
  /** Blank or comment only. */
  skip: boolean;
}

/** Parses every document of `text`, or returns undefined when the yaml package must decide. */
export function fastParseAll(
  text: string,
  options: FastParseOptions,
): FastDocument[] | undefined {
  // NEL, LS, PS and `<<` keys are read as go-yaml reads them by the full path (goLexical.ts)
  if (/[\t\r\uFEFF\u0085\u2028\u2029]/.test(text) || text.includes('<<'))
    return undefined;
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const docs: FastDocument[] = [];
  try {
    let segment: Line[] = [];
    const flush = () => {
      if (segment.some(l => !l.skip)) {
        // the first document records straight into the caller's map; others only for their List items
        const all = docs.length === 0 && options.lines !== undefined;
        const lines = all ? options.lines! : new Map<string, number>();
        docs.push(parseDocument(segment, text, lines, options.maxDepth, all));
      }
      segment = [];
    };
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i];
      const c = t.charCodeAt(0);
      // only lines starting with `-` or `.` can be document markers
      if ((c === 45 || c === 46) && /^---(\s+#.*|\s*)$/.test(t)) flush();
      else if ((c === 45 || c === 46) && /^(---|\.\.\.)(\s|$)/.test(t))
        giveUp();
      else segment.push(toLine(t, i + 1));
    }
    flush();
  } catch (e) {
    if (e instanceof GiveUp) {
      options.lines?.clear();
      return undefined;
    }
    throw e;
  }
  return docs;
}

let lastKeyText: string | undefined;
let lastKey: ReturnType<typeof readKey>;

/** keyOf, remembering the last line: a map's first line is read twice (to see it is a map, then as its first entry). */
function keyOf(text: string): ReturnType<typeof readKey> {
  if (text !== lastKeyText) {
    lastKey = readKey(text);
    lastKeyText = text;
  }
  return lastKey;
}

function toLine(t: string, no: number): Line {
  let indent = 0;
  while (t.charCodeAt(indent) === 32) indent++;
  const c = t.charCodeAt(indent);
  // YAML indents with spaces only: other leading white space (no-break space...) is for the yaml package
  if (c === 11 || c === 12 || (c > 127 && /^\s/.test(t.slice(indent))))
    giveUp();
  const rest = indent === 0 ? t : t.slice(indent);
  return { no, indent, text: rest, skip: rest === '' || rest.startsWith('#') };
}

function parseDocument(
  lines: Line[],
  whole: string,
  record: Map<string, number>,
  maxDepth: number,
  recordAll: boolean,
): FastDocument {
  let pos = 0;
  const next = () => {
    while (pos < lines.length && lines[pos].skip) pos++;
    return pos < lines.length ? lines[pos] : undefined;
  };
  const first = next();
  if (!first) return { value: null, line: 0, itemLines: [] };
  // without recordAll, only what itemLines needs: the entries of a top-level sequence (depth 2)
  const rec = (path: string, no: number, depth: number) => {
    if (recordAll ? depth <= 20 : depth === 2) record.set(path, no);
  };
  /** A single-line flow collection: every key and item is on its line. */
  const recFlow = (
    v: unknown,
    path: string,
    no: number,
    depth: number,
  ): unknown => {
    if (v && typeof v === 'object' && (recordAll || depth <= 2)) {
      const entries: [string, unknown][] = Array.isArray(v)
        ? v.map((x, i) => [String(i), x])
        : Object.entries(v);
      for (const [k, x] of entries) {
        const p = Array.isArray(v) || path !== '' ? `${path}.${k}` : k;
        rec(p, no, depth);
        recFlow(x, p, no, depth + 1);
      }
    }
    return v;
  };

  function node(path: string, depth: number): unknown {
    if (depth > maxDepth) giveUp();
    const line = next()!;
    if (isDash(line.text)) return seq(line.indent, path, depth);
    if (keyOf(line.text)) return map(line.indent, path, depth);
    // a lone scalar or flow collection as the whole node
    pos++;
    const scalar = recFlow(inlineValue(line.text, depth), path, line.no, depth);
    const after = next();
    if (after && after.indent >= line.indent) giveUp();
    return scalar;
  }

  function map(
    indent: number,
    path: string,
    depth: number,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let line = next(); line && line.indent >= indent; line = next()) {
      if (line.indent !== indent) giveUp();
      const kv = keyOf(line.text) ?? giveUp();
      if (
        kv.key === '__proto__' ||
        Object.prototype.hasOwnProperty.call(out, kv.key)
      )
        giveUp();
      const keyPath = path === '' ? kv.key : `${path}.${kv.key}`;
      rec(keyPath, line.no, depth);
      pos++;
      out[kv.key] = value(kv.rest, indent, keyPath, depth + 1, true);
    }
    return out;
  }

  function seq(indent: number, path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    for (let line = next(); line && line.indent >= indent; line = next()) {
      if (line.indent !== indent) giveUp();
      if (!isDash(line.text)) break;
      const itemPath = `${path}.${out.length}`;
      const rest = line.text.slice(1).trimStart();
      if (
        rest !== '' &&
        !rest.startsWith('#') &&
        (keyOf(rest) || isDash(rest))
      ) {
        // compact nested collection: re-read the rest of the line as a node at its own column
        lines[pos] = {
          no: line.no,
          indent: line.indent + line.text.length - rest.length,
          text: rest,
          skip: false,
        };
        rec(itemPath, line.no, depth);
        out.push(node(itemPath, depth + 1));
        continue;
      }
      pos++;
      if (rest === '' || rest.startsWith('#')) {
        const child = next();
        if (!child || child.indent <= indent) giveUp();
        rec(itemPath, child!.no, depth);
        out.push(node(itemPath, depth + 1));
      } else {
        rec(itemPath, line.no, depth);
        out.push(value(rest, indent, itemPath, depth + 1, false));
      }
    }
    return out;
  }

  /** The value after `key:` or `- `: nested block, block scalar, or single-line scalar. */
  function value(
    rest: string,
    indent: number,
    path: string,
    depth: number,
    inMap: boolean,
  ): unknown {
    if (rest === '' || rest.startsWith('#')) {
      const child = next();
      if (!child) return null;
      if (child.indent > indent) return node(path, depth);
      // as YAML: a map value may be a sequence at the key's own indentation
      if (inMap && child.indent === indent && isDash(child.text))
        return seq(indent, path, depth);
      return null;
    }
    if (rest.startsWith('|')) return blockScalar(rest, indent);
    const v = recFlow(inlineValue(rest, depth), path, lines[pos - 1].no, depth);
    const after = next();
    if (after && after.indent > indent) giveUp();
    return v;
  }

  function blockScalar(header: string, indent: number): string {
    const m = /^\|([+-]?)(\s+#.*)?\s*$/.exec(header) ?? giveUp();
    const chomp = m[1];
    const body: Line[] = [];
    let contentIndent = -1;
    while (pos < lines.length) {
      const l = lines[pos];
      const blank = l.text === '';
      if (!blank && l.indent <= indent) break;
      if (!blank && contentIndent < 0) contentIndent = l.indent;
      if (!blank && l.indent < contentIndent) giveUp();
      body.push(l);
      pos++;
    }
    if (pos >= lines.length && !wholeEndsWithNewline(whole, lines)) giveUp();
    if (contentIndent < 0) giveUp();
    // each line without the content indentation; a blank line may not be indented more than it
    const content = body.map(l => {
      if (l.text === '') {
        if (l.indent > contentIndent) giveUp();
        return '';
      }
      const extra = l.indent - contentIndent;
      return extra === 0 ? l.text : `${' '.repeat(extra)}${l.text}`;
    });
    let end = content.length;
    while (end > 0 && content[end - 1] === '') end--;
    const kept = content.slice(0, end).join('\n');
    if (chomp === '-') return kept;
    if (chomp === '+') return `${kept}\n${'\n'.repeat(content.length - end)}`;
    return kept === '' ? '' : `${kept}\n`;
  }

  const value0 = node('', 1);
  if (next()) giveUp();
  const items =
    value0 && typeof value0 === 'object' && !Array.isArray(value0)
      ? (value0 as Record<string, unknown>).items
      : undefined;
  const itemLines = Array.isArray(items)
    ? items.map((_, i) => record.get(`items.${i}`) ?? 0)
    : [];
  return { value: value0, line: first.no, itemLines };
}

function isDash(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function wholeEndsWithNewline(whole: string, lines: Line[]): boolean {
  return whole.endsWith('\n') || lines.length === 0;
}
