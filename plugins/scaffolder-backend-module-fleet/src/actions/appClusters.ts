import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  clustersOf,
  selectApp,
} from '@flux-fleet/backstage-plugin-fleet-common';
import type { FleetService } from '@flux-fleet/backstage-plugin-fleet-node';
import type { FleetAppClustersInput, FleetAppClustersOutput } from './types';

/**
 * `fleet:app:clusters` — where a fleet app runs now and where it does not,
 * so a template can offer only the clusters an app can be promoted to.
 *
 * @public
 */
export function createFleetAppClustersAction(options: {
  fleet: FleetService;
}): TemplateAction<FleetAppClustersInput, FleetAppClustersOutput, 'v2'> {
  return createTemplateAction({
    id: 'fleet:app:clusters',
    description:
      'Lists the clusters a fleet app is deployed to, and the ones it is not deployed to.',
    supportsDryRun: true,
    schema: {
      input: {
        app: z =>
          z
            .string()
            .min(1)
            .describe(
              'The fleet app name, e.g. "foo-app" (the unit apps/<app>).',
            ),
      },
      output: {
        deployedTo: z =>
          z
            .array(z.string())
            .describe('Clusters that receive the app, sorted.'),
        notDeployedTo: z =>
          z.array(z.string()).describe('Clusters that do not, sorted.'),
        revision: z =>
          z
            .string()
            .nullable()
            .describe('The fleet revision the answer was read from.'),
      },
    },
    async handler(ctx) {
      const { matrix } = await options.fleet.getState();
      // the same app lookup as the catalog and the API (any fleet layout)
      const selection = selectApp(matrix, { app: ctx.input.app });
      if (!selection) {
        throw new InputError(
          `The fleet has no app "${ctx.input.app}" (no unit, HelmRelease or Flux Kustomization of that name)`,
        );
      }
      const deployed = new Set(clustersOf(selection));
      const all = matrix.clusters.map(c => c.name).sort();
      ctx.output(
        'deployedTo',
        all.filter(c => deployed.has(c)),
      );
      ctx.output(
        'notDeployedTo',
        all.filter(c => !deployed.has(c)),
      );
      ctx.output('revision', matrix.revision);
    },
  });
}
