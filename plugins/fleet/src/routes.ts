import { createRouteRef } from '@backstage/core-plugin-api';

/** The fleet overview page. */
export const rootRouteRef = createRouteRef({ id: 'fleet' });

/** The Fleet tab of an entity page (legacy system). */
export const entityContentRouteRef = createRouteRef({
  id: 'fleet:entity-content',
});
