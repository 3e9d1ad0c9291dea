/*
 * The planner's scratch copy of the repository: edits on top of a snapshot,
 * read back by later steps (the namespace step edits the list the app step
 * just edited), turned into file changes and a planned snapshot at the end.
 */
import type { PromotionFileChange } from '@flux-fleet/backstage-plugin-fleet-common';
import type { Snapshot } from '../engine';

/** Pending file edits over a snapshot. */
export class FileEdits {
  readonly #base: Snapshot;
  readonly #changed = new Map<string, string | null>();

  constructor(base: Snapshot) {
    this.#base = base;
  }

  /** The file's current content (edits applied), or undefined when it does not exist. */
  read(path: string): string | undefined {
    if (this.#changed.has(path)) return this.#changed.get(path) ?? undefined;
    return this.#base.files.get(path);
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  /** Every path under `dir/` that exists now. */
  under(dir: string): string[] {
    const prefix = `${dir}/`;
    const paths = new Set(
      [...this.#base.files.keys()].filter(p => p.startsWith(prefix)),
    );
    for (const [p, c] of this.#changed) {
      if (!p.startsWith(prefix)) continue;
      if (c === null) paths.delete(p);
      else paths.add(p);
    }
    return [...paths].sort();
  }

  write(path: string, content: string): void {
    this.#changed.set(path, content);
  }

  delete(path: string): void {
    this.#changed.set(path, null);
  }

  /** The changes that differ from the base, sorted by path (an edit undone by a later one is none). */
  changes(): PromotionFileChange[] {
    const out: PromotionFileChange[] = [];
    for (const [path, after] of [...this.#changed].sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      const before = this.#base.files.get(path);
      if (before === (after ?? undefined)) continue;
      if (before === undefined && after !== null)
        out.push({ path, action: 'create', after });
      else if (after === null && before !== undefined)
        out.push({ path, action: 'delete', before });
      else if (before !== undefined && after !== null)
        out.push({ path, action: 'update', before, after });
    }
    return out;
  }

  /** The base snapshot with the edits applied (the base itself when nothing changed). */
  snapshot(): Snapshot {
    const changes = this.changes();
    if (changes.length === 0) return this.#base;
    const files = new Map(this.#base.files);
    for (const c of changes) {
      if (c.action === 'delete') files.delete(c.path);
      else files.set(c.path, c.after!);
    }
    return { ...this.#base, files };
  }
}
