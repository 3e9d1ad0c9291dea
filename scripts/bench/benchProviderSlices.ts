/*
 * The fleet plugins' own share of the event loop when a large model
 * arrives, measured in-process and in CPU time, so the figure holds on a
 * loaded machine: the catalog provider applying a first model of 50,000
 * entities (to a connection that only records the mutations: Backstage's
 * own work is measured by benchCatalogScale.ts) and fleet-backend preparing
 * its API view of the same model. A ticker re-arms itself with setImmediate;
 * the CPU the process used between two ticks is the longest the loop was
 * held. Run by hand:
 *
 *   source scripts/env.sh
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/bench/benchProviderSlices.ts [--entities 50000]
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  FleetService,
  FleetState,
} from '@flux-fleet/backstage-plugin-fleet-node';
import { FleetEntityProvider } from '../../plugins/catalog-backend-module-fleet/src/FleetEntityProvider';
import { prepareView } from '../../plugins/fleet-backend/src/service/fleetView';

const i = process.argv.indexOf('--entities');
const count = i > 0 ? Number(process.argv[i + 1]) : 50_000;
const clusters = 25;

/** Namespaces spread over 25 clusters, each one entity; bodies for the view. */
function stateOf(n: number): FleetState {
  const rows = Array.from({ length: n }, (_, k) => ({
    cluster: `c${k % clusters}`,
    apiVersion: 'v1',
    kind: 'Namespace',
    namespace: null,
    name: `tenant-${k}`,
    unit: null,
    fluxKustomization: 'flux-system/infra',
    source: { file: `infrastructure/tenants/c${k % clusters}.yaml`, line: k },
  }));
  const objects = rows.map(r => ({
    object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: r.name } },
  }));
  const matrix = {
    revision: 'bench',
    clusters: Array.from({ length: clusters }, (_, c) => ({
      name: `c${c}`,
      path: `clusters/c${c}`,
    })),
    objects: rows,
    units: [],
    problems: [],
  };
  return {
    model: { revision: 'bench', objects },
    matrix,
    revision: 'bench',
    refreshedAt: new Date().toISOString(),
    durationMs: 0,
  } as unknown as FleetState;
}

/** Runs `work`; returns its CPU time and the most CPU used between two event-loop turns. */
async function measure(work: () => Promise<unknown>) {
  let longest = 0;
  let last = process.cpuUsage();
  let running = true;
  const tick = () => {
    const used = process.cpuUsage(last);
    longest = Math.max(longest, (used.user + used.system) / 1000);
    last = process.cpuUsage();
    if (running) setImmediate(tick);
  };
  const start = process.cpuUsage();
  setImmediate(tick);
  await work();
  running = false;
  const total = process.cpuUsage(start);
  return { cpuMs: (total.user + total.system) / 1000, longestMs: longest };
}

const quiet = () => {};
const logger: LoggerService = {
  info: quiet,
  warn: quiet,
  error: quiet,
  debug: quiet,
  child: () => logger,
};

async function main() {
  const state = stateOf(count);
  const fleet = {
    getState: async () => state,
    subscribe: () => () => {},
  } as unknown as FleetService;
  let mutations = 0;
  const provider = new FleetEntityProvider({
    id: 'default',
    fleet,
    logger,
    previouslyEmitted: async () => [],
  });
  await provider.connect({
    applyMutation: async () => {
      mutations++;
    },
    refresh: async () => {},
  });
  const apply = await measure(() => provider.read());
  console.log(
    `catalog provider, first model of ${
      provider.getStatus().applied
    } entities: ` +
      `${apply.cpuMs.toFixed(
        0,
      )} ms CPU in ${mutations} mutations, longest task ${apply.longestMs.toFixed(
        1,
      )} ms CPU`,
  );
  const view = await measure(() => prepareView(state));
  console.log(
    `fleet-backend view of ${count} objects: ${view.cpuMs.toFixed(
      0,
    )} ms CPU, longest task ${view.longestMs.toFixed(1)} ms CPU`,
  );
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
