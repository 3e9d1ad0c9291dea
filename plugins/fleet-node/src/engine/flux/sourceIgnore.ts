/*
 * What source-controller leaves out of a GitRepository artifact, so what
 * kustomize-controller never sees: fluxcd/pkg/sourceignore's defaults (VCS
 * files, images and archives, CI configuration, `.sops.yaml`, ...) and every
 * `.sourceignore` file of the repository, each scoped to its directory, with
 * gitignore semantics as go-git implements them (last matching pattern wins,
 * `!` re-includes, a trailing `/` matches directories only, a pattern without
 * `/` matches any path element, one with `/` matches from its directory).
 * A GitRepository's `spec.ignore` adds its patterns last, at the repository
 * root, as source-controller's reconcileArtifact appends them to
 * LoadIgnorePatterns' result.
 */
import type { RepoPath, Snapshot } from '../core/types';
import { snapshotDelta } from '../core/snapshotDelta';
import {
  below,
  compareDirs,
  decide,
  parsePattern,
  readPatterns,
} from './gitignorePatterns';

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

type ArtifactView = { view: Snapshot; ignored: (path: RepoPath) => boolean };

// per snapshot, by the GitRepository's spec.ignore ('' for none)
const views = new WeakMap<Snapshot, Map<string, ArtifactView>>();

/**
 * `snapshot` as a GitRepository artifact of it holds it: without the files
 * source-controller excludes (its defaults, `.sourceignore` files, and the
 * GitRepository's `spec.ignore` when given). The same snapshot when nothing
 * is excluded.
 */
export function sourceArtifactView(snapshot: Snapshot, ignore = ''): Snapshot {
  return artifactOf(snapshot, ignore).view;
}

/**
 * Whether source-controller leaves `path` out of the artifact of `snapshot`
 * (also for paths the loader did not read, such as oversized files), with
 * the GitRepository's `spec.ignore` when given.
 */
export function isSourceIgnored(
  snapshot: Snapshot,
  path: RepoPath,
  ignore = '',
): boolean {
  return artifactOf(snapshot, ignore).ignored(path);
}

interface Previous {
  files: ReadonlyMap<RepoPath, string>;
  ignoreTexts: string;
  ignored: (path: RepoPath) => boolean;
  ignoredPaths: RepoPath[];
}

/** The previous revision's ignore decisions per spec.ignore, reused while no path and no .sourceignore changed. */
const previousBy = new Map<string, Previous>();

const isIgnoreFile = (f: RepoPath) =>
  f === '.sourceignore' || f.endsWith('/.sourceignore');

/** The last files map's `.sourceignore` files, moved by the paths a revision adds or removes. */
let lastIgnoreFiles:
  | { files: ReadonlyMap<RepoPath, string>; list: RepoPath[] }
  | undefined;

/** The `.sourceignore` files of `files`, sorted. */
function ignoreFilesOf(files: ReadonlyMap<RepoPath, string>): RepoPath[] {
  if (lastIgnoreFiles && lastIgnoreFiles.files !== files) {
    const delta = snapshotDelta(lastIgnoreFiles.files, files);
    if (!delta.samePaths)
      lastIgnoreFiles.list = [
        ...lastIgnoreFiles.list.filter(f => files.has(f)),
        ...delta.added.filter(isIgnoreFile),
      ].sort();
    lastIgnoreFiles.files = files;
  }
  if (!lastIgnoreFiles)
    lastIgnoreFiles = {
      files,
      list: [...files.keys()].filter(isIgnoreFile).sort(),
    };
  return lastIgnoreFiles.list;
}

function artifactOf(snapshot: Snapshot, ignore: string): ArtifactView {
  let known = views.get(snapshot);
  if (!known) views.set(snapshot, (known = new Map()));
  const hit = known.get(ignore);
  if (hit) return hit;
  const result = computeArtifact(snapshot, ignore);
  known.set(ignore, result);
  return result;
}

function computeArtifact(snapshot: Snapshot, ignore: string): ArtifactView {
  const ignoreFiles = ignoreFilesOf(snapshot.files);
  const ignoreTexts = ignoreFiles
    .map(f => `${f}\n${snapshot.files.get(f)}`)
    .join('\n');
  const previous = previousBy.get(ignore);
  if (previous && previous.ignoreTexts === ignoreTexts) {
    // the same ignore files: the same patterns decide every path, so only
    // the paths added since need deciding
    const { ignored } = previous;
    const delta = snapshotDelta(previous.files, snapshot.files);
    const ignoredPaths = delta.samePaths
      ? previous.ignoredPaths
      : [
          ...previous.ignoredPaths.filter(p => snapshot.files.has(p)),
          ...delta.added.filter(ignored),
        ];
    let view: Snapshot = snapshot;
    if (ignoredPaths.length > 0) {
      const files = new Map(snapshot.files);
      for (const path of ignoredPaths) files.delete(path);
      view = { ...snapshot, files };
    }
    previousBy.set(ignore, {
      ...previous,
      files: snapshot.files,
      ignoredPaths,
    });
    return { view, ignored };
  }
  const patterns = DEFAULT_PATTERNS.map(p => parsePattern(p, []));
  // as LoadIgnorePatterns: the root's .sourceignore first, then each directory's, depth first in name order
  const domains = ignoreFiles
    .map(f => f.split('/').slice(0, -1))
    .sort(compareDirs);
  for (const domain of domains) {
    const file = [...domain, '.sourceignore'].join('/');
    patterns.push(...readPatterns(snapshot.files.get(file) ?? '', domain));
  }
  // the GitRepository's spec.ignore comes last, so it wins over the files
  patterns.push(...readPatterns(ignore, []));
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
  previousBy.set(ignore, {
    files: snapshot.files,
    ignoreTexts,
    ignored,
    ignoredPaths,
  });
  return {
    view:
      files.size === snapshot.files.size ? snapshot : { ...snapshot, files },
    ignored,
  };
}
