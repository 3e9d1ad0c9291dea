/*
 * The state of one build: the snapshot, its directory index, the directory
 * chain (kustomize's loader referrer chain, for cycle detection), and a stack
 * of frames recording what each cached step read and reported.
 */
import type { Problem, RepoPath, Snapshot } from '../core/types';
import { indexSnapshot } from '../core/snapshotIndex';
import type { SnapshotIndex } from '../core/snapshotIndex';
import { parseYamlDocuments } from '../yaml';
import type { ParsedYamlDocuments } from '../yaml';
import { BuildCache, emptyReadSet, listingOf } from './BuildCache';
import type { ReadSet } from './BuildCache';
import { findKustomizationFiles, parseKustomizationFile } from './kustFile';
import type { KustFile } from './kustFile';
import type { AccumulatorState, ProblemSink } from './types';
import { emptyConfig } from './transformers/transformerConfig';

/** What one frame (one cacheable step) saw. */
export interface Frame {
  reads: ReadSet;
  problems: Omit<Problem, 'cluster'>[];
  visited: RepoPath[];
}

function emptyFrame(): Frame {
  return { reads: emptyReadSet(), problems: [], visited: [] };
}

/** Per-build environment shared by the accumulation stages. */
export class BuildEnv {
  readonly index: SnapshotIndex;
  readonly cache: BuildCache;
  /** Directories being accumulated, outermost first. */
  /**
   * The accumulator being built (kustomize's ResAccumulator config and var
   * set): a directory resource gets its own, a component shares its parent's.
   */
  acc: AccumulatorState = { config: emptyConfig(), vars: [] };
  readonly chain: RepoPath[] = [];
  readonly #frames: Frame[] = [emptyFrame()];
  /** Reports into the current frame. */
  readonly sink: ProblemSink = { report: p => this.#top().problems.push(p) };

  constructor(readonly snapshot: Snapshot, cache?: BuildCache) {
    this.index = indexSnapshot(snapshot);
    // a private cache still memoizes parses within one build
    this.cache = cache ?? new BuildCache();
    this.cache.useLimits(snapshot.limits);
  }

  #top(): Frame {
    return this.#frames[this.#frames.length - 1];
  }

  /** Reads a file from the snapshot, recording the read; undefined when absent. */
  readonly read = (path: RepoPath): string | undefined => {
    const text = this.snapshot.files.get(path);
    this.#top().reads.files.set(path, text ?? null);
    return text;
  };

  /** Whether `path` is a directory, recording the probe. */
  isDir(path: RepoPath): boolean {
    const exists = this.index.isDir(path);
    this.#top().reads.dirs.set(path, exists);
    return exists;
  }

  /** Whether `path` is a file, recording the probe (as a read of its content). */
  isFile(path: RepoPath): boolean {
    return this.read(path) !== undefined;
  }

  /** Lists a directory, recording its fingerprint. */
  list(dir: RepoPath): { files: string[]; dirs: string[] } {
    this.#top().reads.listings.set(dir, listingOf(this.index, dir));
    return this.index.dir(dir) ?? { files: [], dirs: [] };
  }

  /** The recognized kustomization files of `dir`, recording the probes of every candidate name. */
  kustomizationFiles(dir: RepoPath): RepoPath[] {
    const found = findKustomizationFiles(this.index, dir);
    for (const name of [
      'kustomization.yaml',
      'kustomization.yml',
      'Kustomization',
    ]) {
      this.read(dir === '' ? name : `${dir}/${name}`);
    }
    return found;
  }

  /** Parses a kustomization file through the parse memo; its problems are reported again on every use. */
  kustFile(path: RepoPath): KustFile | undefined {
    const text = this.read(path) ?? '';
    const max = this.snapshot.limits?.maxKustomizationBytes;
    const memo = this.cache.parsed(`kust:${path}`, text, () => {
      const problems: Omit<Problem, 'cluster'>[] = [];
      const value = parseKustomizationFile(
        path,
        text,
        { report: p => problems.push(p) },
        max,
      );
      return { value, problems };
    });
    memo.problems.forEach(p => this.sink.report(p));
    return memo.value;
  }

  /** Parses a resource file through the parse memo; its problems are reported on every use. */
  yamlDocs(path: RepoPath, text: string): ParsedYamlDocuments {
    const memo = this.cache.parsed(`yaml:${path}`, text, () =>
      parseYamlDocuments(path, text),
    );
    memo.problems.forEach(({ cluster: _, ...p }) => this.sink.report(p));
    return memo;
  }

  /** Starts a frame for a cacheable step. */
  pushFrame(): void {
    this.#frames.push(emptyFrame());
  }

  /** Ends the current frame, merging what it saw into the enclosing one, and returns it. */
  popFrame(): Frame {
    const frame = this.#frames.pop()!;
    this.merge(frame);
    return frame;
  }

  /** Adds a frame's reads, problems and visited directories to the current frame (used on cache reuse too). */
  merge(frame: Pick<Frame, 'reads' | 'problems' | 'visited'>): void {
    const top = this.#top();
    frame.reads.files.forEach((v, k) => top.reads.files.set(k, v));
    frame.reads.dirs.forEach((v, k) => top.reads.dirs.set(k, v));
    frame.reads.listings.forEach((v, k) => top.reads.listings.set(k, v));
    // one by one: spreading the 300k problems of a hostile file overflows the stack
    for (const p of frame.problems) top.problems.push(p);
    for (const v of frame.visited) top.visited.push(v);
  }

  /** Records that `dir` was accumulated. */
  visit(dir: RepoPath): void {
    this.#top().visited.push(dir);
  }

  /** The outermost frame: everything the build saw. */
  get root(): Frame {
    return this.#frames[0];
  }
}
