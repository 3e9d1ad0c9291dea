/*
 * Units: shared definitions grouped by directory patterns. Objects stay the
 * ground truth; a unit is the view "this directory of definitions, and the
 * clusters that use it".
 */
import type { FleetUnitKind } from '@flux-fleet/backstage-plugin-fleet-common';
import type { RepoPath, SourceRef } from '../core/types';

/**
 * A directory pattern: literal segments and `<placeholder>` segments, each
 * matching one directory name, e.g. `apps/<name>` or
 * `infrastructure/policies/<engine>/<stage>`.
 */
export interface UnitPattern {
  pattern: string;
  kind: FleetUnitKind;
}

/**
 * The seed's layout. `apps/common/<name>` comes first so that baseline apps
 * kept in their own folder under apps/common are units of their own; objects
 * declared directly in apps/common belong to the `apps/common` unit.
 * `apps/base/<name>` is Flux's example layout (flux2-kustomize-helm-example:
 * one base per app under apps/base, one overlay directory per cluster), where
 * the app, not `base`, is the unit.
 */
export const DEFAULT_UNIT_PATTERNS: UnitPattern[] = [
  { pattern: 'apps/common/<name>', kind: 'app' },
  { pattern: 'apps/base/<name>', kind: 'app' },
  { pattern: 'apps/<name>', kind: 'app' },
  { pattern: 'infrastructure/controllers/<name>', kind: 'controller' },
  { pattern: 'infrastructure/namespaces/<set>', kind: 'namespace-set' },
  { pattern: 'infrastructure/policies/<engine>/<stage>', kind: 'policy-set' },
];

/** The unit a file belongs to. */
export interface UnitMatch {
  /** The matched directory, e.g. `apps/podinfo`. */
  id: string;
  kind: FleetUnitKind;
  /** The placeholder values joined by `-`, e.g. `podinfo`, `kyverno-shared`. */
  name: string;
}

/** Compiled unit patterns, with a per-directory memo. */
export class UnitMatcher {
  readonly #patterns: { segments: string[]; kind: FleetUnitKind }[];
  readonly #memo = new Map<RepoPath, UnitMatch | null>();

  constructor(patterns: UnitPattern[] = DEFAULT_UNIT_PATTERNS) {
    this.#patterns = patterns.map(p => ({
      segments: p.pattern.split('/').filter(Boolean),
      kind: p.kind,
    }));
  }

  /** The unit of the file at `file`: the first pattern its directory lies in, or null. */
  unitOf(file: RepoPath): UnitMatch | null {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    return this.unitOfDir(dir);
  }

  /** The unit containing directory `dir` (the directory itself or an ancestor), or null. */
  unitOfDir(dir: RepoPath): UnitMatch | null {
    const memo = this.#memo.get(dir);
    if (memo !== undefined) return memo;
    const parts = dir === '' ? [] : dir.split('/');
    let found: UnitMatch | null = null;
    for (const p of this.#patterns) {
      if (parts.length < p.segments.length) continue;
      const values: string[] = [];
      const ok = p.segments.every((seg, i) => {
        if (/^<[^>]+>$/.test(seg)) {
          values.push(parts[i]);
          return true;
        }
        return seg === parts[i];
      });
      if (ok) {
        found = {
          id: parts.slice(0, p.segments.length).join('/'),
          kind: p.kind,
          name: values.join('-') || parts[p.segments.length - 1],
        };
        break;
      }
    }
    this.#memo.set(dir, found);
    return found;
  }
}

/**
 * The directory by which a cluster's tree enters `unitId` for one object: the
 * directory of the first kustomization entry inside the unit, else the
 * directory of the object's own file.
 */
export function unitEntry(
  unitId: string,
  source: SourceRef,
  via: SourceRef[],
): RepoPath {
  const inside = (f: string) => f.startsWith(`${unitId}/`);
  const first = via.find(v => inside(v.file));
  const file = first ? first.file : source.file;
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
}
