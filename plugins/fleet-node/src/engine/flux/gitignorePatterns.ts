/*
 * gitignore patterns as go-git's plumbing/format/gitignore implements them,
 * which fluxcd/pkg/sourceignore (and so source-controller) uses: ParsePattern,
 * ReadPatterns, each pattern's Match and the Matcher's last-match-wins
 * decision.
 */
import { Minimatch } from 'minimatch';

/** One parsed pattern and the directory (domain) whose ignore list holds it. */
export interface Pattern {
  domain: string[];
  /** The domain joined with `/` ('' for the repository root). */
  domainKey: string;
  elements: string[];
  include: boolean;
  dirOnly: boolean;
  glob: boolean;
  /** The first element compiled (simple patterns match it against every path element). */
  test: (name: string) => boolean;
}

/** go-git's ParsePattern. */
export function parsePattern(text: string, domain: string[]): Pattern {
  let p = text;
  const include = p.startsWith('!');
  if (include) p = p.slice(1);
  if (!p.endsWith('\\ ')) p = p.replace(/ +$/, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.slice(0, -1);
  let elements = p.split('/');
  let glob = p.includes('/');
  // `**/name` matches exactly where the simple pattern `name` does: at the first element that matches it
  if (
    elements.length === 2 &&
    elements[0] === '**' &&
    !elements[1].includes('**') &&
    elements[1] !== ''
  ) {
    elements = [elements[1]];
    glob = false;
  }
  return {
    domain,
    domainKey: domain.join('/'),
    elements,
    include,
    dirOnly,
    glob,
    test: compiledName(elements[0]),
  };
}

// Go's filepath.Match on one path element: no braces, no extglobs, dots are ordinary.
// Compiled once per element pattern, each answer memoized by name (fleets repeat names a lot).
const matchers = new Map<string, (name: string) => boolean>();
function nameMatch(pattern: string, name: string): boolean {
  return compiledName(pattern)(name);
}

function compiledName(pattern: string): (name: string) => boolean {
  let m = matchers.get(pattern);
  if (!m) matchers.set(pattern, (m = compileName(pattern)));
  return m;
}

function compileName(pattern: string): (name: string) => boolean {
  if (!/[*?[\\]/.test(pattern)) return name => name === pattern;
  const ext = /^\*([^*?[\\/]+)$/.exec(pattern);
  if (ext) return name => name.endsWith(ext[1]);
  const re = new Minimatch(pattern, {
    dot: true,
    nobrace: true,
    noext: true,
    noglobstar: true,
    nocomment: true,
    nonegate: true,
  }).makeRe();
  const memo = new Map<string, boolean>();
  return name => {
    let r = memo.get(name);
    if (r === undefined) memo.set(name, (r = re !== false && re.test(name)));
    return r;
  };
}

/** go-git's pattern.Match: undefined for no match, else whether the path is excluded. */
function match(
  p: Pattern,
  path: string[],
  isDir: boolean,
): boolean | undefined {
  if (path.length <= p.domain.length || p.domain.some((d, i) => path[i] !== d))
    return undefined;
  const rest = path.slice(p.domain.length);
  const ok = p.glob
    ? globMatch(p, rest, isDir)
    : simpleNameMatch(p, rest, isDir);
  return ok ? !p.include : undefined;
}

function simpleNameMatch(p: Pattern, path: string[], isDir: boolean): boolean {
  for (let i = 0; i < path.length; i++) {
    if (!nameMatch(p.elements[0], path[i])) continue;
    return !(p.dirOnly && !isDir && i === path.length - 1);
  }
  return false;
}

function globMatch(p: Pattern, input: string[], isDir: boolean): boolean {
  let path = input;
  let matched = false;
  let canTraverse = false;
  for (let i = 0; i < p.elements.length; i++) {
    const e = p.elements[i];
    if (e === '') {
      canTraverse = false;
      continue;
    }
    if (e === '**') {
      if (i === p.elements.length - 1) break;
      canTraverse = true;
      continue;
    }
    if (e.includes('**') || path.length === 0) return false;
    if (canTraverse) {
      canTraverse = false;
      while (path.length > 0) {
        const name = path[0];
        path = path.slice(1);
        if (nameMatch(e, name)) {
          matched = true;
          break;
        } else if (path.length === 0) matched = false;
      }
    } else {
      if (!nameMatch(e, path[0])) return false;
      matched = true;
      path = path.slice(1);
    }
  }
  return !(matched && p.dirOnly && !isDir && path.length === 0) && matched;
}

/**
 * go-git's Matcher (the last pattern that matches decides) for the path
 * `key` (last element `name`), whose parent directory's elements below each
 * simple pattern's domain matched as `parentHits` says: a simple pattern
 * matches when any element does.
 */
export function decide(
  patterns: Pattern[],
  key: string,
  name: string,
  isDir: boolean,
  parentHits: Uint8Array,
): boolean {
  let parts: string[] | undefined;
  for (let i = patterns.length - 1; i >= 0; i--) {
    const p = patterns[i];
    if (p.glob) {
      const r = match(p, (parts ??= key.split('/')), isDir);
      if (r !== undefined) return r;
      continue;
    }
    if (!below(p, key)) continue;
    if (parentHits[i] === 1 || (p.test(name) && !(p.dirOnly && !isDir)))
      return !p.include;
  }
  return false;
}

/** True when the path `key` lies strictly below the pattern's domain. */
export function below(p: Pattern, key: string): boolean {
  return p.domainKey === '' ? key !== '' : key.startsWith(`${p.domainKey}/`);
}

/** Directories in a depth-first walk's order: element by element, a parent before its children. */
export function compareDirs(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

/** go-git's ReadPatterns: one pattern a line, comments and blank lines skipped. */
export function readPatterns(text: string, domain: string[]) {
  return text
    .split(/\r?\n/)
    .filter(line => !line.startsWith('#') && line.trim() !== '')
    .map(line => parsePattern(line, domain));
}
