import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { FleetService } from './types';
import { readFleetConfig } from './readFleetConfig';
import { createFleetSource } from './sources/createFleetSource';
import { WorkerFleetService } from './WorkerFleetService';

/** The task id of the refresh, on the scheduler of the first plugin that uses the service. */
export const FLEET_REFRESH_TASK_ID = 'fleet-refresh';

/**
 * The fleet engine service. Plugin scoped so that it can use the plugin
 * scoped scheduler and URL reader, with one root context: the fleet backend,
 * the catalog module and the scaffolder module share one model, one worker
 * and one build cache. The first plugin that depends on it registers the
 * `fleet.refresh` schedule (`fleet-refresh`, scope `global` by default: one
 * run per interval across backend replicas); the others only read.
 */
export const fleetServiceRef = createServiceRef<FleetService>({
  id: 'fleet.engine',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        rootLogger: coreServices.rootLogger,
        rootLifecycle: coreServices.rootLifecycle,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
      },
      async createRootContext({ config, rootLogger, rootLifecycle }) {
        const fleetConfig = readFleetConfig(config);
        const logger = rootLogger.child({ service: 'fleet' });
        let urlReader: UrlReaderService | undefined;
        const source = await createFleetSource({
          config: fleetConfig,
          logger,
          urlReader: () => {
            if (!urlReader)
              throw new Error(
                'The fleet URL source is used before any plugin started',
              );
            return urlReader;
          },
        });
        const fleet = new WorkerFleetService({
          source,
          logger,
          budget: fleetConfig.resolve,
          settings: {
            clusters: fleetConfig.clusters,
            maxKustomizationBytes: fleetConfig.resolve.maxKustomizationBytes,
          },
        });
        rootLifecycle.addShutdownHook(() => fleet.close());
        let scheduled = false;
        return {
          fleet,
          schedule: fleetConfig.schedule,
          // the first plugin's reader and scheduler serve every plugin: one task per backend
          claim(reader: UrlReaderService): boolean {
            urlReader ??= reader;
            const first = !scheduled;
            scheduled = true;
            return first;
          },
        };
      },
      async factory({ scheduler, urlReader, logger }, context) {
        if (context.claim(urlReader)) {
          await scheduler.scheduleTask({
            id: FLEET_REFRESH_TASK_ID,
            ...context.schedule,
            fn: async () => {
              // the service logs and keeps the last good model; a task never throws
              await context.fleet.refresh().catch(() => undefined);
            },
          });
          logger.info(
            `Fleet refresh scheduled (${JSON.stringify(
              context.schedule.frequency,
            )})`,
          );
        }
        return context.fleet;
      },
    }),
});
