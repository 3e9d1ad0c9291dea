/*
 * The base branch of the emulated GitHub as a linear history that tests can
 * move while a publish runs ("base moved between check and commit"), and
 * GitHub's compare API over it: `A...B` lists the files changed from the
 * merge base of A and B to B (docs.github.com "Compare two commits": a
 * three-dot comparison), so a base behind the planned revision lists
 * nothing.
 */

/** One commit of the base branch: its tree and the files it changed. */
export interface BaseCommit {
  sha: string;
  tree: string;
  files: string[];
}

/** What the emulated compare API answers; undefined is a 404. */
export interface Comparison {
  status: 'identical' | 'ahead' | 'behind' | 'diverged';
  files: string[];
}

/**
 * The base branch `main`, starting at `main-head` (tree `main-tree`).
 * `changedSince[rev]`: files changed on main from `rev` (a revision older
 * than main-head) to main-head. `aheadOf[rev]`: files `rev` changed on top
 * of main-head, a revision the branch lost (a force-push to an older one).
 */
export class BaseHistory {
  readonly commits: BaseCommit[] = [
    { sha: 'main-head', tree: 'main-tree', files: [] },
  ];

  constructor(
    private readonly changedSince: Record<string, string[]> = {},
    private readonly aheadOf: Record<string, string[]> = {},
  ) {}

  /** The commit main points at now. */
  get head(): BaseCommit {
    return this.commits[this.commits.length - 1];
  }

  /** Commits `files` on main (another user's push); returns the new head. */
  move(files: string[]): BaseCommit {
    const n = this.commits.length + 1;
    this.commits.push({ sha: `main-${n}`, tree: `main-tree-${n}`, files });
    return this.head;
  }

  /** The commit `ref` names (`main`, `heads/main` or a SHA of main's history). */
  resolve(ref: string): BaseCommit | undefined {
    if (ref === 'main' || ref === 'heads/main') return this.head;
    return this.commits.find(c => c.sha === ref);
  }

  /** The files main changed after `sha` up to its commit `to` (default: head). */
  changedAfter(sha: string, to = this.head.sha): string[] {
    const from = this.commits.findIndex(c => c.sha === sha);
    const end = this.commits.findIndex(c => c.sha === to);
    return [
      ...new Set(this.commits.slice(from + 1, end + 1).flatMap(c => c.files)),
    ];
  }

  /** GitHub's `GET /compare/{base}...{head}`. */
  compare(basehead: string): Comparison | undefined {
    const [base, headRef] = basehead.split('...');
    const head = this.resolve(headRef);
    if (this.aheadOf[base] && head) return { status: 'behind', files: [] };
    // the lost revision forked from main-head: its own changes only
    if (this.aheadOf[headRef] && this.resolve(base)) {
      const status = base === 'main-head' ? 'ahead' : 'diverged';
      return { status, files: this.aheadOf[headRef] };
    }
    if (!head) return undefined;
    let files: string[];
    if (this.changedSince[base]) {
      files = [
        ...this.changedSince[base],
        ...this.changedAfter('main-head', head.sha),
      ];
    } else {
      const from = this.commits.findIndex(c => c.sha === base);
      if (from < 0) return undefined;
      if (from > this.commits.indexOf(head))
        return { status: 'behind', files: [] };
      files = this.changedAfter(base, head.sha);
    }
    files = [...new Set(files)];
    return { status: files.length ? 'ahead' : 'identical', files };
  }

  /**
   * What merging a branch whose commit has `parent` and writes `paths` into
   * main would do, as GitHub's three-way merge: main's changes since the
   * parent are carried, and a file both changed is a conflict (shown on the
   * pull request), never a silent revert.
   */
  mergeInto(
    parent: string,
    paths: string[],
  ): { carried: string[]; conflicts: string[] } {
    const theirs = this.changedAfter(parent);
    return {
      carried: theirs.filter(f => !paths.includes(f)),
      conflicts: theirs.filter(f => paths.includes(f)),
    };
  }
}
