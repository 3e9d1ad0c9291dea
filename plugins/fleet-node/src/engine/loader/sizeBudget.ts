/*
 * The size bounds of a snapshot: per file, per directory (the files directly
 * in it) and per repository. A hostile repository of many files each under
 * the per-file bound (a thousand 5 MB files) would otherwise be read whole
 * into the resolve worker's memory. Argo CD's repo-server bounds the same
 * three things (max manifest size, directory, repository); the files over a
 * bound are reported as `file-too-large` and not read, so the clusters that
 * reference them get the problem at the entry, as for one large file.
 */
import { dirnameOf } from '../core/paths';
import type { RepoPath } from '../core/types';

/** The bounds, in bytes. */
export interface SizeLimits {
  /** Largest file read. Default 5 MB. */
  maxFileBytes: number;
  /** Most bytes read from the files directly in one directory. Default 64 MB. */
  maxDirectoryBytes: number;
  /** Most bytes read from the whole repository. Default 256 MB. */
  maxRepositoryBytes: number;
}

/** The defaults of {@link SizeLimits}. */
export const DEFAULT_SIZE_LIMITS: SizeLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxDirectoryBytes: 64 * 1024 * 1024,
  maxRepositoryBytes: 256 * 1024 * 1024,
};

/** Charges each file read against the three bounds, in the order files are read. */
export class SizeBudget {
  readonly limits: SizeLimits;
  #repository = 0;
  readonly #directories = new Map<RepoPath, number>();

  /** `limits` left out or undefined take their default. */
  constructor(limits: Partial<SizeLimits> = {}) {
    const d = DEFAULT_SIZE_LIMITS;
    this.limits = {
      maxFileBytes: limits.maxFileBytes ?? d.maxFileBytes,
      maxDirectoryBytes: limits.maxDirectoryBytes ?? d.maxDirectoryBytes,
      maxRepositoryBytes: limits.maxRepositoryBytes ?? d.maxRepositoryBytes,
    };
  }

  /**
   * Charges `size` bytes of `file` and returns undefined when they fit every
   * bound; otherwise charges nothing and returns the sentence of the
   * `file-too-large` problem.
   */
  admit(file: RepoPath, size: number): string | undefined {
    return this.refuse(file, size)?.message;
  }

  /**
   * As {@link SizeBudget.admit}, naming the bound that refused the file:
   * a URL source stops reading an archive at the repository bound, where a
   * file or directory bound skips one file.
   */
  refuse(
    file: RepoPath,
    size: number,
  ):
    | { bound: 'file' | 'directory' | 'repository'; message: string }
    | undefined {
    const { maxFileBytes, maxDirectoryBytes, maxRepositoryBytes } = this.limits;
    if (size > maxFileBytes)
      return {
        bound: 'file',
        message: `${file} is ${size} bytes, over the ${maxFileBytes}-byte limit; it was not read.`,
      };
    const dir = dirnameOf(file);
    const inDir = this.#directories.get(dir) ?? 0;
    if (inDir + size > maxDirectoryBytes)
      return {
        bound: 'directory',
        message: `${file} was not read: the files of ${
          dir || 'the repository root'
        } read before it already total ${inDir} bytes, and a directory may hold at most ${maxDirectoryBytes}.`,
      };
    if (this.#repository + size > maxRepositoryBytes)
      return {
        bound: 'repository',
        message: `${file} was not read: the files read before it already total ${
          this.#repository
        } bytes, and the repository may hold at most ${maxRepositoryBytes}.`,
      };
    this.#directories.set(dir, inDir + size);
    this.#repository += size;
    return undefined;
  }
}
