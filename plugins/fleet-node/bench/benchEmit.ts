/*
 * What printing like kustomize costs: the 20 × 500 fleet of bench.ts,
 * resolved with a cold cache, then every cluster's objects printed with the
 * kyaml-faithful emitter (emitKyamlStream, what `fleet build` prints) and,
 * for reference, with the yaml package's stringify. Target: emitting costs at
 * most 10% of the cold resolve (issue 11). Times are CPU time of this
 * process (user + system), so that other load on a shared machine does not
 * skew the ratio; printing takes the best of three runs.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/benchEmit.ts [--clusters 20] [--apps 500]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { BuildCache } from '../src/engine/kustomize/BuildCache';
import { loadLocalSnapshot } from '../src/engine/loader/loadLocalSnapshot';
import { resolveFleet } from '../src/engine/model/resolveFleet';
import { emitKyamlStream } from '../src/engine/yaml/emitKyaml';
import { generateFleet } from './generateFleet';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

async function main() {
  const shape = { clusters: arg('clusters', 20), apps: arg('apps', 500) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-bench-emit-'));
  try {
    const files = generateFleet(dir, shape);
    const snapshot = await loadLocalSnapshot(dir, { readRevision: false });
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(since);
      return (d.user + d.system) / 1000;
    };
    // CPU time does not depend on the load; the load average says how far wall-clock figures would
    const load = () =>
      os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ');
    console.log(`load average before: ${load()}`);
    const t0 = process.cpuUsage();
    const model = resolveFleet(snapshot, { cache: new BuildCache() });
    const resolveMs = cpuMs(t0);
    const byCluster = new Map<string, unknown[]>();
    for (const o of model.objects) {
      const list = byCluster.get(o.cluster) ?? [];
      list.push(o.object);
      byCluster.set(o.cluster, list);
    }
    const time = (print: (objects: unknown[]) => string) => {
      let best = Infinity;
      let bytes = 0;
      for (let run = 0; run < 3; run++) {
        const t = process.cpuUsage();
        bytes = 0;
        for (const objects of byCluster.values())
          bytes += print(objects).length;
        best = Math.min(best, cpuMs(t));
      }
      return { best, bytes };
    };
    const kyaml = time(emitKyamlStream);
    const plain = time(objects =>
      objects
        .map(o => stringify(o, { sortMapEntries: true, lineWidth: 0 }))
        .join('---\n'),
    );
    const ratio = kyaml.best / resolveMs;
    console.log(`${files} files, ${model.objects.length} objects`);
    console.log(`resolveFleet, cold cache: ${resolveMs.toFixed(0)} ms CPU`);
    console.log(
      `emitKyamlStream, every cluster: ${kyaml.best.toFixed(0)} ms CPU (${(
        kyaml.bytes / 1e6
      ).toFixed(1)} MB), ${(ratio * 100).toFixed(1)}% of the resolve`,
    );
    console.log(
      `yaml stringify (sorted keys), for reference: ${plain.best.toFixed(
        0,
      )} ms CPU`,
    );
    console.log(`load average after: ${load()}`);
    console.log(ratio <= 0.1 ? 'PASS (≤ 10%)' : 'FAIL (> 10%)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
