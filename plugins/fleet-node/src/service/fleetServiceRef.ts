import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultFleetService } from './DefaultFleetService';
import type { FleetService } from './types';
import { readFleetConfig } from './readFleetConfig';
import { createLocalFleetReader } from './createLocalFleetReader';

/**
 * The fleet engine service. Root scoped so the fleet backend, the catalog
 * module and the scaffolder module share one model and one build cache.
 */
export const fleetServiceRef = createServiceRef<FleetService>({
  id: 'fleet.engine',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
      factory({ config, logger }) {
        const { source } = readFleetConfig(config);
        return new DefaultFleetService({
          read: createLocalFleetReader(source.path),
          logger: logger.child({ service: 'fleet' }),
        });
      },
    }),
});
