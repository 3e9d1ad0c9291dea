import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples of `fleet:promote`; `promote.test.ts` runs every one of them on the example fleet. */
export const examples: TemplateExample[] = [
  {
    description:
      'Promote foo-app from test to prod, the planner choosing the strategy',
    example: `steps:
  - id: promote
    action: fleet:promote
    name: Plan the promotion
    input:
      app: foo-app
      to: [prod]
`,
  },
  {
    description:
      'Give prod an overlay of its own for foo-app, written under promotion/ in the workspace',
    example: `steps:
  - id: promote
    action: fleet:promote
    name: Plan the promotion
    input:
      app: foo-app
      to: [prod]
      strategy: overlay
      targetPath: promotion
`,
  },
  {
    description: 'Remove foo-app from test',
    example: `steps:
  - id: remove
    action: fleet:promote
    name: Plan the removal
    input:
      app: foo-app
      to: [test]
      remove: true
`,
  },
];
