/*
 * The subset of Go's text/template that the Flux Operator's ResourceSets
 * use, with its `<< >>` delimiters: text, actions with trim markers
 * (`<<-`, `->>`), pipelines (`a | f x`), fields (`.a.b`, `inputs.a.b`,
 * `$`), variables (`$x :=`), `if`/`else if`/`else`, `range` (with `$i, $v
 * :=`), `with`, and the slim-sprig functions the Flux Operator documents
 * (see FUNCTIONS). Anything else is a {@link TemplateError}, never a guess.
 */
import { stringify } from 'yaml';
import { FUNCTIONS } from './templateFunctions';

/** A template the subset cannot read or run; the message names what. */
export class TemplateError extends Error {}

type Node =
  | { t: 'text'; text: string }
  | { t: 'action'; pipe: Pipe }
  | { t: 'if' | 'with'; pipe: Pipe; then: Node[]; else: Node[] }
  | { t: 'range'; pipe: Pipe; vars: string[]; body: Node[]; else: Node[] };
type Arg =
  | { t: 'lit'; v: unknown }
  | { t: 'path'; root: string; fields: string[] }
  | { t: 'call'; name: string }
  | { t: 'pipe'; pipe: Pipe };
type Cmd = Arg[];
type Pipe = { decl: string[]; cmds: Cmd[] };

const ACTION = /<<(-\s)?([\s\S]*?)(\s-)?>>/g;

/** Splits `text` into text and actions, applying the trim markers. */
function lex(text: string): Array<{ text: string } | { action: string }> {
  const out: Array<{ text: string } | { action: string }> = [];
  let at = 0;
  let trimNext = false;
  for (const m of text.matchAll(ACTION)) {
    let before = text.slice(at, m.index);
    if (trimNext) before = before.replace(/^\s+/, '');
    if (m[1]) before = before.replace(/\s+$/, '');
    if (before) out.push({ text: before });
    out.push({ action: m[2].trim() });
    trimNext = !!m[3];
    at = m.index! + m[0].length;
  }
  let rest = text.slice(at);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  if (rest) out.push({ text: rest });
  return out;
}

const TOKEN =
  /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)'|:=|\||\(|\)|,|[^\s|(),]+)/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    if (/^\s*$/.test(src.slice(TOKEN.lastIndex))) return out;
    const m = TOKEN.exec(src);
    if (!m) throw new TemplateError(`cannot read action '${src}'`);
    out.push(m[1]);
  }
}

function parsePipe(tokens: string[], pos = { i: 0 }, inParen = false): Pipe {
  const decl: string[] = [];
  const save = pos.i;
  while (
    tokens[pos.i]?.startsWith('$') &&
    (tokens[pos.i + 1] === ',' || tokens[pos.i + 1] === ':=')
  ) {
    decl.push(tokens[pos.i]);
    pos.i += 2;
    if (tokens[pos.i - 1] === ':=') break;
  }
  if (decl.length > 0 && tokens[pos.i - 1] !== ':=') {
    pos.i = save;
    decl.length = 0;
  }
  const cmds: Cmd[] = [[]];
  while (pos.i < tokens.length) {
    const tok = tokens[pos.i++];
    if (tok === ')') {
      if (!inParen) throw new TemplateError('unexpected )');
      return { decl, cmds };
    }
    if (tok === '|') {
      cmds.push([]);
      continue;
    }
    cmds[cmds.length - 1].push(
      tok === '('
        ? { t: 'pipe', pipe: parsePipe(tokens, pos, true) }
        : argOf(tok),
    );
  }
  if (inParen) throw new TemplateError('unclosed (');
  if (cmds.some(c => c.length === 0))
    throw new TemplateError('empty command in pipeline');
  return { decl, cmds };
}

