/*
 * What a V8 heap snapshot (`node --heapsnapshot-signal`, or Chrome DevTools)
 * holds, by kind: the self size of every node summed per V8 node type and,
 * for objects, per constructor. Self sizes, not retained sizes (those need
 * the dominator tree): enough to tell a heap of code and source maps from
 * one of model objects. Used by scripts/bench-liveness.ts --heap-snapshot
 * (which also takes the snapshot, {@link takeHeapSnapshot});
 * on its own:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/lib/heapSnapshotSummary.ts <file.heapsnapshot> [top]
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * The Node options that let {@link takeHeapSnapshot} ask a process for a
 * snapshot of its main thread, written into `dir` (for NODE_OPTIONS).
 */
export function heapSnapshotOptions(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`;
}

/**
 * Asks process `pid` (started with {@link heapSnapshotOptions}`(dir)`) for a
 * heap snapshot and resolves with its path once it is written: Node writes
 * it on the main thread, so done is when the new file's size stays the same.
 */
export async function takeHeapSnapshot(
  pid: number,
  dir: string,
): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  let last = -1;
  for (let waited = 0; waited < 300; waited++) {
    await sleep(2_000);
    const file = readdirSync(dir).find(
      f => !before.has(f) && f.endsWith('.heapsnapshot'),
    );
    if (!file) continue;
    const size = statSync(join(dir, file)).size;
    if (size > 0 && size === last) return join(dir, file);
    last = size;
  }
  throw new Error(`no heap snapshot from process ${pid} after 10 minutes`);
}

interface HeapSnapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[], ...unknown[]] };
  };
  nodes: number[];
  strings: string[];
}

/** One line of a summary: a kind of node, how many and their self size in bytes. */
export interface HeapShare {
  kind: string;
  count: number;
  bytes: number;
}

/** The heap of `file` by node type (and constructor, for objects), largest first. */
export function summarizeHeapSnapshot(file: string): {
  totalBytes: number;
  shares: HeapShare[];
  /** The largest strings: their size and first characters (what they are). */
  largestStrings: Array<{ bytes: number; start: string }>;
} {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const shares = new Map<string, HeapShare>();
  const strings: Array<{ bytes: number; name: number }> = [];
  let totalBytes = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const bytes = snap.nodes[i + sizeAt];
    totalBytes += bytes;
    // objects by constructor; strings, code, arrays and the rest by type
    const kind =
      type === 'object' || type === 'closure'
        ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}`
        : type;
    if (type === 'string' && bytes >= 65_536)
      strings.push({ bytes, name: snap.nodes[i + nameAt] });
    const share = shares.get(kind) ?? { kind, count: 0, bytes: 0 };
    share.count++;
    share.bytes += bytes;
    shares.set(kind, share);
  }
  return {
    totalBytes,
    shares: [...shares.values()].sort((a, b) => b.bytes - a.bytes),
    largestStrings: strings
      .sort((a, b) => b.bytes - a.bytes)
      .map(x => ({
        bytes: x.bytes,
        start: snap.strings[x.name].slice(0, 60).replace(/\s+/g, ' '),
      })),
  };
}

/** Prints the `top` largest kinds of `file`. */
export function printHeapSummary(file: string, top = 15): void {
  const { totalBytes, shares, largestStrings } = summarizeHeapSnapshot(file);
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.log(`heap snapshot ${file}: ${mb(totalBytes)} MB live`);
  for (const s of shares.slice(0, top)) {
    console.log(
      `  ${mb(s.bytes).padStart(7)} MB  ${String(s.count).padStart(
        8,
      )}  ${s.kind.slice(0, 100)}`,
    );
  }
  const big = largestStrings.reduce((sum, x) => sum + x.bytes, 0);
  console.log(
    `  strings of 64 kB or more: ${largestStrings.length}, ${mb(
      big,
    )} MB; the largest:`,
  );
  for (const x of largestStrings.slice(0, top)) {
    console.log(`  ${mb(x.bytes).padStart(7)} MB  ${JSON.stringify(x.start)}`);
  }
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: heapSnapshotSummary.ts <file.heapsnapshot> [top]');
    process.exitCode = 2;
  } else {
    printHeapSummary(file, top ? Number(top) : undefined);
  }
}
