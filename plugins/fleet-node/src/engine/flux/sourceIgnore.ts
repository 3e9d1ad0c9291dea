/*
 * What source-controller leaves out of a GitRepository artifact, so what
 * kustomize-controller never sees: fluxcd/pkg/sourceignore's defaults (VCS
 * files, images and archives, CI configuration, `.sops.yaml`, ...) and every
 * `.sourceignore` file of the repository, each scoped to its directory, with
 * gitignore semantics as go-git implements them (last matching pattern wins,
 * `!` re-includes, a trailing `/` matches directories only, a pattern without
 * `/` matches any path element, one with `/` matches from its directory).
 */
import { Minimatch } from 'minimatch';
import type { RepoPath, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';

// as fluxcd/pkg/sourceignore: ExcludeVCS, then ExcludeExt, ExcludeCI, ExcludeExtra
const DEFAULT_PATTERNS = [
  '.git/',
  '.gitignore',
  '.gitmodules',
  '.gitattributes',
  '*.jpg',
  '*.jpeg',
  '*.gif',
  '*.png',
  '*.wmv',
  '*.flv',
  '*.tar.gz',
  '*.zip',
  '.github/',
  '.circleci/',
  '.travis.yml',
  '.gitlab-ci.yml',
  'appveyor.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'codeship-services.yml',
  'codeship-steps.yml',
  '**/.goreleaser.yml',
  '**/.sops.yaml',
  '**/.flux.yaml',
];

interface Pattern {
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
function parsePattern(text: string, domain: string[]): Pattern {
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
function decide(
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
function below(p: Pattern, key: string): boolean {
  return p.domainKey === '' ? key !== '' : key.startsWith(`${p.domainKey}/`);
}

/** Directories in a depth-first walk's order: element by element, a parent before its children. */
function compareDirs(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

const views = new WeakMap<
  Snapshot,
  { view: Snapshot; ignored: (path: RepoPath) => boolean }
>();

/**
 * `snapshot` as a GitRepository artifact of it holds it: without the files
 * source-controller excludes. The same snapshot when nothing is excluded.
 */
export function sourceArtifactView(snapshot: Snapshot): Snapshot {
  return artifactOf(snapshot).view;
}

/**
 * Whether source-controller leaves `path` out of the artifact of `snapshot`
 * (also for paths the loader did not read, such as oversized files).
 */
export function isSourceIgnored(snapshot: Snapshot, path: RepoPath): boolean {
  return artifactOf(snapshot).ignored(path);
}

/** The previous revision's ignore decisions, reused while no path and no .sourceignore changed. */
let previous:
  | {
      files: ReadonlyMap<RepoPath, string>;
      ignoreTexts: string;
      ignored: (path: RepoPath) => boolean;
      ignoredPaths: RepoPath[];
    }
  | undefined;

function artifactOf(snapshot: Snapshot): {
  view: Snapshot;
  ignored: (path: RepoPath) => boolean;
} {
  const known = views.get(snapshot);
  if (known) return known;
  const ignoreFiles = [...snapshot.files.keys()].filter(
    f => f === '.sourceignore' || f.endsWith('/.sourceignore'),
  );
  const ignoreTexts = ignoreFiles
    .map(f => `${f}\n${snapshot.files.get(f)}`)
    .join('\n');
  if (
    previous &&
    previous.ignoreTexts === ignoreTexts &&
    snapshotDelta(previous.files, snapshot.files).samePaths
  ) {
    // a new revision with the same paths and ignore files: the same paths are ignored
    const { ignored, ignoredPaths } = previous;
    let view: Snapshot = snapshot;
    if (ignoredPaths.length > 0) {
      const files = new Map(snapshot.files);
      for (const path of ignoredPaths) files.delete(path);
      view = { ...snapshot, files };
    }
    const result = { view, ignored };
    views.set(snapshot, result);
    previous = { ...previous, files: snapshot.files };
    return result;
  }
  const patterns = DEFAULT_PATTERNS.map(p => parsePattern(p, []));
  // as LoadIgnorePatterns: the root's .sourceignore first, then each directory's, depth first in name order
  const domains = ignoreFiles
    .map(f => f.split('/').slice(0, -1))
    .sort(compareDirs);
  for (const domain of domains) {
    const file = [...domain, '.sourceignore'].join('/');
    for (const line of (snapshot.files.get(file) ?? '').split(/\r?\n/)) {
      if (!line.startsWith('#') && line.trim() !== '')
        patterns.push(parsePattern(line, domain));
    }
  }
  // per directory: excluded (the archiver's walk skips an excluded directory whole), and which simple patterns its elements match
  type Dir = { excluded: boolean; hits: Uint8Array };
  const dirs = new Map<RepoPath, Dir>([
    ['', { excluded: false, hits: new Uint8Array(patterns.length) }],
  ]);
  const dirOf = (key: RepoPath): Dir => {
    let d = dirs.get(key);
    if (d) return d;
    const cut = key.lastIndexOf('/');
    const parent = dirOf(cut < 0 ? '' : key.slice(0, cut));
    const name = key.slice(cut + 1);
    const hits = parent.hits.slice();
    for (let i = 0; i < patterns.length; i++) {
      const p = patterns[i];
      if (!p.glob && hits[i] === 0 && below(p, key) && p.test(name))
        hits[i] = 1;
    }
    d = {
      excluded:
        parent.excluded || decide(patterns, key, name, true, parent.hits),
      hits,
    };
    dirs.set(key, d);
    return d;
  };
  // fast path: without glob patterns, a path none of whose elements any pattern names is kept
  const anyGlob = patterns.some(p => p.glob);
  const named = new Map<string, boolean>();
  const mayMatch = (path: RepoPath): boolean => {
    if (anyGlob) return true;
    for (let start = 0; ; ) {
      const end = path.indexOf('/', start);
      const name = end < 0 ? path.slice(start) : path.slice(start, end);
      let r = named.get(name);
      if (r === undefined)
        named.set(name, (r = patterns.some(p => p.test(name))));
      if (r) return true;
      if (end < 0) return false;
      start = end + 1;
    }
  };
  const ignored = (path: RepoPath) => {
    if (!mayMatch(path)) return false;
    const cut = path.lastIndexOf('/');
    const dir = dirOf(cut < 0 ? '' : path.slice(0, cut));
    return (
      dir.excluded ||
      decide(patterns, path, path.slice(cut + 1), false, dir.hits)
    );
  };
  const files = new Map<RepoPath, string>();
  const ignoredPaths: RepoPath[] = [];
  for (const [file, content] of snapshot.files) {
    if (ignored(file)) ignoredPaths.push(file);
    else files.set(file, content);
  }
  const result = {
    view:
      files.size === snapshot.files.size ? snapshot : { ...snapshot, files },
    ignored,
  };
  views.set(snapshot, result);
  previous = { files: snapshot.files, ignoreTexts, ignored, ignoredPaths };
  return result;
}