function argOf(tok: string): Arg {
  if (/^"/.test(tok)) return { t: 'lit', v: JSON.parse(tok) };
  if (/^`/.test(tok)) return { t: 'lit', v: tok.slice(1, -1) };
  if (/^-?\d+(\.\d+)?$/.test(tok)) return { t: 'lit', v: Number(tok) };
  if (tok === 'true' || tok === 'false') return { t: 'lit', v: tok === 'true' };
  if (tok === 'nil') return { t: 'lit', v: null };
  const m = /^(\$[\w]*|\.|[A-Za-z_]\w*)?((?:\.[\w-]+)*)$/.exec(tok);
  if (!m) throw new TemplateError(`cannot read '${tok}'`);
  const root = m[1] ?? '.';
  const fields = m[2] ? m[2].slice(1).split('.') : [];
  if (/^[A-Za-z_]/.test(root) && root !== 'inputs') {
    if (fields.length > 0) throw new TemplateError(`cannot read '${tok}'`);
    return { t: 'call', name: root };
  }
  return { t: 'path', root, fields };
}

/** Parses a template into nodes; throws {@link TemplateError}. */
export function parseTemplate(text: string): Node[] {
  const items = lex(text);
  let i = 0;
  const control = (kw: 'if' | 'with' | 'range', src: string): Node => {
    const pipe = parsePipe(tokenize(src));
    const body = block(true);
    let elseNodes: Node[] = [];
    if (body.end !== 'end') {
      const rest = body.end.slice(4).trim();
      // as text/template: `else if c` and `else with c` chain, closed by one `end`
      const chained = /^(if|with)\s+(.*)$/s.exec(rest);
      if (chained)
        elseNodes = [control(chained[1] as 'if' | 'with', chained[2])];
      else if (rest) throw new TemplateError(`unsupported '${body.end}'`);
      else {
        const tail = block(true);
        if (tail.end !== 'end') throw new TemplateError('a second << else >>');
        elseNodes = tail.nodes;
      }
    }
    if (kw === 'range')
      return {
        t: 'range',
        pipe: { decl: [], cmds: pipe.cmds },
        vars: pipe.decl,
        body: body.nodes,
        else: elseNodes,
      };
    return { t: kw, pipe, then: body.nodes, else: elseNodes };
  };
  function block(inner: boolean): { nodes: Node[]; end: string } {
    const nodes: Node[] = [];
    while (i < items.length) {
      const item = items[i++];
      if ('text' in item) {
        nodes.push({ t: 'text', text: item.text });
        continue;
      }
      const a = item.action;
      if (a.startsWith('/*')) continue;
      const kw = /^(\w+)\b/.exec(a)?.[1];
      if (inner && (a === 'end' || kw === 'else')) return { nodes, end: a };
      if (kw === 'if' || kw === 'with' || kw === 'range') {
        nodes.push(control(kw, a.slice(kw.length)));
        continue;
      }
      if (
        kw &&
        [
          'end',
          'else',
          'define',
          'template',
          'block',
          'break',
          'continue',
        ].includes(kw)
      )
        throw new TemplateError(`'${kw}' is not supported here`);
      nodes.push({ t: 'action', pipe: parsePipe(tokenize(a)) });
    }
    if (inner) throw new TemplateError('missing << end >>');
    return { nodes, end: '' };
  }
  return block(false).nodes;
}

/** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '')
    return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Go's %v-like printing of a value into the output. */
function print(v: unknown): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'object') return stringify(v).trimEnd();
  return String(v);
}

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
  inputs: unknown;
}

function field(v: unknown, names: string[]): unknown {
  let cur = v;
  for (const n of names) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur))
      return undefined;
    cur = (cur as Record<string, unknown>)[n];
  }
  return cur;
}

function evalArg(arg: Arg, scope: Scope): unknown {
  switch (arg.t) {
    case 'lit':
      return arg.v;
    case 'pipe':
      return evalPipe(arg.pipe, scope);
    case 'call':
      return callFn(arg.name, [], scope);
    default: {
      let base: unknown;
      if (arg.root === '.') base = scope.dot;
      else if (arg.root === 'inputs') base = scope.inputs;
      else if (scope.vars.has(arg.root)) base = scope.vars.get(arg.root);
      else throw new TemplateError(`undefined variable ${arg.root}`);
      return field(base, arg.fields);
    }
  }
}

function callFn(name: string, args: unknown[], _scope: Scope): unknown {
  const fn = FUNCTIONS[name];
  if (!fn) throw new TemplateError(`function '${name}' is not supported`);
  return fn(...args);
}

function evalPipe(pipe: Pipe, scope: Scope): unknown {
  let prev: unknown = undefined;
  pipe.cmds.forEach((cmd, n) => {
    const [head, ...rest] = cmd;
    const args = rest.map(a => evalArg(a, scope));
    if (n > 0) args.push(prev);
    if (head.t === 'call') prev = callFn(head.name, args, scope);
    else {
      if (args.length > 0)
        throw new TemplateError('a value cannot take arguments');
      prev = evalArg(head, scope);
    }
  });
  for (const d of pipe.decl) scope.vars.set(d, prev);
  return pipe.decl.length > 0 ? '' : prev;
}

/** What `range` walks: list items, map entries in key order, or 0..n-1. */
function rangeEntries(v: unknown): Array<[unknown, unknown]> {
  if (Array.isArray(v)) return v.map((x, k) => [k, x]);
  if (typeof v === 'number') return Array.from({ length: v }, (_, k) => [k, k]);
  if (!v || typeof v !== 'object') return [];
  const m = v as Record<string, unknown>;
  return Object.keys(m)
    .sort()
    .map(k => [k, m[k]]);
}

function run(nodes: Node[], scope: Scope, out: string[]): void {
  for (const node of nodes) {
    if (node.t === 'text') out.push(node.text);
    else if (node.t === 'action') {
      const v = evalPipe(node.pipe, scope);
      if (node.pipe.decl.length === 0) out.push(print(v));
    } else if (node.t === 'range') {
      const v = evalPipe(node.pipe, scope);
      const entries = rangeEntries(v);
      if (entries.length === 0) run(node.else, scope, out);
      for (const [k, x] of entries) {
        const vars = new Map(scope.vars);
        if (node.vars.length === 1) vars.set(node.vars[0], x);
        if (node.vars.length === 2) {
          vars.set(node.vars[0], k);
          vars.set(node.vars[1], x);
        }
        run(node.body, { ...scope, dot: x, vars }, out);
      }
    } else {
      const v = evalPipe(node.pipe, { ...scope, vars: new Map(scope.vars) });
      if (truthy(v))
        run(node.then, node.t === 'with' ? { ...scope, dot: v } : scope, out);
      else run(node.else, scope, out);
    }
  }
}

/**
 * Renders `text` with `inputs` as the Flux Operator does: `inputs` and `.inputs`
 * both name the input set, `$` the root. Throws {@link TemplateError}.
 */
export function renderTemplate(
  text: string,
  inputs: Record<string, unknown>,
): string {
  const nodes = parseTemplate(text);
  const root = { inputs };
  const out: string[] = [];
  run(nodes, { dot: root, vars: new Map([['$', root]]), inputs }, out);
  return out.join('');
}
