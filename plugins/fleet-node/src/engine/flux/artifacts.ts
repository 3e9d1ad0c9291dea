/*
 * Flux 2.7's ArtifactGenerator (source.extensions.fluxcd.io, source-watcher):
 * an ExternalArtifact assembled by copy operations from sources. When every
 * copy of the artifact reads from this repository, the artifact is this
 * repository rearranged: we assemble the same file tree as a virtual snapshot
 * (source-watcher's builder semantics), build the Kustomization's path inside
 * it, and map every file back to the repository file it was copied from.
 */
import { minimatch } from 'minimatch';
import type { KObject, Problem, RepoPath, Snapshot } from '../core/types';
import { isRecord } from '../core/records';

/** The assembled artifact: its files and, per artifact file, the repository file it came from. */
export interface ArtifactView {
  snapshot: Snapshot;
  toRepo: Map<RepoPath, RepoPath>;
}

/** Why an artifact cannot be assembled. */
export type ArtifactFailure = Omit<Problem, 'cluster' | 'file' | 'line'> & {
  external?: boolean;
};

type Op = {
  from: string;
  to: string;
  exclude: string[];
  optional: boolean;
  strategy?: string;
};

const hasGlob = (p: string) => /[*?[\]]/.test(p);
const clean = (p: string) =>
  p
    .split('/')
    .filter(s => s && s !== '.')
    .join('/');
const join = (a: string, b: string) => clean(`${a}/${b}`);
const base = (p: string) => (p === '' ? '' : p.slice(p.lastIndexOf('/') + 1));

/** The artifact named `name` of an ArtifactGenerator, or undefined when it declares none. */
export function findArtifact(
  generator: KObject,
  name: string,
): Record<string, unknown> | undefined {
  const spec = isRecord(generator.spec) ? generator.spec : {};
  const artifacts = Array.isArray(spec.artifacts) ? spec.artifacts : [];
  return artifacts.filter(isRecord).find(a => a.name === name);
}

/**
 * Assembles artifact `artifactName` of `generator` from `snapshot`.
 * `isRepoSource(kind, namespace, name)` says whether a source is this repository;
 * a copy from any other source makes the artifact external (not fetched).
 */
