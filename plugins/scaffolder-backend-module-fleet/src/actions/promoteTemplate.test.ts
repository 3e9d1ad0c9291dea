import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { fleetService } from './__testUtils__/exampleFleet';
import { createFleetPromoteAction } from './promote';
import { createFleetPublishLocalAction } from './publishLocal';

const TEMPLATE = resolve(
  __dirname,
  '../../../../examples/catalog/templates/promote-app.yaml',
);

describe('examples/catalog/templates/promote-app.yaml', () => {
  const fleet = fleetService();
  const actions = [
    createFleetPromoteAction({
      fleet,
      permissions: mockServices.permissions.mock(),
    }),
    createFleetPublishLocalAction({ fleet }),
  ];

  it("offers the parameters the Deployed-to card's Promote link fills in, with the fleet's fields", async () => {
    const template = parse(await fs.readFile(TEMPLATE, 'utf8'));
    expect(template.metadata.name).toBe('promote-app');
    const [what, review] = template.spec.parameters;
    expect(what.required).toEqual(['app', 'to']);
    expect(what.properties.app['ui:field']).toBe('FleetAppPicker');
    expect(what.properties.to).toMatchObject({
      type: 'array',
      'ui:field': 'FleetClusterPicker',
    });
    expect(what.properties.strategy.enum).toEqual([
      'auto',
      'reference',
      'overlay',
      'common',
    ]);
    expect(review.properties.preview['ui:field']).toBe('FleetPromotionPreview');
  });

  it('passes each step only inputs its action declares, and every required one', async () => {
    const template = parse(await fs.readFile(TEMPLATE, 'utf8'));
    for (const step of template.spec.steps) {
      const action = actions.find(a => a.id === step.action)!;
      expect(action).toBeDefined();
      const schema = action.schema!.input as {
        properties: Record<string, unknown>;
        required?: string[];
      };
      expect(
        Object.keys(step.input).filter(k => !(k in schema.properties)),
      ).toEqual([]);
      expect((schema.required ?? []).filter(k => !(k in step.input))).toEqual(
        [],
      );
    }
  });
});
