/*
 * Names the main thread's long tasks in a V8 CPU profile (`node --cpu-prof`):
 * every run of consecutive non-idle samples longer than a threshold, with the
 * functions of this repository (and of Backstage) that were on the stack for
 * most of it. Load-independent in the sense that matters here: a task's
 * length is the CPU the main thread spent without returning to the event
 * loop, which is what makes other requests wait.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/cpuProfileLongTasks.ts <file.cpuprofile> [thresholdMs]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One long task of a profile. */
export interface LongTask {
  /** Milliseconds since the profile started. */
  startMs: number;
  durationMs: number;
  /** The frames on the stack for the largest share of the task, most inclusive first. */
  frames: Array<{ name: string; ms: number }>;
  /** The functions the task spent most of its own time in (any code: GC, deserialization). */
  self: Array<{ name: string; ms: number }>;
}

const IDLE = new Set(['(idle)', '(program)']);

function frameName(n: ProfileNode): string {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const at = url.replace(/^.*\/(plugins|packages|node_modules)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${at}:${
    n.callFrame.lineNumber + 1
  }`;
}

// frames that say what the task was doing (not the runtime's own plumbing)
const interesting = (n: ProfileNode) =>
  /\/(plugins|packages)\/|@backstage|knex|better-sqlite3|express/.test(
    n.callFrame.url,
  ) && !/node_modules\/(ts-node|@swc|source-map)/.test(n.callFrame.url);

/** The long tasks of `profile`, over `thresholdMs`. */
export function longTasks(profile: CpuProfile, thresholdMs = 50): LongTask[] {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes)
    for (const c of n.children ?? []) parent.set(c, n.id);
  const tasks: LongTask[] = [];
  let t = 0;
  let run: { start: number; ms: number; stacks: Map<number, number> } | null =
    null;
  const close = () => {
    if (run && run.ms >= thresholdMs) {
      const inclusive = new Map<string, number>();
      for (const [leaf, ms] of run.stacks) {
        const seen = new Set<string>();
        for (let id: number | undefined = leaf; id; id = parent.get(id)) {
          const n = byId.get(id)!;
          if (!interesting(n)) continue;
          const name = frameName(n);
          if (seen.has(name)) continue;
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
        }
      }
      const own = new Map<string, number>();
      for (const [leaf, ms] of run.stacks) {
        const name = frameName(byId.get(leaf)!);
        own.set(name, (own.get(name) ?? 0) + ms);
      }
      const top = (m: Map<string, number>, n: number) =>
        [...m]
          .map(([name, ms]) => ({ name, ms }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, n);
      tasks.push({
        startMs: run.start,
        durationMs: run.ms,
        frames: top(inclusive, 6),
        self: top(own, 3),
      });
    }
    run = null;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    const name = byId.get(id)!.callFrame.functionName;
    if (IDLE.has(name)) {
      close();
      return;
    }
    run ??= { start: t, ms: 0, stacks: new Map() };
    run.ms += dt;
    run.stacks.set(id, (run.stacks.get(id) ?? 0) + dt);
  });
  close();
  return tasks;
}

/** Prints the long tasks of the profile in `file`; returns them. */
export function reportLongTasks(
  file: string,
  thresholdMs = 50,
  print: (line: string) => void = console.log,
): LongTask[] {
  const tasks = longTasks(
    JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
    thresholdMs,
  );
  print(`${tasks.length} main-thread tasks over ${thresholdMs} ms in ${file}`);
  for (const task of tasks) {
    print(
      `  at ${(task.startMs / 1000).toFixed(1)} s: ${task.durationMs.toFixed(
        0,
      )} ms`,
    );
    for (const f of task.frames)
      print(`      ${f.ms.toFixed(0).padStart(5)} ms  ${f.name}`);
    for (const f of task.self)
      print(`      ${f.ms.toFixed(0).padStart(5)} ms  self: ${f.name}`);
  }
  return tasks;
}

if (require.main === module) {
  const [file, threshold] = process.argv.slice(2);
  if (!file) {
    console.error(
      'usage: cpuProfileLongTasks.ts <file.cpuprofile> [thresholdMs]',
    );
    process.exit(2);
  }
  reportLongTasks(file, threshold ? Number(threshold) : 50);
}