export function assembleArtifact(
  snapshot: Snapshot,
  generator: KObject,
  artifactName: string,
  isRepoSource: (kind: string, namespace: string, name: string) => boolean,
): ArtifactView | ArtifactFailure {
  const genNs = generator.metadata?.namespace || 'default';
  const genId = `${genNs}/${generator.metadata?.name}`;
  const spec = isRecord(generator.spec) ? generator.spec : {};
  const aliases = new Map<
    string,
    { kind: string; name: string; namespace: string }
  >();
  for (const s of (Array.isArray(spec.sources) ? spec.sources : []).filter(
    isRecord,
  )) {
    aliases.set(String(s.alias ?? ''), {
      kind: String(s.kind ?? ''),
      name: String(s.name ?? ''),
      namespace:
        typeof s.namespace === 'string' && s.namespace ? s.namespace : genNs,
    });
  }
  const unsupported = (message: string): ArtifactFailure => ({
    severity: 'error',
    rule: 'unsupported-artifact-mapping',
    message: `ArtifactGenerator ${genId}, artifact ${artifactName}: ${message}`,
  });
  const artifact = findArtifact(generator, artifactName);
  if (!artifact) return unsupported('the generator declares no such artifact.');
  if (spec.pathPattern !== undefined)
    return unsupported('spec.pathPattern is not supported.');
  const ops: Op[] = (Array.isArray(artifact.copy) ? artifact.copy : [])
    .filter(isRecord)
    .map(c => ({
      from: String(c.from ?? ''),
      to: String(c.to ?? ''),
      exclude: Array.isArray(c.exclude) ? c.exclude.map(String) : [],
      optional: c.optional === true,
      strategy: typeof c.strategy === 'string' ? c.strategy : undefined,
    }));

  const allFiles = [...snapshot.files.keys()].sort();
  const staged = new Map<RepoPath, RepoPath>();
  const stagedDir = (d: string) =>
    d === '' || [...staged.keys()].some(k => k.startsWith(`${d}/`));
  for (const op of ops) {
    const m = /^@([^/]+)\/(.*)$/.exec(op.from);
    if (!m)
      return unsupported(
        `copy source '${op.from}' is not of the form @alias/pattern.`,
      );
    const src = aliases.get(m[1]);
    if (!src)
      return unsupported(
        `copy source alias '${m[1]}' is not declared in spec.sources.`,
      );
    if (!isRepoSource(src.kind, src.namespace, src.name)) {
      return {
        severity: 'warning',
        rule: 'external-source',
        external: true,
        message: `ArtifactGenerator ${genId}, artifact ${artifactName} copies from ${src.kind} ${src.namespace}/${src.name}, which is not this repository; it is recorded, not fetched.`,
      };
    }
    if (op.strategy && op.strategy !== 'Overwrite')
      return unsupported(`copy strategy '${op.strategy}' is not supported.`);
    if (!op.to.startsWith('@artifact/'))
      return unsupported(
        `copy destination '${op.to}' does not start with @artifact/.`,
      );
    const rawDest = op.to.slice('@artifact/'.length);
    if (rawDest.split('/').includes('..'))
      return unsupported(`copy destination '${op.to}' leaves the artifact.`);
    const dest = clean(rawDest);
    const pattern = m[2];
    const excluded = (f: string, baseDir: string) =>
      isExcluded(f, baseDir, op.exclude);
    let copied = 0;
    if (!hasGlob(pattern)) {
      const p = clean(pattern);
      if (snapshot.files.has(p)) {
        if (!excluded(p, '')) {
          const target =
            op.to.endsWith('/') || stagedDir(dest) ? join(dest, base(p)) : dest;
          staged.set(target, p);
        }
        copied = 1;
      } else {
        for (const f of allFiles) {
          if (p !== '' && !f.startsWith(`${p}/`)) continue;
          copied++;
          if (!excluded(f, p))
            staged.set(
              join(join(dest, base(p)), p === '' ? f : f.slice(p.length + 1)),
              f,
            );
        }
      }
    } else {
      const root = clean(
        pattern
          .split('/')
          .filter((_, i, parts) => !parts.slice(0, i + 1).some(hasGlob))
          .join('/'),
      );
      const stripPrefix = pattern.endsWith('/**')
        ? clean(pattern.slice(0, -3))
        : undefined;
      const globDest = (match: string) =>
        stripPrefix !== undefined && match.startsWith(`${stripPrefix}/`)
          ? join(dest, match.slice(stripPrefix.length + 1))
          : join(dest, match);
      for (const f of allFiles) {
        if (root && !f.startsWith(`${root}/`)) continue;
        const parts = f.split('/');
        let target: string | undefined;
        // a matched directory is copied whole (cp -r); the shallowest match decides
        for (let i = 1; i < parts.length && !target; i++) {
          const dir = parts.slice(0, i).join('/');
          if (
            dir !== stripPrefix &&
            dir.length > root.length &&
            minimatch(dir, pattern, { dot: true })
          ) {
            target = join(globDest(dir), parts.slice(i).join('/'));
          }
        }
        if (!target && minimatch(f, pattern, { dot: true }))
          target = globDest(f);
        if (!target) continue;
        copied++;
        if (!excluded(f, root)) staged.set(target, f);
      }
    }
    if (copied === 0 && !op.optional) {
      return {
        severity: 'error',
        rule: 'missing-path',
        message: `ArtifactGenerator ${genId}, artifact ${artifactName}: no files match '${op.from}'; source-watcher fails the artifact.`,
      };
    }
  }
  const files = new Map<RepoPath, string>();
  for (const [a, r] of staged) files.set(a, snapshot.files.get(r)!);
  return {
    snapshot: {
      revision: snapshot.revision,
      files,
      problems: [],
      limits: snapshot.limits,
    },
    toRepo: staged,
  };
}

/** source-watcher's exclude rule: a pattern matches the path, its path relative to the copy root, or (without '/') its base name. */
function isExcluded(
  file: string,
  baseDir: string,
  patterns: string[],
): boolean {
  if (patterns.length === 0) return false;
  const rel =
    baseDir && file.startsWith(`${baseDir}/`)
      ? file.slice(baseDir.length + 1)
      : file;
  return patterns.some(
    p =>
      minimatch(file, p, { dot: true }) ||
      minimatch(rel, p, { dot: true }) ||
      (!p.includes('/') && minimatch(base(file), p, { dot: true })),
  );
}
